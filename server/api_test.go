package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

// decodeError reads a JSON error body.
func decodeError(tb testing.TB, body []byte) apiErrorBody {
	tb.Helper()
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil {
		tb.Fatalf("error body is not JSON: %v\n%s", err, body)
	}
	if e.Error.Code == "" || e.Error.Message == "" {
		tb.Fatalf("error body lacks code or message: %s", body)
	}
	return e.Error
}

func TestSearchAPI(t *testing.T) {
	h, rec0 := recordedHandler(t)
	rec := do(t, h, "GET", "/api/search?q=supervision&council=Kent+County+Council&council=Somerset+County+Council&topic=supervision&kind=qa&kind=list&speaker=Amy+Gordon&size=5&from=0&sort=newest&collapse=article", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := index.Request{Query: "supervision", Filters: map[string][]string{
		"council": {"Kent County Council", "Somerset County Council"}, "topic": {"supervision"},
		"kind": {"qa", "list"}, "speaker": {"Amy Gordon"}},
		Size: 5, Sort: "newest", Collapse: "article"}
	got := rec0.searches()
	if len(got) != 1 {
		t.Fatalf("the API ran %d searches for one request, want 1", len(got))
	}
	if fmt.Sprint(got[0]) != fmt.Sprint(want) {
		t.Errorf("index got request\n%+v\nwant\n%+v", got[0], want)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var res map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"query", "total", "took_ms", "hits", "facets", "suggestion"} {
		if _, ok := res[key]; !ok {
			t.Errorf("search JSON lacks %q: %s", key, rec.Body)
		}
	}
	hits := res["hits"].([]any)
	if len(hits) != 1 {
		t.Fatalf("want Amy Gordon's Q&A answers collapsed into one hit, got %d: %s", len(hits), rec.Body)
	}
	hit := hits[0].(map[string]any)
	if hit["article_hits"] != 2.0 || hit["speaker"] != "Amy Gordon" {
		t.Errorf("want Amy Gordon's article with 2 matching passages, got %v", hit)
	}
	for _, key := range []string{"id", "article_id", "article_title", "council", "kind", "heading", "speaker", "role", "question", "text", "topics", "score", "highlights"} {
		if _, ok := hit[key]; !ok {
			t.Errorf("hit lacks %q", key)
		}
	}
}

func TestSearchAPIBadParameters(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	tests := []struct {
		query, param string
	}{
		{"size=abc", "size"},
		{"size=-1", "size"},
		{"size=1e3", "size"},
		{"size=99999999999999999999999", "size"},
		{"from=-5", "from"},
		{"from=ten", "from"},
		{"size=1&size=2", "size"},
		{"q=a&q=b", "q"},
		{"sort=random", "sort"},
		{"collapse=council", "collapse"},
		{"kind=essay", "kind"},
		{"topic=bogus", "topic"},
		{"year=last", "year"},
		{"fact=salary", "fact"},
		{"councl=Kent", "councl"},
		{"q=x&page=2", "page"},
		{"size=5&limit=5", "limit"},
		{"size=101", "size"},
		{"size=0", "size"},
		{"limit=0", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := do(t, h, "GET", "/api/search?"+tt.query, nil)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body)
			}
			e := decodeError(t, rec.Body.Bytes())
			if e.Code != "bad_parameter" || !strings.HasPrefix(e.Message, tt.param+":") {
				t.Errorf("error %+v does not name %q", e, tt.param)
			}
		})
	}
}

