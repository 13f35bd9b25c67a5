package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestSponsoredIsShown checks that a reader can tell a council's paid-for
// feature from reporting (issue 14): every hit from a sponsored article,
// and the article page, say "Sponsored by X"; a news story says nothing of
// the kind; the JSON says so too.
func TestSponsoredIsShown(t *testing.T) {
	ix := realIndex(t)
	news := "Social worker vacancies fall for the second year\n\nPublished: 3 March 2024\n\n" +
		"The proportion of children's social work posts left vacant fell for the second year running, and supervision was named as a reason.\n"
	if _, err := ix.Ingest(context.Background(), "news.txt", []byte(news)); err != nil {
		t.Fatal(err)
	}
	h, _ := newTestHandler(t, Deps{Searcher: ix})

	rec := do(t, h, "GET", "/?q=supervision&size=50", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	hits := strings.Count(body, `<li class="hit">`)
	sponsored := strings.Count(body, `<span class="hit-sponsored">Sponsored by `)
	if sponsored == 0 || sponsored != hits-1 {
		t.Errorf("%d of %d hits say they are sponsored; want every seed hit (all the seeds are sponsored features) and not the news story", sponsored, hits)
	}
	mustContain(t, body, `<span class="hit-sponsored">Sponsored by Kent County Council</span>`)

	var res struct {
		Hits []struct {
			ArticleID string `json:"article_id"`
			Sponsored bool   `json:"sponsored"`
			Sponsor   string `json:"sponsor"`
		} `json:"hits"`
	}
	rec = do(t, h, "GET", "/api/search?q=supervision&size=50", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	newsID := ""
	for _, hit := range res.Hits {
		if strings.HasPrefix(hit.ArticleID, "social-worker-vacancies") {
			newsID = hit.ArticleID
			if hit.Sponsored || hit.Sponsor != "" {
				t.Errorf("the news story is marked sponsored (%q)", hit.Sponsor)
			}
		} else if !hit.Sponsored || hit.Sponsor == "" {
			t.Errorf("hit of %s: sponsored %v by %q, want sponsored by its council", hit.ArticleID, hit.Sponsored, hit.Sponsor)
		}
	}
	if newsID == "" {
		t.Fatal("the news story is not among the hits")
	}

	rec = do(t, h, "GET", "/articles/in-a-good-place-what-is-it-like-to-be-a-social-worker-in", nil)
	mustContain(t, rec.Body.String(), `<p class="sponsored-note">Sponsored by Kent County Council: a paid-for feature, not reporting.</p>`)
	rec = do(t, h, "GET", "/articles/"+newsID, nil)
	mustNotContain(t, rec.Body.String(), `sponsored-note`)
}
