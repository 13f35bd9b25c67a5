package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
)

type showOptions struct {
	index indexFlag
	id    string
	json  bool
}

// newShowCmd builds the show command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newShowCmd(a *app, runF func(context.Context, *showOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runShow
	}
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show an article with its passages in order, or one passage",
		Long: "show prints the article with id ID and its passages in document order, or,\n" +
			"for a passage id (article-id#ordinal, as search lists them), that passage with\n" +
			"the passages before and after it.",
		Example: "  recruitsearch show in-a-good-place-what-is-it-like-to-be-a-social-worker-in\n" +
			"  recruitsearch show 'in-a-good-place-what-is-it-like-to-be-a-social-worker-in#6' --json",
		Args: exactArgs(1, "one article or passage ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = strings.TrimSpace(args[0])
			if opts.id == "" {
				return usageErrorf("empty ID: give an article id or a passage id (article-id#ordinal)")
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the article or passage as JSON")
	return cmd
}

func (a *app) runShow(ctx context.Context, opts *showOptions) error {
	idx, err := a.openForReading(ctx, opts.index.resolve(a), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	st, out := a.newStyle(a.stdout), a.listing()
	if strings.Contains(opts.id, "#") {
		p, err := idx.Passage(ctx, opts.id)
		if errors.Is(err, index.ErrNotFound) {
			return fmt.Errorf("no passage with id %q (search lists passage ids)", opts.id)
		}
		if err != nil {
			return err
		}
		if opts.json {
			return writeJSON(a.stdout, p)
		}
		fmt.Fprintf(out, "%s\n", st.bold(st.text(p.ArticleTitle)))
		var byline []string
		if p.Council != "" {
			byline = append(byline, st.text(p.Council))
		}
		if p.Published != "" {
			byline = append(byline, hitDate(p.Published))
		}
		fmt.Fprintf(out, "  %s%s\n", strings.Join(byline, " · "), st.dim(" — "+p.ArticleID))
		if p.Previous != nil {
			fmt.Fprintln(out)
			printPassage(out, st.plain(), p.Previous)
		}
		fmt.Fprintln(out)
		printPassage(out, st, &p.Passage)
		if p.Next != nil {
			fmt.Fprintln(out)
			printPassage(out, st.plain(), p.Next)
		}
		return out.Flush()
	}
	art, err := idx.Article(ctx, opts.id)
	if errors.Is(err, index.ErrNotFound) {
		return fmt.Errorf("no article with id %q (`recruitsearch articles` lists them)", opts.id)
	}
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, art)
	}
	printArticle(out, st, art)
	return out.Flush()
}