// TestSearchAPINumbersTooLarge: a whole number too large to read is told
// it is too large, in the words a number that fits gets, not that it is
// not a whole number.
func TestSearchAPINumbersTooLarge(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	tests := []struct{ query, want string }{
		{"size=101", "size: must be at most 100 (got 101)"},
		{"size=99999999999999999999", "size: must be at most 100 (got 99999999999999999999)"},
		{"limit=99999999999999999999", "limit: must be at most 100 (got 99999999999999999999)"},
		{"from=99999999999999999999", "from: must be at most 9999 (got 99999999999999999999)"},
		{"from=-99999999999999999999", `from: "-99999999999999999999" is not a whole number from 0 to 9999`},
		// Each names its own bounds: size starts at 1, not 0.
		{"size=abc", `size: "abc" is not a whole number from 1 to 100`},
		{"size=-1", `size: "-1" is not a whole number from 1 to 100`},
		{"size=0", "size: must be at least 1 (got 0)"},
		{"limit=0", "limit: must be at least 1 (got 0)"},
		{"from=x", `from: "x" is not a whole number from 0 to 9999`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := do(t, h, "GET", "/api/search?q=x&"+tt.query, nil)
			e := decodeError(t, rec.Body.Bytes())
			if rec.Code != http.StatusBadRequest || e.Code != "bad_parameter" || e.Message != tt.want {
				t.Errorf("%d %+v, want 400 bad_parameter %q", rec.Code, e, tt.want)
			}
		})
	}
}

func TestSearchAPIIndexErrors(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		status      int
		code        string
		wantMessage string
		hidden      string // must not reach the caller
	}{
		{"query error", &index.QueryError{Message: "query: unbalanced quote"}, 400, "bad_query", "query: unbalanced quote", ""},
		{"timeout", fmt.Errorf("search: %w", index.ErrTimeout), 503, "timeout", "took too long", ""},
		{"deadline", context.DeadlineExceeded, 503, "timeout", "took too long", ""},
		{"damaged", fmt.Errorf("open /var/secret/idx: %w", index.ErrDamaged), 503, "index_damaged", "unavailable", "/var/secret"},
		{"internal", errors.New("bolt: segment /var/secret/000.zap corrupt"), 500, "internal", "internal error", "/var/secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, logs := newTestHandler(t, Deps{Searcher: &fakeSearcher{SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
				return nil, tt.err
			}}})
			rec := do(t, h, "GET", "/api/search?q=x", nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			e := decodeError(t, rec.Body.Bytes())
			if e.Code != tt.code || !strings.Contains(e.Message, tt.wantMessage) {
				t.Errorf("got %+v, want code %q and message containing %q", e, tt.code, tt.wantMessage)
			}
			if tt.hidden != "" {
				mustNotContain(t, rec.Body.String(), tt.hidden)
				mustContain(t, logs.String(), tt.hidden) // the detail is logged instead
			}
		})
	}
}

// TestNumbersTooLarge: a number over its bound, even one too large for an
// int, is refused naming the parameter the caller wrote and its bound.
func TestNumbersTooLarge(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	huge := "99999999999999999999"
	tests := []struct{ target, want string }{
		{"/api/search?q=x&size=1000", "size: must be at most 100 (got 1000)"},
		{"/api/search?q=x&limit=1000", "limit: must be at most 100 (got 1000)"},
		{"/api/search?q=x&size=" + huge, "size: must be at most 100 (got " + huge + ")"},
		{"/api/search?q=x&limit=" + huge, "limit: must be at most 100 (got " + huge + ")"},
		{"/api/search?q=x&from=20000", "from: must be at most 9999 (got 20000)"},
		{"/api/search?q=x&from=" + huge, "from: must be at most 9999 (got " + huge + ")"},
		{"/api/suggest?q=su&n=" + huge, "n: must be at most 20 (got " + huge + ")"},
		{"/api/suggest?q=su&n=21", "n: must be at most 20 (got 21)"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", rec.Code, rec.Body)
			}
			if e := decodeError(t, rec.Body.Bytes()); e.Message != tt.want {
				t.Errorf("message %q, want %q", e.Message, tt.want)
			}
		})
	}
	// The page says the same.
	rec := do(t, h, "GET", "/?q=x&limit="+huge, nil)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("page: status %d, want 400", rec.Code)
	}
	mustContain(t, rec.Body.String(), "limit: must be at most 100")
}

