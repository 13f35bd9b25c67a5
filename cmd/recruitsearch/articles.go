package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"

	"github.com/spf13/cobra"
)

type articlesOptions struct {
	index indexFlag
	json  bool
}

// newArticlesCmd builds the articles command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newArticlesCmd(a *app, runF func(context.Context, *articlesOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runArticles
	}
	opts := &articlesOptions{}
	cmd := &cobra.Command{
		Use:   "articles",
		Short: "List the indexed articles: id, title, council, passage count",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the list as JSON")
	return cmd
}

// articlesTable heads the articles listing. To fit a terminal the title
// is cut first, then the council; the id is never cut, since it is what
// show takes. Where even that does not fit, each article is listed as a
// block (see printArticleBlocks).
var articlesTable = table{
	header: []string{"ID", "COUNCIL", "PUBLISHED", "PASSAGES", "TITLE"},
	shrink: []shrinkColumn{{col: 4, least: 24}, {col: 1, least: 14}},
}

// printArticleBlocks lists articles for a terminal too narrow for the
// table: the id on a line of its own, then the title, then council,
// date and passage count, wrapped to the width.
func printArticleBlocks(out io.Writer, st style, list []index.ArticleSummary) {
	for _, s := range list {
		fmt.Fprintln(out, st.bold(s.ID))
		fmt.Fprintf(out, "  %s\n", st.text(s.Title))
		details := []string{st.text(s.Council)}
		if s.Published != "" {
			details = append(details, publishedLabel(s.Published, s.PublishedEstimated))
		}
		details = append(details, fmt.Sprintf("%d passages", s.Passages))
		fmt.Fprintf(out, "  %s\n", st.dim(strings.Join(details, " · ")))
	}
}

// publishedLabel is "2018", or "about 2018 (estimated)" for a date
// guessed from the text, in the words the pages use.
func publishedLabel(published string, estimated bool) string {
	if published != "" && estimated {
		return "about " + published + " (estimated)"
	}
	return published
}

func (a *app) runArticles(ctx context.Context, opts *articlesOptions) error {
	idx, err := a.openForReading(ctx, opts.index.resolve(a), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	list, err := idx.Articles(ctx)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, list)
	}
	st := a.newStyle(a.stdout)
	t := articlesTable
	t.rows = make([][]string, len(list))
	for i, s := range list {
		t.rows[i] = []string{s.ID, st.text(s.Council), publishedLabel(s.Published, s.PublishedEstimated), strconv.Itoa(s.Passages), st.text(s.Title)}
	}
	if width := a.outputWidth(); !t.fits(width) {
		out := a.listing()
		printArticleBlocks(out, st, list)
		if err := out.Flush(); err != nil {
			return err
		}
	} else if err := t.write(a.stdout, width); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d articles\n", len(list))
	return nil
}
