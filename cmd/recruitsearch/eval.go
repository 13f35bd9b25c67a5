package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/corpus/eval"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

type evalOptions struct {
	index      indexFlag
	queries    string
	judgements string
	json       bool
}

// newEvalCmd builds the eval command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newEvalCmd(a *app, runF func(context.Context, *evalOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runEval
	}
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure ranking quality: nDCG@10, MRR@10, P@5 and R@20 over judged queries",
		Long: "eval runs a set of judged queries and scores what came back: nDCG@10 (graded\n" +
			"gain 2^grade-1), MRR@10 (first passage graded 2 or more), precision@5 and\n" +
			"recall@20 (relevant = graded 1 or more). Queries are listed worst first; for the\n" +
			"worst, it shows what was ranked above the best passage.\n\n" +
			"Without flags it runs the built-in set on the embedded corpus. --queries and\n" +
			"--judgements take JSON or TSV (see corpus/eval/README.md); with --judgements\n" +
			"alone, the built-in queries that file judges are run with its judgements only.",
		Example: "  recruitsearch eval\n" +
			"  recruitsearch eval --json\n" +
			"  recruitsearch eval --index ./idx --queries my-queries.tsv --judgements my-judgements.tsv",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	f.StringVar(&opts.queries, "queries", "", "query set, JSON or TSV (default: the built-in set)")
	f.StringVar(&opts.judgements, "judgements", "", "judgements, JSON or TSV, added to the queries' own")
	f.BoolVar(&opts.json, "json", false, "print the report as JSON")
	return cmd
}

func (a *app) runEval(ctx context.Context, opts *evalOptions) error {
	set, name, err := loadEvalSet(opts)
	if err != nil {
		return err
	}
	idx, err := a.openForReading(ctx, opts.index.resolve(a), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	rep, err := evaluate(ctx, idx, set, name)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, rep)
	}
	out := a.listing() // the table fitted to the width, the explanations wrapped
	if err := rep.WriteText(out, a.outputWidth()); err != nil {
		return err
	}
	return out.Flush()
}

// loadEvalSet reads the query set and judgements the flags name; name is
// the file that span errors should blame.
func loadEvalSet(opts *evalOptions) (set *eval.Set, name string, err error) {
	name = eval.BuiltinName
	if opts.queries == "" {
		set, err = eval.Builtin()
		if err != nil {
			return nil, "", err
		}
		if opts.judgements != "" {
			for i := range set.Queries {
				set.Queries[i].Judgements = nil
			}
		}
	} else {
		name = opts.queries
		data, err := os.ReadFile(opts.queries)
		if err != nil {
			return nil, "", err
		}
		if set, err = eval.ParseQueries(opts.queries, data); err != nil {
			return nil, "", err
		}
	}
	if opts.judgements != "" {
		name = opts.judgements
		data, err := os.ReadFile(opts.judgements)
		if err != nil {
			return nil, "", err
		}
		js, err := eval.ParseJudgements(opts.judgements, data)
		if err != nil {
			return nil, "", err
		}
		if err := set.Merge(opts.judgements, js); err != nil {
			return nil, "", err
		}
		if opts.queries == "" {
			// Built-in queries judged anew: run those the file judges.
			judged := set.Queries[:0]
			for _, q := range set.Queries {
				if len(q.Judgements) > 0 {
					judged = append(judged, q)
				}
			}
			set.Queries = judged
		}
	}
	if err := set.Check(name); err != nil {
		return nil, "", err
	}
	return set, name, nil
}

// evaluate resolves the set's judgements against the index's articles and
// runs every query through the index's search.
func evaluate(ctx context.Context, idx *index.Index, set *eval.Set, name string) (*eval.Report, error) {
	articles, err := indexedArticles(ctx, idx)
	if err != nil {
		return nil, err
	}
	judged, err := set.Resolve(name, articles)
	if err != nil {
		return nil, err
	}
	return eval.Run(ctx, judged, func(ctx context.Context, query string, n int) ([]eval.Hit, error) {
		res, err := idx.Search(ctx, index.Request{Query: query, Size: n})
		if err != nil {
			return nil, err
		}
		hits := make([]eval.Hit, len(res.Hits))
		for i, h := range res.Hits {
			hits[i] = eval.Hit{ID: h.ID, Kind: h.Kind, Text: strings.TrimSpace(h.Question + " " + h.Text)}
		}
		return hits, nil
	})
}

// indexedArticles loads every article in the index with its passages.
func indexedArticles(ctx context.Context, idx *index.Index) ([]*ingest.Article, error) {
	list, err := idx.Articles(ctx)
	if err != nil {
		return nil, err
	}
	articles := make([]*ingest.Article, 0, len(list))
	for _, s := range list {
		art, err := idx.Article(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("reading article %s: %w", s.ID, err)
		}
		articles = append(articles, art)
	}
	return articles, nil
}