func TestReadAPIs(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	kent := kentArticle()
	tests := []struct {
		name, target string
		status       int
		want         []string
	}{
		{"articles", "/api/articles", 200, []string{`"id":"` + kent.ID + `"`, `"passages":6`, `"council":"Somerset County Council"`}},
		{"article", "/api/articles/" + kent.ID, 200, []string{`"title":"What is it like to be a social worker in Kent?"`, `"ordinal":6`, `"kind":"comment"`}},
		{"article missing", "/api/articles/no-such-article", 404, []string{`"code":"not_found"`, `no article has the id \"no-such-article\"`}},
		{"passage", "/api/passages/" + kent.ID + "%232", 200, []string{`"id":"` + kent.ID + `#2"`, `"previous":{`, `"next":{`, `"article_title":`}},
		{"passage missing", "/api/passages/" + kent.ID + "%2399", 404, []string{`no passage has the id`}},
		{"facets", "/api/facets", 200, []string{`"council":[`, `{"value":"Kent County Council","count":6}`, `"kind":[`}},
		{"suggest", "/api/suggest?q=superv", 200, []string{`"query":"superv"`, `"text":"supervision"`, `"kind":"term"`}},
		{"suggest council", "/api/suggest?q=Ken", 200, []string{`{"text":"Kent County Council","kind":"council","count":6}`}},
		{"suggest empty", "/api/suggest?q=", 200, []string{`"suggestions":[]`}},
		{"suggest too long", "/api/suggest?q=" + strings.Repeat("a", 101), 400, []string{`"q: at most 100 characters"`}},
		{"suggest n too big", "/api/suggest?q=su&n=500", 400, []string{`"n: must be at most 20 (got 500)"`}},
		{"suggest n bad", "/api/suggest?q=su&n=x", 400, []string{`"code":"bad_parameter"`}},
		{"stats", "/api/stats", 200, []string{`"articles":3`, `"passages":10`}},
		{"openapi", "/api/openapi.json", 200, []string{`"openapi": "3.0.3"`, `"/api/search"`}},
		{"health", "/healthz", 200, []string{`"status":"ok"`}},
		{"ready", "/readyz", 200, []string{`"status":"ready"`}},
		{"unknown api path", "/api/nothing-here", 404, []string{`"code":"not_found"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			mustContain(t, rec.Body.String(), tt.want...)
		})
	}
}

// TestMethodNotAllowed: a 405 names the methods the path does take in
// Allow, as JSON under /api/ and as the error page on a page.
func TestMethodNotAllowed(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	tests := []struct {
		method, target string
		allow          string
		page           bool
	}{
		{"PUT", "/api/search", "GET, HEAD", false},
		{"PUT", "/api/facets", "GET, HEAD", false},
		{"DELETE", "/api/articles", "GET, HEAD, POST", false},
		{"PUT", "/api/articles/kent-1", "GET, HEAD, DELETE", false},
		{"GET", "/api/admin/rebuild", "POST", false},
		{"PUT", "/healthz", "GET, HEAD", false},
		{"POST", "/metrics", "GET, HEAD", false},
		{"POST", "/", "GET, HEAD", true},
		{"DELETE", "/articles/kent-1", "GET, HEAD", true},
		{"POST", "/static/app.css", "GET, HEAD", true},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			rec := do(t, h, tt.method, tt.target, nil)
			if rec.Code != http.StatusMethodNotAllowed {
				t.Fatalf("status %d, want 405", rec.Code)
			}
			if got := rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
			if tt.page {
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("Content-Type %q, want the HTML error page", ct)
				}
				mustContain(t, rec.Body.String(), `<p class="error-status">405</p>`, "Method Not Allowed")
				return
			}
			if e := decodeError(t, rec.Body.Bytes()); e.Code != "method_not_allowed" {
				t.Errorf("code %q", e.Code)
			}
		})
	}
}

func TestNotReady(t *testing.T) {
	notYet := errors.New("opening index")
	deps := fixtureDeps(t)
	deps.Ready = func() error { return notYet }
	h, _ := newTestHandler(t, deps)
	for _, target := range []string{"/readyz", "/api/search?q=x", "/api/articles", "/"} {
		if rec := do(t, h, "GET", target, nil); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s before ready: status %d, want 503", target, rec.Code)
		}
	}
	for _, target := range []string{"/healthz", "/metrics", "/api/openapi.json", "/static/app.css"} {
		if rec := do(t, h, "GET", target, nil); rec.Code != http.StatusOK {
			t.Errorf("%s before ready: status %d, want 200", target, rec.Code)
		}
	}
	notYet = nil
	if rec := do(t, h, "GET", "/readyz", nil); rec.Code != http.StatusOK {
		t.Errorf("/readyz once ready: status %d", rec.Code)
	}
}

func TestNoSearcherIsNotReady(t *testing.T) {
	h, _ := newTestHandler(t, Deps{})
	if rec := do(t, h, "GET", "/api/search?q=x", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503: %s", rec.Code, rec.Body)
	}
}

func TestMetrics(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	do(t, h, "GET", "/api/search?q=supervision", nil)
	do(t, h, "GET", "/api/articles/"+kentArticle().ID, nil)
	do(t, h, "GET", "/api/articles/missing", nil)
	rec := do(t, h, "GET", "/metrics", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	mustContain(t, rec.Body.String(),
		`recruitsearch_http_requests_total{code="200",method="GET",route="/api/search"} 1`,
		`recruitsearch_http_requests_total{code="404",method="GET",route="/api/articles/{id}"} 1`,
		`recruitsearch_http_request_duration_seconds_count{code="200",route="/api/articles/{id}"} 1`,
		`recruitsearch_search_duration_seconds_count 1`,
		`recruitsearch_index_documents 10`,
		`go_goroutines`,
	)
}

// TestMetricsHeaders: /metrics is never cached, sends Vary once, and
// answers HEAD as every other GET route does — through the whole
// middleware, compression included.
func TestMetricsHeaders(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, method := range []string{"GET", "HEAD"} {
		for _, enc := range []string{"", "gzip"} {
			rec := do(t, h, method, "/metrics", nil, "Accept-Encoding", enc)
			if rec.Code != http.StatusOK {
				t.Errorf("%s /metrics (Accept-Encoding %q): status %d", method, enc, rec.Code)
				continue
			}
			if got := rec.Header().Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding, Accept" {
				t.Errorf("%s /metrics (Accept-Encoding %q): Vary %q, want one \"Accept-Encoding, Accept\"", method, enc, got)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s /metrics: Cache-Control %q, want no-store", method, got)
			}
		}
	}
}

// TestSearchAPITakesWhatTheCLITakes: the values and names the CLI
// accepts work on the API too (issue 10: kind=QA was a 400, limit was
// ignored).
func TestSearchAPITakesWhatTheCLITakes(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, tt := range []struct {
		target string
		hits   int
		kind   string
	}{
		{"/api/search?q=supervision&kind=QA", 2, "qa"},
		{"/api/search?q=supervision&limit=2", 2, ""},
		{"/api/search?q=supervision&size=3", 3, ""},
	} {
		rec := do(t, h, "GET", tt.target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", tt.target, rec.Code, rec.Body)
		}
		var res index.Result
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != tt.hits {
			t.Errorf("%s: %d hits, want %d", tt.target, len(res.Hits), tt.hits)
		}
		for _, hit := range res.Hits {
			if tt.kind != "" && hit.Kind != tt.kind {
				t.Errorf("%s: a %s hit", tt.target, hit.Kind)
			}
		}
	}
}
