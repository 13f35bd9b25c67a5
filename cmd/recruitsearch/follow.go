package main

import (
	"context"
	"fmt"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/fetch"
	"github.com/recruitsearch/recruitsearch/index"
)

// followFlags are serve's flags for keeping the index current from the web.
type followFlags struct {
	urls  []string
	every time.Duration
	fetch fetchFlags
}

// checkFollow refuses --follow without an index to write to, a --every
// that is not positive, or no contact url: serve asks before it opens the
// index, so a refused command leaves no index behind.
func (a *app) checkFollow(o followFlags, dir string) error {
	if dir == "" {
		return usageErrorf("--follow writes to an index: give --index DIR")
	}
	if o.every <= 0 {
		return usageErrorf("--every must be positive, got %s", o.every)
	}
	_, err := a.contact(o.fetch)
	return err
}

// startFollow follows the urls into idx (the server's single writer) in
// the background, logging each failure; the returned follower is for
// /api/stats and /metrics, and stop ends it and waits, so the index is
// closed only after its last write.
func (a *app) startFollow(ctx context.Context, o followFlags, dir string, idx *index.Index) (fl *fetch.Follower, stop func(), err error) {
	if err := a.checkFollow(o, dir); err != nil {
		return nil, nil, err
	}
	f, err := a.newFetcher(o.fetch, dir)
	if err != nil {
		return nil, nil, err
	}
	fl = fetch.NewFollower(f, idx, o.urls, o.every)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = fl.Run(ctx, func(r fetch.Result) {
			switch {
			case r.Outcome == fetch.Failed:
				a.logger.Warn("fetch failed", "url", r.URL, "err", r.Err)
			case r.Report.Added+r.Report.Replaced > 0:
				a.logger.Info("fetched", "url", r.URL, "source", r.Source, "added", r.Report.Added, "replaced", r.Report.Replaced)
			default:
				a.logger.Debug("fetched", "url", r.URL, "outcome", string(r.Outcome), "kind", string(r.Kind))
			}
		})
	}()
	fmt.Fprintf(a.stdout, "recruitsearch: following %s every %s\n", plural(len(o.urls), "URL"), o.every)
	return fl, func() { cancel(); <-done }, nil
}
