package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
)

type checkOptions struct {
	index indexFlag
	json  bool
}

// newCheckCmd builds the check command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newCheckCmd(a *app, runF func(context.Context, *checkOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runCheck
	}
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify an index and its kept sources; exit 1 naming what is wrong",
		Long: "check reads back every kept source against its checksum, every index segment\n" +
			"against its CRC, every manifest line, and compares the articles and passages\n" +
			"the index holds with those its kept sources list. It changes nothing. It prints\n" +
			"each problem found and exits 1 when there is one; `recruitsearch rebuild`\n" +
			"repairs an index whose kept sources are whole.",
		Example: "  recruitsearch check --index ./idx",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.index.resolve(a) == "" {
				return usageErrorf("check needs --index DIR (or %s)", envIndex)
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", "index directory to check (env "+envIndex+")")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the report as JSON")
	return cmd
}

func (a *app) runCheck(ctx context.Context, opts *checkOptions) error {
	dir := opts.index.resolve(a)
	rep, err := index.Check(ctx, dir, index.Options{Logger: a.logger})
	if err != nil {
		return lockedHint(err)
	}
	if opts.json {
		if err := writeJSON(a.stdout, rep); err != nil {
			return err
		}
	} else {
		printCheck(a, rep)
	}
	if !rep.OK() {
		return &reportedError{fmt.Sprintf("%s: %s found", dir, plural(len(rep.Problems), "problem"))}
	}
	return nil
}

func printCheck(a *app, rep *index.CheckReport) {
	for _, p := range rep.Problems {
		fmt.Fprintf(a.stdout, "problem   %s\n", p)
	}
	status := "ok"
	if !rep.OK() {
		status = plural(len(rep.Problems), "problem")
	}
	fmt.Fprintf(a.stdout, "%s: %s; index: %s, %s in %s; kept: %s listing %s\n",
		rep.Dir, status, plural(rep.Articles, "article"), plural(rep.Passages, "passage"),
		plural(rep.Segments, "segment"), plural(rep.Sources, "source"), plural(rep.SourceArticles, "article"))
}
