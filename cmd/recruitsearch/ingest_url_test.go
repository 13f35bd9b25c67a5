package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/internal/eventually"
)

// newsSite is a local site with a feed; publish adds an article to it.
type newsSite struct {
	*httptest.Server
	mu    sync.Mutex
	items []string // paths, newest first
	pages map[string]string
}

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	s := &newsSite{pages: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /drafts/\n")
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>`+s.URL+`/</link><description>x</description>`)
			for _, p := range s.items {
				fmt.Fprintf(w, "<item><title>%s</title><link>%s%s</link></item>", p, s.URL, p)
			}
			fmt.Fprint(w, "</channel></rss>")
		default:
			body, ok := s.pages[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/markdown")
			w.Header().Set("ETag", fmt.Sprintf(`"%d"`, len(body)))
			http.ServeContent(w, r, "", time.Time{}, strings.NewReader(body))
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) publish(path, council string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = "# Supervision at " + council + "\n\nA feature sponsored by " + council + "\n\nEvery social worker at " + council + " has monthly supervision and a caseload of about 15 children.\n"
	for range times {
		s.items = append([]string{path}, s.items...)
	}
}

// TestIngestURLs: ingest URL fetches a feed's articles, names the failed
// one with its url, prints the summary line and exits 1; run again, the
// pages cost 304s and nothing changes.
func TestIngestURLs(t *testing.T) {
	site := newNewsSite(t)
	site.publish("/articles/kent", "Kent County Council", 1)
	site.items = append(site.items, "/articles/gone", "/drafts/next")
	dir := t.TempDir()

	r := runCLI(t, nil, "ingest", site.URL+"/feed.xml", "--index", dir)
	if r.code() != exitUsage || !strings.Contains(r.stderr, "--contact") {
		t.Fatalf("without a contact: exit %d, stderr %q; want 2 asking for --contact", r.code(), r.stderr)
	}
	env := map[string]string{envContact: "mailto:test@example.org"}
	args := []string{"ingest", site.URL + "/feed.xml", "--index", dir, "--delay", "1ms"}
	r = runCLI(t, env, args...)
	if r.code() != exitFailure {
		t.Fatalf("exit %d, want 1 for the missing page\nstdout:\n%s\nstderr:\n%s", r.code(), r.stdout, r.stderr)
	}
	mustHave := func(what, s string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, s)
			}
		}
	}
	mustHave("stdout", r.stdout,
		"added     "+site.URL+"/articles/kent (",
		"skipped   "+site.URL+"/drafts/next (disallowed by robots.txt)",
		"4 URLs: 2 fetched, 0 unchanged, 1 article added, 0 replaced, 1 failed, 1 skipped by robots.txt")
	mustHave("stderr", r.stderr, site.URL+"/articles/gone: unexpected HTTP status: 404 Not Found", "1 of 4 URLs failed")

	r = runCLI(t, env, args...)
	mustHave("second stdout", r.stdout, "unchanged "+site.URL+"/articles/kent (304 not modified)",
		"1 fetched, 1 unchanged, 0 articles added, 0 replaced, 1 failed") // the feed has no ETag

	r = runCLI(t, env, "ingest", site.URL+"/feed.xml", "notes.txt", "--index", dir)
	if r.code() != exitUsage {
		t.Errorf("URLs and files together: exit %d, want 2", r.code())
	}
}

// TestServeFollow: serve --follow on the site's feed finds an article
// published after it started within one interval, and one published twice
// is indexed once; /api/stats says when the feed was last fetched.
func TestServeFollow(t *testing.T) {
	site := newNewsSite(t)
	site.publish("/articles/kent", "Kent County Council", 1)
	env := map[string]string{envContact: "mailto:test@example.org"}
	const every = 200 * time.Millisecond
	base, stop := startServe(t, env, "--index", t.TempDir(), "--addr", "127.0.0.1:0",
		"--follow", site.URL+"/feed.xml", "--every", every.String(), "--delay", "1ms")
	defer stop()

	articlesAbout := func(q string) int {
		var res struct {
			Hits []struct {
				ArticleID string `json:"article_id"`
			} `json:"hits"`
		}
		getJSON(t, base+"/api/search?q="+q, &res)
		ids := map[string]bool{}
		for _, h := range res.Hits {
			ids[h.ArticleID] = true
		}
		return len(ids)
	}
	eventually.True(t, "the feed's first article", 5*time.Second, func() bool { return articlesAbout("Kent") == 1 })
	site.publish("/articles/medway", "Medway Council", 2)
	eventually.True(t, "the article published later", every+2*time.Second, func() bool { return articlesAbout("Medway") == 1 })
	time.Sleep(2 * every)
	if n := articlesAbout("Medway"); n != 1 {
		t.Errorf("the article published twice is %d articles, want 1", n)
	}
	var stats struct {
		Articles  int `json:"articles"`
		Following []struct {
			URL         string     `json:"url"`
			LastFetched *time.Time `json:"last_fetched"`
			Result      string     `json:"result"`
		} `json:"following"`
	}
	getJSON(t, base+"/api/stats", &stats)
	if stats.Articles != 2 || len(stats.Following) != 1 || stats.Following[0].LastFetched == nil || stats.Following[0].Result != "ok" {
		t.Errorf("stats = %+v, want 2 articles and the feed fetched ok", stats)
	}
}

// TestFetchFlagsCheckedFirst: a missing or malformed --contact (and a
// --follow without an index to write to) is refused before the index is
// opened, so a mistyped command leaves no new, empty index behind.
func TestFetchFlagsCheckedFirst(t *testing.T) {
	site := newNewsSite(t)
	feed := site.URL + "/feed.xml"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"ingest without a contact", []string{"ingest", feed}, "--contact"},
		{"ingest with a contact that is no url", []string{"ingest", feed, "--contact", "me"}, `contact "me"`},
		{"serve --follow without a contact", []string{"serve", "--addr", "127.0.0.1:0", "--follow", feed}, "--contact"},
		{"serve --follow with --every 0", []string{"serve", "--addr", "127.0.0.1:0", "--follow", feed, "--every", "0s", "--contact", "mailto:me@example.org"}, "--every"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			r := runCLI(t, nil, append(tt.args, "--index", dir)...)
			if r.code() != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 naming %s", r.code(), r.stderr, tt.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the refused command left %s behind (%v)", dir, err)
			}
		})
	}
}
