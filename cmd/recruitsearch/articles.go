package main

import (
	"context"
	"fmt"
	"text/tabwriter"

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
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCOUNCIL\tPUBLISHED\tPASSAGES\tTITLE")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", s.ID, st.text(s.Council), s.Published, s.Passages, st.text(s.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d articles\n", len(list))
	return nil
}
