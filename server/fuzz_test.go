package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzSearchHandler sends arbitrary search parameters through the real
// router, middleware and in-memory seed index. Whatever arrives, the
// answer is a 200 with a result or a 4xx with a JSON error object: never a
// 500 (or any 5xx: on five articles even the deadline is a bug), never a
// body that is not JSON.
//
// Run it with: go test ./server -run '^$' -fuzz FuzzSearchHandler -fuzztime 60s
func FuzzSearchHandler(f *testing.F) {
	type params struct{ q, size, from, sort, collapse, facet, value, raw string }
	seeds := []params{
		{q: "supervision"},
		{q: `"signs of safety"`, size: "5", from: "0", sort: "relevance"},
		{q: "caseloads", facet: "council", value: "Kent"},
		{q: "superv*", collapse: "article", sort: "newest"},
		{q: "kind:qa ASYE", facet: "kind", value: "qa"},
		{q: "social", size: "100", from: "9900", collapse: "article"},
		{q: "x", size: "99999999999999999999", from: "-1"},
		{q: "x", size: "1e3", from: "0x10", sort: "random", collapse: "council"},
		{q: "council:", facet: "topic", value: "nonsense"},
		{q: "/(a+)+/ ?*?*?* ~9", facet: "speaker", value: "\x00"},
		{q: "\xff\xfe", facet: "kind", value: "banana"},
		{q: "🔥 \u202eمرحبا", raw: "q=again"},
		{q: "<script>alert(1)</script>", raw: "size=1&size=2"},
		{raw: "q=%ff%fe%fd&council=%c3%28"},
		{raw: "q=a%2"},
		{raw: strings.Repeat("council=a&", 60)},
		{q: strings.Repeat("a", 1001)},
	}
	for _, s := range seeds {
		f.Add(s.q, s.size, s.from, s.sort, s.collapse, s.facet, s.value, s.raw)
	}

	h, _ := newTestHandler(f, Deps{Searcher: realIndex(f)})
	f.Fuzz(func(t *testing.T, q, size, from, sort, collapse, facet, value, raw string) {
		values := url.Values{}
		for name, v := range map[string]string{"q": q, "size": size, "from": from, "sort": sort, "collapse": collapse} {
			if v != "" {
				values.Set(name, v)
			}
		}
		if facet != "" {
			values.Add(facet, value)
		}
		query := values.Encode()
		if raw != "" {
			query += "&" + raw
		}
		// Read the request as the server would read it off the wire: what
		// net/http itself refuses never reaches the router.
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(
			"GET /api/search?" + query + " HTTP/1.1\r\nHost: fuzz.test\r\n\r\n")))
		if err != nil {
			t.Skip("net/http refuses the request line")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkSearchResponse(t, query, rec)
	})
}

// checkSearchResponse fails unless rec is a 200 holding a search result or
// a 4xx holding an error object, as JSON.
func checkSearchResponse(t *testing.T, query string, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.Bytes()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("?%s: status %d with Content-Type %q: %s", query, rec.Code, ct, clip(string(body), 300))
	}
	switch {
	case rec.Code == http.StatusOK:
		var res struct {
			Total *uint64
			Hits  []json.RawMessage
			// Facets must be an object; a null fails the decode check below.
			Facets map[string]json.RawMessage
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatalf("?%s: 200 whose body is not a result: %v: %s", query, err, clip(string(body), 300))
		}
		if res.Total == nil || res.Hits == nil || res.Facets == nil {
			t.Fatalf("?%s: 200 without total, hits or facets: %s", query, clip(string(body), 300))
		}
		if len(res.Hits) > 100 || uint64(len(res.Hits)) > *res.Total {
			t.Fatalf("?%s: %d hits in one page, total %d", query, len(res.Hits), *res.Total)
		}
	case rec.Code >= 400 && rec.Code < 500:
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("?%s: %d without an error object (%v): %s", query, rec.Code, err, clip(string(body), 300))
		}
	default:
		t.Fatalf("?%s: status %d: %s", query, rec.Code, clip(string(body), 300))
	}
}
