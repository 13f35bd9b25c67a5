package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/recruitsearch/recruitsearch/corpus/fetch"
)

// fakeFollowing is a Following made of function fields.
type fakeFollowing struct {
	StatusFunc func() []fetch.SourceStatus
	CountsFunc func() map[fetch.Outcome]int64
}

func (f fakeFollowing) Status() []fetch.SourceStatus    { return f.StatusFunc() }
func (f fakeFollowing) Counts() map[fetch.Outcome]int64 { return f.CountsFunc() }

func followingDeps(tb testing.TB) Deps {
	deps := fixtureDeps(tb)
	last := time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)
	deps.Following = fakeFollowing{
		StatusFunc: func() []fetch.SourceStatus {
			return []fetch.SourceStatus{
				{URL: "https://example.org/feed.xml", LastFetched: &last, Result: "failed",
					Error: "https://example.org/broken: unexpected HTTP status: 500 Internal Server Error after 3 attempts",
					Last:  fetch.Summary{URLs: 4, Fetched: 2, Unchanged: 1, Failed: 1, Added: 1, Passages: 9}, Next: last.Add(time.Hour)},
				{URL: "https://example.org/sitemap.xml", Result: "pending", Next: last},
			}
		},
		CountsFunc: func() map[fetch.Outcome]int64 {
			return map[fetch.Outcome]int64{fetch.Fetched: 7, fetch.Unchanged: 12, fetch.Failed: 3, fetch.Robots: 1}
		},
	}
	return deps
}

// TestStatsShowFollowedSources: /api/stats says, for each followed url,
// when it was last fetched and what happened, in the documented shape.
func TestStatsShowFollowedSources(t *testing.T) {
	h, _ := newTestHandler(t, followingDeps(t))
	rec := do(t, h, "GET", "/api/stats", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got struct {
		Articles  int                  `json:"articles"`
		Following []fetch.SourceStatus `json:"following"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Articles == 0 || len(got.Following) != 2 {
		t.Fatalf("stats = %s, want the index's counts and two followed urls", rec.Body)
	}
	feed := got.Following[0]
	if feed.URL != "https://example.org/feed.xml" || feed.Result != "failed" || feed.LastFetched == nil ||
		!strings.Contains(feed.Error, "broken") || feed.Last.Added != 1 {
		t.Errorf("feed status = %+v", feed)
	}
	if got.Following[1].LastFetched != nil || got.Following[1].Result != "pending" {
		t.Errorf("a url not fetched yet shows %+v", got.Following[1])
	}

	_, router := loadOpenAPI(t)
	req := httptest.NewRequest("GET", "/api/stats", nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
	if err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input, Status: rec.Code, Header: rec.Header(), Body: io.NopCloser(strings.NewReader(rec.Body.String())),
	}); err != nil {
		t.Errorf("/api/stats with following does not match openapi.json: %v", err)
	}

	plain, _ := newTestHandler(t, fixtureDeps(t))
	if body := do(t, plain, "GET", "/api/stats", nil).Body.String(); strings.Contains(body, "following") {
		t.Errorf("stats without --follow mention following: %s", body)
	}
}

// TestMetricsCountFetchesByOutcome: /metrics has the follower's counts.
func TestMetricsCountFetchesByOutcome(t *testing.T) {
	h, _ := newTestHandler(t, followingDeps(t))
	body := do(t, h, "GET", "/metrics", nil).Body.String()
	mustContain(t, body,
		`recruitsearch_fetches_total{outcome="fetched"} 7`,
		`recruitsearch_fetches_total{outcome="unchanged"} 12`,
		`recruitsearch_fetches_total{outcome="failed"} 3`,
		`recruitsearch_fetches_total{outcome="robots"} 1`)
}
