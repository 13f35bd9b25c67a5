package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/internal/golden"
)

const testContact = "https://example.org/contact"

// testFetcher is a fetcher for the test site: short delays and timeout, a
// transport that reaches nothing else, and retry waits recorded, not slept.
type testFetcher struct {
	*Fetcher
	mu    sync.Mutex
	waits []time.Duration
	sent  []sent
}

func newTestFetcher(t testing.TB, site *testSite, state *State) *testFetcher {
	t.Helper()
	u, _ := url.Parse(site.URL)
	tf := &testFetcher{}
	f, err := New(Options{
		Contact:   testContact,
		Delay:     2 * time.Millisecond,
		Timeout:   300 * time.Millisecond,
		Backoff:   time.Millisecond,
		State:     state,
		Transport: onlyLocal{t, map[string]bool{u.Host: true}, &tf.mu, &tf.sent},
	})
	if err != nil {
		t.Fatal(err)
	}
	tf.Fetcher = f
	f.retrySleep = func(ctx context.Context, d time.Duration) error {
		tf.mu.Lock()
		tf.waits = append(tf.waits, d)
		tf.mu.Unlock()
		return ctx.Err()
	}
	return tf
}

func openIndex(t testing.TB, dir string) *index.Index {
	t.Helper()
	idx, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	return idx
}

