package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/corpus/bench"
	"github.com/recruitsearch/recruitsearch/ingest"
)

type benchOptions struct {
	articles       int
	seed           uint64
	format         string
	batch          int
	queries        string
	exportPassages string
	exportQueries  string
	json           bool
	clients        int
	duration       time.Duration
	cpuProfile     string
	memProfile     string
	dir            string
}

// newBenchCmd builds the bench command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newBenchCmd(a *app, runF func(context.Context, *benchOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runBench
	}
	opts := &benchOptions{}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure indexing and search speed on synthetic articles",
		Long: "bench generates --articles synthetic articles (corpus/synth, seeded by --seed),\n" +
			"parses them in parallel and indexes them into a temporary on-disk index, then\n" +
			"runs a query mix (single words, two or three words, phrases, filtered, faceted,\n" +
			"misspelt, prefix, collapsed) for --duration in-process on one goroutine, and\n" +
			"again over HTTP on loopback from --clients concurrent clients. --queries FILE\n" +
			"runs its lines as queries instead of the built-in mix. --export-passages FILE\n" +
			"writes the indexed passages as JSON lines, in article-number order, so other\n" +
			"engines can be measured on the same data; --export-queries FILE writes the\n" +
			"queries it runs, one per line, and without --queries runs a plain mix that a\n" +
			"line of text can carry (words, phrases, broad and misspelt words: no filters,\n" +
			"collapse or prefix*), so other engines can run the same queries.\n" +
			"corpus/bench/peers.sh runs the peers side by side this way. --json prints the\n" +
			"figures as one JSON object. The harness is package corpus/bench.",
		Example: "  recruitsearch bench --articles 2000 --json\n" +
			"  recruitsearch bench --articles 8000 --cpuprofile cpu.out --memprofile mem.out\n" +
			"  recruitsearch bench --articles 800 --export-passages p.jsonl --export-queries q.txt --json",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.config().Validate(); err != nil {
				return benchUsage(err)
			}
			return runF(cmd.Context(), opts)
		},
	}
	d := bench.DefaultConfig()
	f := cmd.Flags()
	f.IntVar(&opts.articles, "articles", d.Articles, "number of synthetic articles to generate and index")
	f.Uint64Var(&opts.seed, "seed", d.Seed, "generator seed: the same seed gives the same articles and queries")
	f.StringVar(&opts.format, "format", string(d.Format), "format to generate the articles in: text, markdown, html or jsonl")
	f.IntVar(&opts.batch, "batch", d.Batch, "articles per index.Add call (bigger batches cost less CPU per passage)")
	f.StringVar(&opts.queries, "queries", "", "file of queries, one per line, to run instead of the built-in mix")
	f.StringVar(&opts.exportPassages, "export-passages", "", "write the indexed passages to this file as JSON lines")
	f.StringVar(&opts.exportQueries, "export-queries", "", "write the queries run to this file, one per line (draws the plain mix unless --queries)")
	f.BoolVar(&opts.json, "json", false, "print the figures as JSON")
	f.IntVar(&opts.clients, "clients", d.Clients, "concurrent HTTP clients")
	f.DurationVar(&opts.duration, "duration", d.Duration, "how long each query phase (in-process, HTTP) runs")
	f.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	f.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	f.StringVar(&opts.dir, "dir", "", "build the index in this new directory and keep it (default: a temporary one, removed)")
	return cmd
}

// config is the bench.Config the flags describe, without the files the
// flags name.
func (o *benchOptions) config() bench.Config {
	return bench.Config{
		Articles: o.articles,
		Seed:     o.seed,
		Format:   ingest.Format(o.format),
		Batch:    o.batch,
		Clients:  o.clients,
		Duration: o.duration,
		Dir:      o.dir,
	}
}

// benchUsage turns a *bench.ConfigError into a usage error naming the
// flag: each flag is named after its Config field, in lower case.
func benchUsage(err error) error {
	var ce *bench.ConfigError
	if errors.As(err, &ce) {
		return usageErrorf("--%s %s", strings.ToLower(ce.Field), ce.Problem)
	}
	return err
}

func (a *app) runBench(ctx context.Context, opts *benchOptions) (err error) {
	cfg := opts.config()
	cfg.Logger = a.logger
	// The details go to stderr even with --json, which keeps stdout for
	// the report alone.
	cfg.Progress = func(line string) { fmt.Fprintf(a.stderr, "bench: %s\n", line) }
	if opts.queries != "" {
		if cfg.Queries, err = readQueryFile(opts.queries); err != nil {
			return err
		}
	}
	var out outputFiles
	defer func() {
		if cerr := out.close(); err == nil {
			err = cerr
		}
	}()
	if cfg.Export, err = out.create("--export-passages", opts.exportPassages); err != nil {
		return err
	}
	if cfg.ExportQueries, err = out.create("--export-queries", opts.exportQueries); err != nil {
		return err
	}
	if cfg.CPUProfile, err = out.create("--cpuprofile", opts.cpuProfile); err != nil {
		return err
	}
	if cfg.HeapProfile, err = out.create("--memprofile", opts.memProfile); err != nil {
		return err
	}
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		return benchUsage(err)
	}
	if opts.json {
		return writeJSON(a.stdout, rep)
	}
	return rep.WriteText(a.stdout)
}

// readQueryFile reads the --queries file.
func readQueryFile(path string) ([]bench.Query, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--queries: %v", err)
	}
	qs := bench.ParseQueries(data)
	if len(qs) == 0 {
		return nil, usageErrorf("--queries %s holds no queries (one per line; # starts a comment)", path)
	}
	return qs, nil
}

// outputFiles are the files the bench writes besides stdout, each named by
// the flag that asked for it.
type outputFiles struct {
	files []*os.File
	flags []string
}

// create creates the file path for flag, or returns nil when path is "".
func (o *outputFiles) create(flag, path string) (io.Writer, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	o.files = append(o.files, f)
	o.flags = append(o.flags, flag)
	return f, nil
}

// close closes every file, reporting each that fails: a write that
// failed at close is a truncated file.
func (o *outputFiles) close() error {
	var errs []error
	for i, f := range o.files {
		if err := f.Close(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", o.flags[i], err))
		}
	}
	return errors.Join(errs...)
}
