package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Writer keeps a fetched page in the index: index.Index, or the server's
// single writer. name is the page's url (see sourceName), data its bytes.
type Writer interface {
	Ingest(ctx context.Context, name string, data []byte) (index.AddReport, error)
}

// Fetcher fetches urls politely (see the package doc) and writes the
// articles they lead to. Its robots.txt, request pacing and counts last
// as long as it does; one Run goes at a time.
type Fetcher struct {
	opts   Options
	client *http.Client
	counts counters
	// retrySleep waits between attempts; tests record the waits instead
	// of sitting through them.
	retrySleep func(context.Context, time.Duration) error

	mu    sync.Mutex
	sites map[string]*siteState // by scheme and host, for robots.txt
	hosts map[string]*hostTurn  // by host, for pacing

	runMu sync.Mutex
}

// New returns a Fetcher, or an error when Options.Contact is missing or
// not a url.
func New(opts Options) (*Fetcher, error) {
	if err := opts.setDefaults(); err != nil {
		return nil, err
	}
	return &Fetcher{
		opts: opts,
		client: &http.Client{
			Transport: opts.Transport,
			// Redirects are followed by get, hop by hop, so each hop is
			// checked against robots.txt and paced like any request.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		sites:      map[string]*siteState{},
		hosts:      map[string]*hostTurn{},
		retrySleep: sleep,
	}, nil
}

// Result is what happened to one url.
type Result struct {
	URL     string
	Outcome Outcome
	Kind    Kind // "" when nothing was fetched
	// Listed is how many urls a feed or sitemap gave.
	Listed int
	// Source is the name a page was written under: its canonical url.
	Source string
	// Report is what writing a page changed.
	Report index.AddReport
	// Duplicate: the page is an article already written in this run under
	// another url, so it was not written again.
	Duplicate bool
	// Err says why the url failed (or was skipped by robots.txt); it
	// names the url.
	Err error
}

// Summary adds up a run.
type Summary struct {
	URLs      int `json:"urls"`
	Fetched   int `json:"fetched"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Robots    int `json:"robots"`
	Added     int `json:"added"`    // articles
	Replaced  int `json:"replaced"` // articles
	Passages  int `json:"passages"`
}

func (s *Summary) add(r Result) {
	s.URLs++
	switch r.Outcome {
	case Fetched:
		s.Fetched++
	case Unchanged:
		s.Unchanged++
	case Failed:
		s.Failed++
	case Robots:
		s.Robots++
	}
	s.Added += r.Report.Added
	s.Replaced += r.Report.Replaced
	s.Passages += r.Report.Passages
}

// Run fetches each url in roots once, and through the feeds and sitemaps
// among them the pages they list, writing every page to w. report (nil
// for none) hears about each url as it is done. A url that fails is
// reported and the others go on; Run's error is only for what stops it
// all: ctx ending, or the state that could not be saved.
func (f *Fetcher) Run(ctx context.Context, roots []string, w Writer, report func(Result)) (Summary, error) {
	f.runMu.Lock()
	defer f.runMu.Unlock()
	f.forgetUnreadableRobots()
	r := &run{f: f, w: w, report: report, seen: map[string]bool{}, written: map[string]bool{}}
	for _, root := range roots {
		if ctx.Err() != nil {
			break
		}
		u, err := ParseURL(nil, root)
		if err != nil {
			r.emit(Result{URL: root, Outcome: Failed, Err: &Error{URL: root, Err: err}})
			continue
		}
		r.visit(ctx, u, asRoot)
	}
	if err := f.opts.State.Save(); err != nil {
		return r.sum, err
	}
	return r.sum, ctx.Err()
}

// role is why a url is fetched, which limits what it may be: only a url
// given may be a feed or sitemap, and a sitemap index lists only sitemaps,
// so nothing found on the web makes the fetcher go further.
type role int

const (
	asRoot    role = iota // given by the user
	asItem                // listed by a feed or sitemap: must be a page
	asSitemap             // listed by a sitemap index: must be a sitemap
)

// run is the state of one Run.
type run struct {
	f       *Fetcher
	w       Writer
	report  func(Result)
	sum     Summary
	seen    map[string]bool // urls asked for
	written map[string]bool // source names written
}

func (r *run) emit(res Result) {
	r.f.counts.add(res.Outcome)
	r.sum.add(res)
	if r.report != nil {
		r.report(res)
	}
}

func (r *run) fail(u string, kind Kind, err error) {
	out := Failed
	if errors.Is(err, ErrRobots) {
		out = Robots
	}
	r.emit(Result{URL: u, Outcome: out, Kind: kind, Err: &Error{URL: u, Err: err}})
}

func (r *run) visit(ctx context.Context, u *url.URL, as role) {
	key := u.String()
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	resp, err := r.f.get(ctx, u, r.stale)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		r.fail(key, "", err)
		return
	}
	if resp.status == http.StatusNotModified {
		r.unchanged(ctx, key, resp)
		return
	}
	kind := kindOf(resp.body)
	switch {
	case kind == KindPage && as != asSitemap:
		r.page(ctx, key, resp)
	case kind == KindPage:
		r.fail(key, kind, fmt.Errorf("%w: a sitemap index lists it, but it is not a sitemap", ErrListing))
	case as == asItem:
		r.fail(key, kind, fmt.Errorf("%w: listed as an article, but it is a %s; only the urls given are followed", ErrListing, kind))
	default:
		r.listing(ctx, key, resp, kind, as)
	}
}

// unchanged handles a 304: nothing to write, but a listing's urls (kept
// from when it last changed) are still visited, as their pages may have.
func (r *run) unchanged(ctx context.Context, key string, resp *response) {
	e, _ := r.f.opts.State.get(resp.url.String())
	r.emit(Result{URL: key, Outcome: Unchanged, Kind: e.Kind, Listed: len(e.Links), Source: e.Source})
	if e.Kind == KindPage {
		r.written[e.Source] = true
		return
	}
	next := asItem
	if e.Kind == KindSitemapIndex {
		next = asSitemap
	}
	for _, l := range e.Links {
		if u, err := ParseURL(nil, l); err == nil {
			r.visit(ctx, u, next)
		}
	}
}

// page writes a fetched article under its canonical url: the one the page
// declares (a canonical link, og:url, front matter), else the url it was
// fetched from after redirects.
func (r *run) page(ctx context.Context, key string, resp *response) {
	name := sourceName(resp.url, resp.contentType, resp.body)
	articles, err := ingest.ParseContext(ctx, name, resp.body, ingest.Options{MaxBytes: r.f.opts.MaxBytes})
	if len(articles) == 0 {
		r.fail(key, KindPage, err)
		return
	}
	if len(articles) == 1 && articles[0].URL != "" {
		if canon, err := ParseURL(nil, articles[0].URL); err == nil {
			name = sourceName(canon, resp.contentType, resp.body)
		}
	}
	res := Result{URL: key, Outcome: Fetched, Kind: KindPage, Source: name}
	if r.written[name] {
		res.Duplicate = true
	} else {
		rep, err := r.w.Ingest(ctx, name, resp.body)
		if err != nil && rep.Added+rep.Replaced+rep.Unchanged == 0 {
			r.fail(key, KindPage, err)
			return
		}
		res.Report = rep
		if err != nil {
			res.Err = &Error{URL: key, Err: err} // JSON lines: some lines bad
		}
		r.written[name] = true
	}
	r.remember(resp, Entry{Kind: KindPage, Source: name})
	r.emit(res)
}

// listing reads a feed or sitemap and visits the urls it lists.
func (r *run) listing(ctx context.Context, key string, resp *response, kind Kind, as role) {
	var links []*url.URL
	var bad []error
	var err error
	next := asItem
	if kind == KindFeed {
		links, bad, err = feedLinks(resp.url, resp.body)
	} else {
		var isIndex bool
		links, isIndex, bad, err = sitemapLinks(resp.url, resp.body, r.f.opts.MaxBytes)
		if isIndex {
			kind, next = KindSitemapIndex, asSitemap
		}
	}
	switch {
	case err != nil:
		r.fail(key, kind, err)
		return
	case kind == KindSitemapIndex && as == asSitemap:
		r.fail(key, kind, fmt.Errorf("%w: a sitemap index lists another sitemap index", ErrListing))
		return
	}
	if len(links) > r.f.opts.MaxLinks {
		bad = append(bad, fmt.Errorf("lists %d urls; only the first %d are fetched", len(links), r.f.opts.MaxLinks))
		links = links[:r.f.opts.MaxLinks]
	}
	strs := make([]string, len(links))
	for i, l := range links {
		strs[i] = l.String()
	}
	r.remember(resp, Entry{Kind: kind, Links: strs})
	r.emit(Result{URL: key, Outcome: Fetched, Kind: kind, Listed: len(links)})
	for _, b := range bad {
		r.emit(Result{URL: key, Outcome: Failed, Kind: kind, Err: &Error{URL: key, Err: b}})
	}
	for _, l := range links {
		if ctx.Err() != nil {
			return
		}
		r.visit(ctx, l, next)
	}
}

// SourceKeeper is a Writer that can say whether a page written earlier is
// still there; index.Index is one.
type SourceKeeper interface {
	HasSource(name string) bool
}

// stale reports whether a page remembered in the state is gone from the
// index (deleted, or left out of a rebuild): its validators must not be
// sent, or the 304 they bring would keep it out for good.
func (r *run) stale(e Entry) bool {
	k, ok := r.w.(SourceKeeper)
	return ok && e.Kind == KindPage && e.Source != "" && !k.HasSource(e.Source)
}

// remember keeps a url's validators once what it led to is written, so a
// 304 next time is safe to believe.
func (r *run) remember(resp *response, e Entry) {
	if resp.etag == "" && resp.lastModified == "" {
		return
	}
	e.ETag, e.LastModified, e.Fetched = resp.etag, resp.lastModified, r.f.opts.Now().UTC()
	r.f.opts.State.put(resp.url.String(), e)
}
