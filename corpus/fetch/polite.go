package fetch

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// siteState is what the fetcher knows about one site (scheme and host):
// its robots.txt group for us.
type siteState struct {
	robots   *robotstxt.Group
	robotErr error // why the site is disallowed as a whole, if it is
	readAt   time.Time
}

// site returns the state of u's site, creating it.
func (f *Fetcher) site(u *url.URL) *siteState {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := site(u)
	s, ok := f.sites[key]
	if !ok {
		s = &siteState{}
		f.sites[key] = s
	}
	return s
}

// hostTurn paces the requests to one host. It is per host, not per site
// as robots.txt is: http://example.org and https://example.org are one
// server to its owner, and a url given as http:// that redirects to
// https:// would otherwise have the https requests sent straight after.
type hostTurn struct {
	// mu is held from waiting for a slot until the request is sent, so
	// requests to one host go one at a time, each a delay after the last.
	mu   sync.Mutex
	last time.Time // when the last request was sent
}

// turn returns the pacing of u's host, creating it.
func (f *Fetcher) turn(u *url.URL) *hostTurn {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.hosts[u.Host]
	if !ok {
		h = &hostTurn{}
		f.hosts[u.Host] = h
	}
	return h
}

// delay is the time between requests to s: Options.Delay (at least
// DefaultDelay off this machine), or robots.txt's crawl-delay if longer.
func (f *Fetcher) delay(u *url.URL, s *siteState) time.Duration {
	d := f.opts.Delay
	if d < DefaultDelay && !isLoopback(u.Host) {
		d = DefaultDelay
	}
	if s.robots != nil && s.robots.CrawlDelay > d {
		d = s.robots.CrawlDelay
	}
	return d
}

// wait blocks until u's host may be asked again: the delay after the last
// request to it, as known now (a robots.txt just read may have lengthened
// it).
func (f *Fetcher) wait(ctx context.Context, u *url.URL, s *siteState) error {
	h := f.turn(u)
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.last.IsZero() {
		if err := sleep(ctx, h.last.Add(f.delay(u, s)).Sub(f.opts.Now())); err != nil {
			return err
		}
	}
	h.last = f.opts.Now()
	return nil
}

// allowed reads u's site's robots.txt when it has not been read within
// robotsTTL, and reports whether it lets us fetch u: nil, ErrRobots, or
// ErrRobotsUnreadable when the whole site is off limits.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) error {
	s := f.site(u)
	if s.readAt.IsZero() || f.opts.Now().Sub(s.readAt) > robotsTTL {
		f.readRobots(ctx, u, s)
	}
	if s.robotErr != nil {
		return s.robotErr
	}
	if !s.robots.Test(u.RequestURI()) {
		return fmt.Errorf("%w (%s)", ErrRobots, site(u)+"/robots.txt")
	}
	return nil
}

// forgetUnreadableRobots makes each robots.txt that could not be read be
// asked for again: it keeps its site off limits for the run it failed in,
// not for robotsTTL, or a site down for one round of serve --follow
// would be shut out for a day.
func (f *Fetcher) forgetUnreadableRobots() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.sites {
		if s.robotErr != nil {
			s.readAt = time.Time{}
		}
	}
}

// readRobots fetches /robots.txt for u's site, politely like any other
// request but without retries: RFC 9309 says a robots.txt answering 4xx
// allows everything, and one answering 5xx or unreachable disallows
// everything, for now.
func (f *Fetcher) readRobots(ctx context.Context, u *url.URL, s *siteState) {
	robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	s.readAt = f.opts.Now()
	s.robots, s.robotErr = nil, nil
	var resp *response
	for hops := 0; ; hops++ {
		var err error
		resp, err = f.request(ctx, robotsURL, Entry{}, 1, 500<<10)
		if err == nil && resp.location != "" && hops < f.opts.MaxRedirects {
			robotsURL, err = redirectTarget(robotsURL, resp)
			if err == nil {
				continue
			}
		}
		if err == nil && resp.location != "" {
			err = ErrRedirects
		}
		if err != nil && ctx.Err() != nil {
			s.readAt, s.robotErr = time.Time{}, ctx.Err() // read it again next time
			return
		}
		if err != nil {
			s.robotErr = fmt.Errorf("%w (%s: %v)", ErrRobotsUnreadable, robotsURL, err)
			return
		}
		break
	}
	data, err := robotstxt.FromStatusAndBytes(resp.status, resp.body)
	if err != nil || resp.status >= 500 {
		s.robotErr = fmt.Errorf("%w (%s answered %d)", ErrRobotsUnreadable, robotsURL, resp.status)
		return
	}
	s.robots = data.FindGroup(Product)
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
