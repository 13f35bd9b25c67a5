package fetch

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Follower fetches the same urls every interval for `serve --follow`,
// writing through w, and remembers per url what its last round did.
type Follower struct {
	f     *Fetcher
	w     Writer
	roots []string
	every time.Duration

	mu     sync.Mutex
	status map[string]*SourceStatus
}

// SourceStatus is what /api/stats shows for one followed url.
type SourceStatus struct {
	URL string `json:"url"`
	// LastFetched is when its last round ended; absent before the first.
	LastFetched *time.Time `json:"last_fetched,omitempty"`
	// Result is "ok", "failed" (some url failed; see Error) or "pending".
	Result string `json:"result"`
	// Error is the first failure of the last round.
	Error string `json:"error,omitempty"`
	// Last is what the last round fetched and wrote.
	Last Summary   `json:"last"`
	Next time.Time `json:"next_fetch"`
}

// NewFollower follows roots with f every interval, writing to w.
func NewFollower(f *Fetcher, w Writer, roots []string, every time.Duration) *Follower {
	fl := &Follower{f: f, w: w, roots: roots, every: every, status: map[string]*SourceStatus{}}
	for _, r := range roots {
		fl.status[r] = &SourceStatus{URL: r, Result: "pending", Next: f.opts.Now()}
	}
	return fl
}

// Run fetches every followed url at once and then every interval until ctx
// ends. report hears about each url (nil for none).
func (fl *Follower) Run(ctx context.Context, report func(Result)) error {
	for {
		next := fl.f.opts.Now().Add(fl.every)
		for _, root := range fl.roots {
			if ctx.Err() != nil {
				return nil
			}
			var first error
			sum, err := fl.f.Run(ctx, []string{root}, fl.w, func(r Result) {
				if r.Err != nil && first == nil && r.Outcome == Failed {
					first = r.Err
				}
				if report != nil {
					report(r)
				}
			})
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil
			}
			if err != nil && first == nil {
				first = err
			}
			fl.record(root, sum, first, next)
		}
		if err := sleep(ctx, next.Sub(fl.f.opts.Now())); err != nil {
			return nil
		}
	}
}

func (fl *Follower) record(root string, sum Summary, err error, next time.Time) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	now := fl.f.opts.Now().UTC()
	if next.Before(now) {
		next = now // the round took longer than the interval: the next starts now
	}
	st := fl.status[root]
	st.LastFetched, st.Last, st.Next = &now, sum, next.UTC()
	st.Result, st.Error = "ok", ""
	if err != nil {
		st.Result, st.Error = "failed", err.Error()
	}
}

// Status is what each followed url's last round did, in the order given.
func (fl *Follower) Status() []SourceStatus {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	out := make([]SourceStatus, 0, len(fl.roots))
	for _, r := range fl.roots {
		out = append(out, *fl.status[r])
	}
	return out
}

// Counts is how many urls had each outcome since the follower started.
func (fl *Follower) Counts() map[Outcome]int64 { return fl.f.Counts() }
