package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
)

// exportFormats are the --format values: both engines take the same
// template and bulk files.
var exportFormats = []string{"opensearch", "elasticsearch"}

type exportOptions struct {
	index   indexFlag
	format  string
	out     string
	name    string
	chunkMB float64
	json    bool
}

// newExportCmd builds the export command; runF replaces the work in tests
// that only check flag parsing (nil runs it for real).
func newExportCmd(a *app, runF func(context.Context, *exportOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runExport
	}
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export --out FOLDER",
		Short: "Write the index for OpenSearch or Elasticsearch: index template and bulk NDJSON",
		Long: "export writes every passage of the index to FOLDER for OpenSearch 2.x or\n" +
			"Elasticsearch 8.x: template.json, a composable index template with our English\n" +
			"analysis, domain synonyms and a keyword field per facet; passages-NNNNN.ndjson,\n" +
			"bulk requests of at most --chunk-mb each (an index action, then the passage JSON\n" +
			"of `show ID --json` with the facet fields it lacks); README.md with the curl\n" +
			"commands that load them. FOLDER must be new, empty or an earlier export, whose\n" +
			"files are replaced; a folder holding anything else is refused and left alone.",
		Example: "  recruitsearch export --out opensearch-export\n" +
			"  recruitsearch export --index ./idx --format elasticsearch --name council-passages --out opensearch-export",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	f.StringVar(&opts.format, "format", exportFormats[0], "engine to write for: "+strings.Join(exportFormats, " or ")+" (the files are the same)")
	f.StringVar(&opts.out, "out", "", "folder to write the export to (new, empty, or an earlier export)")
	f.StringVar(&opts.name, "name", index.DefaultOpenSearchIndex, "index name the bulk actions and the template target")
	f.Float64Var(&opts.chunkMB, "chunk-mb", float64(index.DefaultExportFileBytes)/(1<<20), "largest bulk file, in MiB (a bulk request is best kept to 5–15 MB)")
	f.BoolVar(&opts.json, "json", false, "print what was written as JSON")
	return cmd
}

func (o *exportOptions) validate() error {
	format := strings.ToLower(o.format)
	found := false
	for _, f := range exportFormats {
		found = found || f == format
	}
	switch {
	case !found:
		return usageErrorf("--format %q: use %s", o.format, strings.Join(exportFormats, " or "))
	case o.out == "":
		return usageErrorf("export needs --out FOLDER")
	case math.IsNaN(o.chunkMB) || o.chunkMB*(1<<20) < index.MinExportFileBytes:
		return usageErrorf("--chunk-mb must be at least %g, got %g", float64(index.MinExportFileBytes)/(1<<20), o.chunkMB)
	}
	if err := index.ValidOpenSearchIndexName(o.name); err != nil {
		return usageErrorf("--name: %v", err)
	}
	o.format = format
	return nil
}

func (a *app) runExport(ctx context.Context, opts *exportOptions) error {
	idx, err := a.openForReading(ctx, opts.index.resolve(a), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	rep, err := idx.ExportOpenSearch(ctx, opts.out, index.ExportOptions{
		Name:         opts.name,
		MaxFileBytes: int64(opts.chunkMB * (1 << 20)),
	})
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, rep)
	}
	fmt.Fprintf(a.stdout, "wrote %d passages for index %s to %s: %d bulk file(s), %s\n",
		rep.Passages, rep.Index, rep.Dir, len(rep.Files), humanBytes(rep.Bytes))
	fmt.Fprintf(a.stdout, "load them with the two commands in %s\n", filepath.Join(rep.Dir, rep.Readme))
	return nil
}
