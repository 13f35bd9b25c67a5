package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/internal/bulkgc"
)

type rebuildOptions struct {
	index indexFlag
	force bool
}

// newRebuildCmd builds the rebuild command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newRebuildCmd(a *app, runF func(context.Context, *rebuildOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runRebuild
	}
	opts := &rebuildOptions{}
	cmd := &cobra.Command{
		Use:   "rebuild",
		Short: "Regenerate an index from the source articles it keeps",
		Long: "rebuild re-parses the source files kept in the index directory into a fresh\n" +
			"index built beside the old one, and swaps it in when complete. Run it after an\n" +
			"upgrade that changes parsing or the mapping, or when the index is damaged.\n\n" +
			"It refuses, leaving the index as it was, when a kept source cannot be read or\n" +
			"the new index would lack articles the current one holds; --force swaps it in\n" +
			"anyway, keeping what can be read.",
		Example: "  recruitsearch rebuild --index ./idx",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.index.resolve(a) == "" {
				return usageErrorf("rebuild needs --index DIR (or %s)", envIndex)
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", "index directory to rebuild (env "+envIndex+")")
	cmd.Flags().BoolVar(&opts.force, "force", false, "swap the new index in even if some kept sources cannot be read")
	return cmd
}

func (a *app) runRebuild(ctx context.Context, opts *rebuildOptions) (err error) {
	dir := opts.index.resolve(a)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no index at %s to rebuild", dir)
	}
	start := time.Now()
	defer bulkgc.Start()()
	// OpenRebuilt works whether or not the old index can still be opened:
	// it reads only the kept sources, builds aside and switches over.
	idx, err := index.OpenRebuilt(ctx, dir, index.Options{Logger: a.logger}, index.RebuildOptions{
		Force:  opts.force,
		Notice: func(msg string) { fmt.Fprintf(a.stderr, "recruitsearch: %s\n", msg) },
	})
	if errors.Is(err, context.Canceled) {
		return interruptedRebuild(dir) // not the source it was reading
	}
	if err != nil {
		return lockedHint(err)
	}
	defer closeChecked(idx, &err)
	stats, err := idx.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "rebuilt %s: %d articles, %d passages in %s\n",
		dir, stats.Articles, stats.Passages, time.Since(start).Round(time.Millisecond))
	return nil
}

// interruptedRebuild is the error of a rebuild (`rebuild` or `ingest
// --rebuild`) stopped by Ctrl-C or SIGTERM before it swapped anything in.
func interruptedRebuild(dir string) error {
	return fmt.Errorf("rebuild interrupted; %s left as it was: %w", dir, context.Canceled)
}
