package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestArticlePageDatesSourceAndBack(t *testing.T) {
	estimated := kentArticle()
	estimated.Published, estimated.PublishedEstimated = "2018", true
	estimated.URL = "https://www.example.org/kent-feature"
	recent := somersetArticle()
	recent.Published = "2024-06-01"
	byID := map[string]*ingest.Article{estimated.ID: estimated, recent.ID: recent}
	deps := Deps{
		Searcher: &fakeSearcher{
			ArticleFunc: func(_ context.Context, id string) (*ingest.Article, error) {
				if a, ok := byID[id]; ok {
					return a, nil
				}
				return nil, index.ErrNotFound
			},
			ArticlesFunc: func(context.Context) ([]index.ArticleSummary, error) {
				return []index.ArticleSummary{{ID: estimated.ID, Title: estimated.Title, Council: estimated.Council, Published: "2018", Passages: 6}}, nil
			},
		},
		Now: func() time.Time { return time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC) },
	}
	h, _ := newTestHandler(t, deps)

	body := do(t, h, "GET", "/articles/"+estimated.ID, nil, "Referer", "http://example.com/?q=supervision&council=Kent").Body.String()
	mustContain(t, body,
		`<p class="back-link"><a href="/?q=supervision&amp;council=Kent">← Back to results</a></p>`,
		`<time datetime="2018">about 2018</time> <span class="estimated">(estimated)</span>`,
		`<a class="source-link" href="https://www.example.org/kent-feature" rel="noopener noreferrer">Read the original</a>`,
		`Published about 2018, more than five years ago`,
		// every passage can be cited, its permalink and source named
		`Kent County Council. (about 2018). “What is it like to be a social worker in Kent?”. https://www.example.org/kent-feature. Passage: http://example.com/articles/what-is-it-like-to-be-a-social-worker-in-kent#p6 (accessed 2026-12-05).`,
		"note = {Passage: http://example.com/articles/what-is-it-like-to-be-a-social-worker-in-kent\\#p1; date estimated}",
	)
	if n := strings.Count(body, `<details class="cite">`); n != len(estimated.Passages) {
		t.Errorf("%d citations for %d passages", n, len(estimated.Passages))
	}

	// From results shown while typing, the way back keeps prefix=true:
	// it is what made "superv" find supervision, and without it the same
	// link finds nothing ("No passages for superv"). The browser's Back
	// returns to the same address.
	body = do(t, h, "GET", "/articles/"+estimated.ID, nil, "Referer", "http://example.com/?q=superv&prefix=true").Body.String()
	mustContain(t, body, `<p class="back-link"><a href="/?q=superv&amp;prefix=true">← Back to results</a></p>`)

	// From elsewhere, or from a page that is not a search: no way back.
	for _, ref := range []string{"", "https://elsewhere.example/?q=supervision", "http://example.com/compare", "http://example.com/"} {
		body := do(t, h, "GET", "/articles/"+recent.ID, nil, "Referer", ref).Body.String()
		mustNotContain(t, body, `Back to results`)
	}
	// An article of 2024 is not old in December 2026; it has no source.
	body = do(t, h, "GET", "/articles/"+recent.ID, nil).Body.String()
	mustContain(t, body, `<time datetime="2024-06-01">1 June 2024</time>`)
	mustNotContain(t, body, `more than five years ago`, `(estimated)`, `Read the original`)

	// The list says "about" as the article does.
	body = do(t, h, "GET", "/articles", nil).Body.String()
	mustContain(t, body, `<time datetime="2018">about 2018</time> <span class="estimated">(estimated)</span>`)
}

func TestOlderThan(t *testing.T) {
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		date string
		old  bool
	}{
		{"2021-12-04", true}, {"2021-12-06", false}, {"2020", true}, {"2021", false}, {"2018", true}, {"", false}, {"soon", false},
	} {
		if got := olderThan(tt.date, now, oldAfterYears); got != tt.old {
			t.Errorf("olderThan(%q) = %v, want %v", tt.date, got, tt.old)
		}
	}
}

// TestArticlePageKicker: the line above the title holds the banner and
// the column an article has, and is not printed, empty, for an article
// with neither.
func TestArticlePageKicker(t *testing.T) {
	for _, tt := range []struct {
		name, banner, column, want string
	}{
		{"both", "Employer Zone", "Frontline view", `<p class="article-kicker"><span>Employer Zone</span><span>Frontline view</span></p>`},
		{"a banner alone", "Employer Zone", "", `<p class="article-kicker"><span>Employer Zone</span></p>`},
		{"a column alone", "", "Frontline view", `<p class="article-kicker"><span>Frontline view</span></p>`},
		{"neither", "", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := kentArticle()
			a.Banner, a.Column = tt.banner, tt.column
			h, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{
				ArticleFunc: func(context.Context, string) (*ingest.Article, error) { return a, nil },
			}})
			body := do(t, h, "GET", "/articles/"+a.ID, nil).Body.String()
			if tt.want == "" {
				mustNotContain(t, body, `article-kicker`)
				return
			}
			mustContain(t, body, tt.want)
		})
	}
}
