package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
)

type statsOptions struct {
	index indexFlag
	json  bool
}

// newStatsCmd builds the stats command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newStatsCmd(a *app, runF func(context.Context, *statsOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runStats
	}
	opts := &statsOptions{}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count articles and passages, per council and per topic, and the index size",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the figures as JSON")
	return cmd
}

func (a *app) runStats(ctx context.Context, opts *statsOptions) error {
	idx, err := a.openForReading(ctx, opts.index.resolve(a), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	s, err := idx.Stats(ctx)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, s)
	}
	where := "embedded corpus, in memory"
	if s.Path != "" {
		where = s.Path
	}
	fmt.Fprintf(a.stdout, "index     %s\n", where)
	fmt.Fprintf(a.stdout, "articles  %d\n", s.Articles)
	fmt.Fprintf(a.stdout, "passages  %d\n", s.Passages)
	if s.Path != "" {
		fmt.Fprintf(a.stdout, "size      %s on disk\n", humanBytes(s.DiskBytes))
	}
	st := a.newStyle(a.stdout)
	for _, group := range []struct {
		title  string
		values []index.FacetValue
	}{{"councils", s.Councils}, {"topics", s.Topics}} {
		fmt.Fprintf(a.stdout, "\n%s\n", st.bold(group.title))
		for _, v := range group.values {
			fmt.Fprintf(a.stdout, "%6d  %s\n", v.Count, st.text(v.Value))
		}
	}
	return nil
}

// humanBytes is n in B, KB, MB or GB (powers of 1024), one decimal place.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	value, suffix := float64(n), "B"
	for _, s := range []string{"KB", "MB", "GB", "TB"} {
		if value < unit {
			break
		}
		value /= unit
		suffix = s
	}
	return fmt.Sprintf("%.1f %s", value, suffix)
}
