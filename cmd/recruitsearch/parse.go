package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/ingest"
)

type parseOptions struct {
	files []string
	json  bool
}

// newParseCmd builds the parse command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newParseCmd(a *app, runF func(context.Context, *parseOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runParse
	}
	opts := &parseOptions{}
	cmd := &cobra.Command{
		Use:   "parse FILE...",
		Short: "Show what ingest makes of a file: article fields and passages",
		Long: "parse reads article files (plain text, HTML, Markdown or JSON lines; folders are\n" +
			"read recursively) and prints the article fields and passages ingest makes of\n" +
			"them, without indexing anything, so you can see why a passage is shaped as it is.",
		Example: "  recruitsearch parse corpus/articles/000_911ea07976163ea1.txt\n" +
			"  recruitsearch parse article.html --json | jq '.[0].passages[].kind'",
		Args: minArgs(1, "at least one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the articles as a JSON array")
	return cmd
}

func (a *app) runParse(ctx context.Context, opts *parseOptions) error {
	files, errs := collectFiles(opts.files)
	for _, err := range errs {
		reportFileError(a.stderr, "", err)
	}
	failed := len(errs)
	articles := []*ingest.Article{}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readSource(name)
		if err != nil {
			reportFileError(a.stderr, name, err)
			failed++
			continue
		}
		parsed, err := ingest.ParseContext(ctx, name, data, ingest.Options{})
		if ctx.Err() != nil {
			return ctx.Err() // a Ctrl-C: stop now, not after the next file
		}
		if err != nil {
			reportFileError(a.stderr, name, err)
			failed++
		}
		articles = append(articles, parsed...)
	}
	if opts.json {
		if err := writeJSON(a.stdout, articles); err != nil {
			return err
		}
	} else {
		st, out := a.newStyle(a.stdout), a.listing()
		for i, art := range articles {
			if i > 0 {
				fmt.Fprintln(out)
			}
			printArticle(out, st, art)
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &reportedError{failureSummary(failed, len(files)+len(errs), "file", "parsed")}
	}
	return nil
}

// writeJSON prints v as indented JSON without escaping <, > and &, so
// highlights and article text read as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printArticle writes an article's fields and then its passages in order.
func printArticle(w io.Writer, st style, art *ingest.Article) {
	fmt.Fprintln(w, st.bold(st.text(art.Title)))
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-11s %s\n", name, st.text(value))
		}
	}
	field("id", art.ID)
	field("standfirst", art.Standfirst)
	field("banner", art.Banner)
	field("column", art.Column)
	council := art.Council
	if council != "" && art.Region != "" {
		council += " (" + art.Region + ")"
	}
	if council != "" && art.CouncilSource != "" {
		council += ", from the " + art.CouncilSource
	}
	field("council", council)
	if art.Sponsored {
		field("sponsored", cmp.Or(art.Sponsor, "yes (sponsor not named)"))
	}
	field("published", publishedLabel(art.Published, art.PublishedEstimated))
	field("source", art.Source)
	field("url", art.URL)
	field("format", string(art.Format))
	field("passages", fmt.Sprint(len(art.Passages)))
	for _, p := range art.Passages {
		fmt.Fprintln(w)
		printPassage(w, st, &p)
	}
}

// printPassage writes one passage: a header line with its ordinal, kind,
// speaker, heading and topics, then its question, text and items indented.
func printPassage(w io.Writer, st style, p *ingest.Passage) {
	header := []string{st.bold(fmt.Sprintf("#%d %s", p.Ordinal, p.Kind))}
	if who := speakerLine(p.Speaker, p.Role); who != "" {
		header = append(header, st.text(who))
	}
	if p.Date != "" {
		header = append(header, p.Date)
	}
	if p.Heading != "" {
		header = append(header, st.dim("under "+st.text(p.Heading)))
	}
	if len(p.Topics) > 0 {
		header = append(header, st.dim("["+strings.Join(p.Topics, ", ")+"]"))
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(header, "  "))
	if p.Question != "" {
		fmt.Fprintf(w, "    Q: %s\n", st.text(p.Question))
	}
	fmt.Fprintf(w, "    %s\n", st.text(p.Text))
	for _, item := range p.Items {
		fmt.Fprintf(w, "      • %s\n", st.text(item))
	}
}

// speakerLine is "Name, role", or whichever of the two is known.
func speakerLine(speaker, role string) string {
	switch {
	case speaker != "" && role != "":
		return speaker + ", " + role
	case speaker != "":
		return speaker
	default:
		return role
	}
}
