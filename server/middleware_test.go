package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

func TestGzip(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{"/?q=supervision", "/api/search?q=supervision", "/static/app.css", "/api/openapi.json"} {
		rec := do(t, h, "GET", target, nil, "Accept-Encoding", "gzip")
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not compressed (Content-Encoding %q)", target, rec.Header().Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || len(plain) < 500 {
			t.Errorf("%s: bad gzip body (%d bytes, %v)", target, len(plain), err)
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: no Vary: Accept-Encoding", target)
		}
	}
	// A client that does not ask gets plain text.
	rec := do(t, h, "GET", "/?q=supervision", nil)
	if rec.Header().Get("Content-Encoding") != "" || !strings.Contains(rec.Body.String(), "<!doctype html>") {
		t.Error("uncompressed response expected without Accept-Encoding")
	}
}

func TestStaticCaching(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	css := assets["app.css"]
	versioned := assetURL("app.css")
	rec := do(t, h, "GET", versioned, nil)
	if rec.Code != http.StatusOK || rec.Body.String() != string(css.data) {
		t.Fatalf("GET %s: status %d", versioned, rec.Code)
	}
	if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("versioned asset Cache-Control %q", got)
	}
	if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
		t.Errorf("Content-Type %q", got)
	}
	etag := rec.Header().Get("ETag")
	if etag != `"`+css.hash+`"` {
		t.Errorf("ETag %q, want the content hash %q", etag, css.hash)
	}
	rec = do(t, h, "GET", "/static/app.css", nil)
	if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("unversioned asset Cache-Control %q, want no-cache", got)
	}
	for _, inm := range []string{etag, `W/` + etag, `"` + css.hash + `-gzip"`, `"other", ` + etag} {
		rec = do(t, h, "GET", "/static/app.css", nil, "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: status %d with %d bytes, want 304 and none", inm, rec.Code, rec.Body.Len())
		}
	}
	rec = do(t, h, "GET", "/static/app.css", nil, "If-None-Match", `"stale"`)
	if rec.Code != http.StatusOK {
		t.Errorf("stale ETag: status %d, want 200", rec.Code)
	}
	// Pages refer to assets by versioned URL.
	page := do(t, h, "GET", "/", nil).Body.String()
	mustContain(t, page, `href="`+versioned+`"`, `src="`+assetURL("app.js")+`"`)
}

func TestPanicRecovery(t *testing.T) {
	h, logs := newTestHandler(t, Deps{Searcher: &fakeSearcher{
		SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
			panic("secret internal state 0xdeadbeef")
		},
	}})
	rec := do(t, h, "GET", "/api/search?q=x", nil)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if e := decodeError(t, rec.Body.Bytes()); e.Code != "internal" || e.Message != "internal error" {
		t.Errorf("error %+v", e)
	}
	mustNotContain(t, rec.Body.String(), "deadbeef")
	mustContain(t, logs.String(), "panic serving request", "deadbeef")
	// The server keeps answering.
	if rec := do(t, h, "GET", "/healthz", nil); rec.Code != http.StatusOK {
		t.Errorf("after a panic /healthz answers %d", rec.Code)
	}
}

func TestAccessLog(t *testing.T) {
	h, logs := newTestHandler(t, fixtureDeps(t))
	do(t, h, "GET", "/api/articles/"+kentArticle().ID, nil)
	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, `"msg":"request"`) {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatal(err)
			}
		}
	}
	if line == nil {
		t.Fatalf("no access log line in:\n%s", logs)
	}
	want := map[string]any{"method": "GET", "route": "/api/articles/{id}", "status": float64(200), "path": "/api/articles/" + kentArticle().ID}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("access log %s = %v, want %v", k, line[k], v)
		}
	}
	if line["duration"] == nil || line["bytes"].(float64) <= 0 {
		t.Errorf("access log lacks duration or bytes: %v", line)
	}
}

// TestClientDisconnectIs499: a search whose client went away is logged
// and counted as 499, not as a server failure.
func TestClientDisconnectIs499(t *testing.T) {
	searcher := &fakeSearcher{SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	h, logs := newTestHandler(t, Deps{Searcher: searcher})
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // the client is gone before the answer
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/search?q=supervision", nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
	mustContain(t, logs.String(), `"status":499`)
	mustNotContain(t, logs.String(), `"status":500`, `"level":"ERROR"`)
	metrics := do(t, h, "GET", "/metrics", nil).Body.String()
	mustContain(t, metrics, `recruitsearch_http_requests_total{code="499",method="GET",route="/api/search"} 1`)
	mustNotContain(t, metrics, `code="500"`)
}

// TestStaticMissingIsErrorPage: a missing /static file is the site's 404
// page, as any other missing page is, not net/http's plain text.
func TestStaticMissingIsErrorPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	other := do(t, h, "GET", "/no-such-page", nil)
	for _, target := range []string{"/static/nothing.js", "/static/app.css.bak?v=1"} {
		rec := do(t, h, "GET", target, nil)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, rec.Code)
			continue
		}
		if got, want := rec.Header().Get("Content-Type"), other.Header().Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q as other missing pages", target, got, want)
		}
		if rec.Body.String() != other.Body.String() {
			t.Errorf("%s: body differs from the other 404 pages:\n%s", target, rec.Body)
		}
	}
}

func TestNewHTTPServer(t *testing.T) {
	srv := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("a timeout is unset: %+v", srv)
	}
	if srv.MaxHeaderBytes < MaxHeaderBytes || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
}

// TestHeadersTooLarge: a request whose headers are over the limit gets 431
// in the project's error format, JSON under /api/ and the error page
// elsewhere, from a real server (net/http would answer plain text itself).
func TestHeadersTooLarge(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	srv := NewHTTPServer("127.0.0.1:0", h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	get := func(path string, headerBytes int) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+path, nil)
		req.Header.Set("X-Big", strings.Repeat("a", headerBytes))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}

	resp, body := get("/api/search?q=supervision", 200<<10)
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("API, 200 KB header: status %d, want 431: %s", resp.StatusCode, body)
	}
	if e := decodeError(t, []byte(body)); e.Code != "headers_too_large" || !strings.Contains(e.Message, "65536") {
		t.Errorf("API, 200 KB header: error %+v", e)
	}

	resp, body = get("/?q=supervision", 200<<10)
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("page, 200 KB header: status %d, want 431", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("page, 200 KB header: Content-Type %q, want the HTML error page", ct)
	}
	mustContain(t, body, `<p class="error-status">431</p>`)

	// Headers under the limit are served.
	if resp, body := get("/api/search?q=supervision", 16<<10); resp.StatusCode != http.StatusOK {
		t.Errorf("16 KB header: status %d: %s", resp.StatusCode, body)
	}
}
