package fetch

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSite is a local web site with every case the fetcher must handle: a
// feed, a sitemap index, articles in HTML and Markdown, a robots.txt that
// disallows one path, a page that answers 429 then 200, one that answers
// 500 every time, one slower than the timeout, one over the size limit, a
// redirect loop and a redirect to file://. It records every request.
type testSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests []siteRequest
	pages    map[string]page // path → page, changeable while it runs
	hits     map[string]int
}

type siteRequest struct {
	path, userAgent, ifNoneMatch string
}

type page struct {
	contentType, body string
}

// robotsTxt gives recruitsearch its own group (with a crawl-delay) and
// shuts every other robot out, so the test also shows which group is used.
const robotsTxt = `User-agent: *
Disallow: /

User-agent: recruitsearch
Disallow: /private/
Crawl-delay: 0.02
`

// article is an HTML recruitment feature; canonical ("" for none) is its
// declared address, link a link in its body that must never be followed.
func article(title, council, canonical, link string) string {
	head := ""
	if canonical != "" {
		head = `<link rel="canonical" href="` + canonical + `">`
	}
	return `<!doctype html><html><head><title>` + title + `</title>` + head + `</head><body><article>
<h1>` + title + `</h1>
<p>A feature sponsored by ` + council + `</p>
<p>Social workers at ` + council + ` hold manageable caseloads of about 16 children, and every practitioner has supervision each month with a consultant social worker.</p>
<p>"We work in small pods, so nobody carries a family alone," said Jean Ross, principal social worker.</p>
<p>Read more on <a href="` + link + `">our partner site</a>.</p>
</article></body></html>`
}

const markdownArticle = `# Medway's newly qualified social workers

A feature sponsored by Medway Council

Newly qualified social workers in their ASYE at Medway have protected caseloads and weekly reflective supervision.

"The academy gave me time to learn," said Amy Clarke, newly qualified social worker.
`

func newTestSite(t testing.TB, elsewhere string) *testSite {
	t.Helper()
	s := &testSite{pages: map[string]page{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	base := s.URL
	s.pages["/robots.txt"] = page{"text/plain", robotsTxt}
	s.pages["/articles/kent.html"] = page{"text/html; charset=utf-8",
		article("Kent's social work contract", "Kent County Council", base+"/articles/kent.html", elsewhere+"/never")}
	s.pages["/articles/medway"] = page{"text/markdown; charset=utf-8", markdownArticle}
	s.pages["/articles/trafford.html"] = page{"text/html", article("Pods in Trafford", "Trafford Council", "", elsewhere+"/never")}
	s.pages["/private/draft.html"] = page{"text/html", article("Draft", "Kent County Council", "", elsewhere+"/never")}
	s.pages["/articles/flaky.html"] = page{"text/html", article("Supervision in Hertfordshire", "Hertfordshire County Council", "", elsewhere+"/never")}
	s.pages["/feed.xml"] = page{"application/rss+xml", rss(base, []string{
		"/articles/kent.html",
		"/articles/kent.html?utm_source=rss", // the same article by another url
		"/articles/medway",
		"/private/draft.html",
		"/articles/flaky.html",
		"/broken",
		"/slow",
		"/huge",
		"/loop",
		"/to-file",
	})}
	s.pages["/sitemap_index.xml"] = page{"application/xml", `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>` + base + `/sitemap-articles.xml</loc></sitemap>
</sitemapindex>`}
	s.pages["/sitemap-articles.xml"] = page{"application/xml", `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>` + base + `/articles/kent.html</loc></url>
  <url><loc>` + base + `/articles/trafford.html</loc></url>
  <url><loc>` + elsewhere + `/articles/elsewhere.html</loc></url>
</urlset>`}
	return s
}

// rss is an RSS 2.0 feed linking to paths on base.
func rss(base string, paths []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title><link>` + base + `/</link><description>Features</description>`)
	for i, p := range paths {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s%s</link></item>", i+1, base, strings.ReplaceAll(p, "&", "&amp;"))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func (s *testSite) set(path string, p page) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = p
}

// count is how many requests asked for path (query and all).
func (s *testSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *testSite) log() []siteRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]siteRequest(nil), s.requests...)
}

// lastModified is the fixed Last-Modified of every page.
var lastModified = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, siteRequest{r.URL.RequestURI(), r.UserAgent(), r.Header.Get("If-None-Match")})
	s.hits[r.URL.Path]++
	n := s.hits[r.URL.Path]
	p, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	switch r.URL.Path {
	case "/articles/flaky.html":
		if n == 1 {
			w.Header().Set("Retry-After", "7")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
	case "/broken":
		http.Error(w, "oops", http.StatusInternalServerError)
		return
	case "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return
	case "/huge":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(6<<20))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("<html>"))
		return
	case "/loop":
		http.Redirect(w, r, "/loop-again", http.StatusFound)
		return
	case "/loop-again":
		http.Redirect(w, r, "/loop", http.StatusFound)
		return
	case "/to-file":
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", p.contentType)
	sum := sha256.Sum256([]byte(p.body))
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sum[:6]))
	http.ServeContent(w, r, "", lastModified, strings.NewReader(p.body))
}

// elsewhereSite is a host that must never be contacted: pages link to it
// and the sitemap lists it, but neither is a reason to go there.
func elsewhereSite(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the fetcher contacted a host it was never given: %s", r.URL)
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// onlyLocal is a transport that refuses (and reports) any request that
// is not for one of the given test servers, so a test never reaches out.
// It notes when each request is sent.
type onlyLocal struct {
	t     testing.TB
	hosts map[string]bool
	mu    *sync.Mutex
	sent  *[]sent
}

type sent struct {
	path string
	at   time.Time
}

func (o onlyLocal) RoundTrip(r *http.Request) (*http.Response, error) {
	if o.sent != nil {
		o.mu.Lock()
		*o.sent = append(*o.sent, sent{r.URL.RequestURI(), time.Now()})
		o.mu.Unlock()
	}
	if !o.hosts[r.URL.Host] {
		o.t.Errorf("request outside the test site: %s", r.URL)
		return nil, fmt.Errorf("test transport: %s is not a test host", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}