// runLines runs f over roots and describes each url's result on a line,
// the site's address replaced by SITE (and the other host's by ELSEWHERE).
func runLines(t testing.TB, f *Fetcher, w Writer, roots []string, hosts map[string]string) ([]string, Summary) {
	t.Helper()
	var lines []string
	sum, err := f.Run(context.Background(), roots, w, func(r Result) {
		line := fmt.Sprintf("%-9s %-13s %s", r.Outcome, r.Kind, r.URL)
		switch {
		case r.Listed > 0:
			line += fmt.Sprintf(" (lists %d)", r.Listed)
		case r.Duplicate:
			line += " (same article as " + r.Source + ")"
		case r.Report.Added > 0:
			line += " (added)"
		case r.Report.Replaced > 0:
			line += " (replaced)"
		}
		if r.Err != nil {
			line += "\n          " + r.Err.Error()
		}
		for addr, name := range hosts {
			line = strings.ReplaceAll(line, addr, name)
		}
		lines = append(lines, line)
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return lines, sum
}

// goldenLines compares got, one line each, with testdata/name.
func goldenLines(t *testing.T, name string, got []string) {
	t.Helper()
	golden.Bytes(t, filepath.Join("testdata", name), []byte(strings.Join(got, "\n")+"\n"))
}

// TestFetchTestSite runs the fetcher over the test site's feed and sitemap
// index: every case gets its behaviour, the articles land in a real index
// once each, a second run costs 304s and changes nothing, and a changed page
// replaces its article.
func TestFetchTestSite(t *testing.T) {
	elsewhere := elsewhereSite(t)
	site := newTestSite(t, elsewhere.URL)
	dir := t.TempDir()
	idx := openIndex(t, filepath.Join(dir, "idx"))
	state, err := OpenState(filepath.Join(dir, "idx", StateFile))
	if err != nil {
		t.Fatal(err)
	}
	f := newTestFetcher(t, site, state)
	hosts := map[string]string{site.URL: "SITE", elsewhere.URL: "ELSEWHERE"}
	roots := []string{site.URL + "/feed.xml", site.URL + "/sitemap_index.xml"}

	lines, sum := runLines(t, f.Fetcher, idx, roots, hosts)
	goldenLines(t, "first_run.golden", lines)
	want := Summary{URLs: 15, Fetched: 8, Failed: 6, Robots: 1, Added: 4}
	if sum.Passages == 0 {
		t.Error("no passages written")
	}
	sum.Passages = 0
	if sum != want {
		t.Errorf("first run summary = %+v, want %+v", sum, want)
	}
	arts, err := idx.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 4 {
		t.Errorf("index holds %d articles, want 4 (kent once, medway, trafford, flaky): %+v", len(arts), arts)
	}
	for _, a := range arts {
		art, err := idx.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(art.URL, site.URL+"/articles/") || strings.Contains(art.URL, "utm_source") {
			t.Errorf("article %s has url %q, want its canonical address on the site", a.ID, art.URL)
		}
	}

	t.Run("polite", func(t *testing.T) {
		reqs := site.log()
		for _, r := range reqs {
			if want := "recruitsearch/1 (+" + testContact + ")"; r.userAgent != want {
				t.Errorf("%s asked with User-Agent %q, want %q", r.path, r.userAgent, want)
			}
		}
		if n := site.count("/robots.txt"); n != 1 {
			t.Errorf("robots.txt read %d times, want once", n)
		}
		if n := site.count("/private/draft.html"); n != 0 {
			t.Errorf("the path robots.txt disallows was asked for %d times", n)
		}
		if n := site.count("/broken"); n != DefaultAttempts {
			t.Errorf("the page answering 500 was asked %d times, want %d", n, DefaultAttempts)
		}
		if n := site.count("/articles/flaky.html"); n != 2 {
			t.Errorf("the page answering 429 then 200 was asked %d times, want 2", n)
		}
		if len(f.waits) == 0 || f.waits[0] != 7*time.Second {
			t.Errorf("retry waits %v, want the 429's Retry-After of 7s first", f.waits)
		}
		// robots.txt's crawl-delay (20ms) is longer than Options.Delay
		// (2ms). The fetcher paces the moments it starts requests; the
		// transport sees them a little later, by a few milliseconds on a
		// loaded machine, so half the delay is the bound. Unpaced requests
		// come well under a millisecond apart.
		for i := 1; i < len(f.sent); i++ {
			if gap := f.sent[i].at.Sub(f.sent[i-1].at); gap < 10*time.Millisecond {
				t.Errorf("%s was sent %s after %s; crawl-delay is 20ms", f.sent[i].path, gap, f.sent[i-1].path)
			}
		}
	})

	t.Run("unchanged costs a 304", func(t *testing.T) {
		before := len(site.log())
		lines, sum := runLines(t, f.Fetcher, idx, roots, hosts)
		goldenLines(t, "second_run.golden", lines)
		if sum.Added+sum.Replaced != 0 || sum.Fetched != 0 {
			t.Errorf("second run %+v, want nothing fetched, added or replaced", sum)
		}
		for _, r := range site.log()[before:] {
			if strings.HasPrefix(r.path, "/articles/") && r.ifNoneMatch == "" {
				t.Errorf("%s asked for again without If-None-Match", r.path)
			}
		}
	})

	t.Run("state survives a restart", func(t *testing.T) {
		reopened, err := OpenState(filepath.Join(dir, "idx", StateFile))
		if err != nil {
			t.Fatal(err)
		}
		if reopened.Len() == 0 {
			t.Fatal("the state file remembers nothing")
		}
		f2 := newTestFetcher(t, site, reopened)
		_, sum := runLines(t, f2.Fetcher, idx, []string{site.URL + "/articles/kent.html"}, hosts)
		if sum.Unchanged != 1 || sum.Fetched != 0 {
			t.Errorf("after a restart kent.html gave %+v, want one 304", sum)
		}
	})

	t.Run("a deleted article comes back on the next fetch", func(t *testing.T) {
		ctx := context.Background()
		arts, err := idx.Articles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		deleted := ""
		for _, a := range arts {
			art, err := idx.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(art.URL, "/articles/kent.html") {
				deleted = a.ID
			}
		}
		if deleted == "" {
			t.Fatal("no article from kent.html")
		}
		if err := idx.Delete(ctx, deleted); err != nil {
			t.Fatal(err)
		}
		before := len(site.log())
		_, sum := runLines(t, f.Fetcher, idx, []string{site.URL + "/articles/kent.html"}, hosts)
		if sum.Added != 1 || sum.Unchanged != 0 {
			t.Errorf("fetching kent.html after its article was deleted: %+v, want it added again (not a 304)", sum)
		}
		for _, r := range site.log()[before:] {
			if r.path == "/articles/kent.html" && r.ifNoneMatch != "" {
				t.Errorf("kent.html asked for with If-None-Match %q although its article is gone", r.ifNoneMatch)
			}
		}
	})

	t.Run("a changed page replaces its article", func(t *testing.T) {
		site.set("/articles/trafford.html", page{"text/html", article("Pods in Trafford", "Trafford Council", "", elsewhere.URL+"/never") + "<p>Now with a four-day week.</p>"})
		_, sum := runLines(t, f.Fetcher, idx, []string{site.URL + "/sitemap_index.xml"}, hosts)
		if sum.Replaced != 1 || sum.Added != 0 {
			t.Errorf("after the change: %+v, want 1 replaced, none added", sum)
		}
		arts, _ := idx.Articles(context.Background())
		if len(arts) != 4 {
			t.Errorf("index holds %d articles, want still 4", len(arts))
		}
	})
}

// TestRetryAfterTooLong fails a url whose server asks to come back later
// than the fetcher is willing to wait, naming the wait.
func TestRetryAfterTooLong(t *testing.T) {
	site := newTestSite(t, "http://elsewhere.invalid")
	f := newTestFetcher(t, site, nil)
	f.opts.MaxRetryAfter = 5 * time.Second
	idx := openIndex(t, t.TempDir())
	var got []Result
	if _, err := f.Run(context.Background(), []string{site.URL + "/articles/flaky.html"}, idx, func(r Result) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Outcome != Failed || !strings.Contains(got[0].Err.Error(), "retry after 7s, longer than the 5s limit") {
		t.Errorf("results %+v, want one failure naming the 7s Retry-After", got)
	}
	if !errors.Is(got[0].Err, ErrStatus) {
		t.Errorf("error %v is not ErrStatus", got[0].Err)
	}
}

// TestUnreadableRobotsFails: a site whose robots.txt cannot be read (no
// answer, or a 5xx) is off limits for the run, as RFC 9309 says, but the
// url fails, naming why; it is not "disallowed by robots.txt", which
// would tell someone who mistyped a host or met a site that is down that
// the site refuses them, and exit 0.
func TestUnreadableRobotsFails(t *testing.T) {
	var asked []string
	var mu sync.Mutex
	down503 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "Working in Kent\n\nKent County Council social workers say supervision is good.\n")
	}))
	defer down503.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()

	for _, c := range []struct{ name, url, why string }{
		{"robots.txt answers 503", down503.URL + "/articles/kent.txt", "503 Service Unavailable)"},
		{"nothing listens", gone.URL + "/feed.xml", "connection refused"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := New(Options{Contact: testContact, Delay: time.Millisecond, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			var results []Result
			sum, err := f.Run(t.Context(), []string{c.url}, openIndex(t, t.TempDir()), func(r Result) { results = append(results, r) })
			if err != nil {
				t.Fatal(err)
			}
			if sum.Failed != 1 || sum.Robots != 0 || sum.Fetched != 0 {
				t.Errorf("summary %+v; want the url failed, not skipped by robots.txt", sum)
			}
			if len(results) != 1 || !errors.Is(results[0].Err, ErrRobotsUnreadable) || !strings.Contains(results[0].Err.Error(), c.why) {
				t.Errorf("results %+v; want one failure, robots.txt unreadable, saying %q", results, c.why)
			}
		})
	}
	if slices.ContainsFunc(asked, func(p string) bool { return p != "/robots.txt" }) {
		t.Errorf("asked for %q: a site whose robots.txt cannot be read is off limits", asked)
	}
}

// TestUnreadableRobotsIsAskedAgain: a robots.txt that could not be read
// keeps its site off limits for that run only. serve --follow runs one
// fetcher for days; a site that was down for one round is read again the
// next, not shut out until the day's robots.txt expires.
func TestUnreadableRobotsIsAskedAgain(t *testing.T) {
	var mu sync.Mutex
	down := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		isDown := down
		mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt" && isDown:
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		case r.URL.Path == "/robots.txt":
			_, _ = io.WriteString(w, "User-agent: *\nDisallow: /drafts/\n")
		default:
			_, _ = io.WriteString(w, "Working in Kent\n\nKent County Council social workers say supervision is good.\n")
		}
	}))
	defer srv.Close()
	f, err := New(Options{Contact: testContact, Delay: time.Millisecond, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	idx := openIndex(t, t.TempDir())
	roots := []string{srv.URL + "/articles/kent.txt"}
	sum, err := f.Run(t.Context(), roots, idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 {
		t.Fatalf("while robots.txt answers 503: %+v, want the url failed", sum)
	}
	mu.Lock()
	down = false
	mu.Unlock()
	sum, err = f.Run(t.Context(), roots, idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Added != 1 {
		t.Errorf("the next run, robots.txt readable again: %+v, want the article added", sum)
	}
}

// handlerTransport answers every request with h, in process, and notes
// when each was sent: a test can then name hosts (http and https on one
// host) that no listener could give it.
type handlerTransport struct {
	h    http.Handler
	mu   sync.Mutex
	sent []sent
}

func (ht *handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ht.mu.Lock()
	ht.sent = append(ht.sent, sent{r.URL.String(), time.Now()})
	ht.mu.Unlock()
	rec := httptest.NewRecorder()
	ht.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// TestOneHostIsPacedAcrossSchemes: the delay between requests holds per
// host, whatever the scheme: a feed given as http:// that redirects to
// https:// on the same host does not get its https robots.txt and pages
// asked for straight after the http requests, as two sites would be.
func TestOneHostIsPacedAcrossSchemes(t *testing.T) {
	const delay = 40 * time.Millisecond
	tr := &handlerTransport{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			_, _ = io.WriteString(w, "User-agent: *\nDisallow: /drafts/\n")
		case r.URL.Scheme == "http":
			http.Redirect(w, r, "https://localhost"+r.URL.RequestURI(), http.StatusMovedPermanently)
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = io.WriteString(w, rss("https://localhost", []string{"/articles/kent.txt"}))
		default:
			_, _ = io.WriteString(w, "Working in Kent\n\nKent County Council social workers say supervision is good.\n")
		}
	})}
	f, err := New(Options{Contact: testContact, Delay: delay, Timeout: time.Second, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := f.Run(t.Context(), []string{"http://localhost/feed.xml"}, openIndex(t, t.TempDir()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 {
		t.Fatalf("summary %+v, want the feed's article added", sum)
	}
	if len(tr.sent) < 5 {
		t.Fatalf("sent %v; want robots.txt and the feed on http, then robots.txt, the feed and the article on https", tr.sent)
	}
	for i := 1; i < len(tr.sent); i++ {
		if gap := tr.sent[i].at.Sub(tr.sent[i-1].at); gap < delay/2 {
			t.Errorf("%s was sent %s after %s, to the same host; the delay is %s", tr.sent[i].path, gap, tr.sent[i-1].path, delay)
		}
	}
}
