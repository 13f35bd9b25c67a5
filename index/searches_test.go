package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// searchCase is one entry of testdata/searches.json, in the manner of
// bleve's test/tests/*/searches.json: a request and what its result must
// hold on the seed corpus.
type searchCase struct {
	Comment string `json:"comment"`
	Request struct {
		Query    string   `json:"query"`
		Councils []string `json:"councils"`
		Topics   []string `json:"topics"`
		Kinds    []string `json:"kinds"`
		Speakers []string `json:"speakers"`
		// Filters selects values of any facet by name, as
		// Request.Filters does; the four lists above are its older
		// spelling for the first facets.
		Filters  map[string][]string `json:"filters"`
		Size     int                 `json:"size"`
		From     int                 `json:"from"`
		Sort     string              `json:"sort"`
		Collapse string              `json:"collapse"`
		Prefix   bool                `json:"prefix"`
	} `json:"request"`
	Want struct {
		// Error, when set, is part of the message of the QueryError the
		// request must be refused with.
		Error    string  `json:"error"`
		Total    *uint64 `json:"total"`
		TotalMin uint64  `json:"total_min"`
		// Exact is the number of hits holding every word.
		Exact *uint64 `json:"exact"`
		// Partial are ids that must come back marked partial (holding
		// only some of the words), after every hit that is not.
		Partial []string `json:"partial"`
		// Top are the ids the hits must begin with, in order.
		Top []string `json:"top"`
		// Include are ids that must be among the hits.
		Include []string `json:"include"`
		// Exclude are ids that must not be among the hits.
		Exclude []string `json:"exclude"`
		// Articles must each have a hit.
		Articles []string `json:"articles"`
		// Every hit must have these values; no hit may have NoHit's.
		EveryHit map[string]string `json:"every_hit"`
		NoHit    map[string]string `json:"no_hit"`
		// Marked: every hit has a highlight with one of these words in <mark>.
		Marked     []string `json:"marked"`
		Suggestion *string  `json:"suggestion"`
		// CorrectedQuery is the query the hits are for after a
		// correction; NotFound the words no passage holds.
		CorrectedQuery *string  `json:"corrected_query"`
		NotFound       []string `json:"not_found"`
		// WordsFirst: every hit whose highlights mark one of Marked
		// ranks above every hit that marks none (a passage found
		// through its topic tag alone ranks below those saying the words).
		WordsFirst bool                      `json:"words_first"`
		Relaxed    *bool                     `json:"relaxed"`
		Facets     map[string]map[string]int `json:"facets"`
		// TopicMatches: the topics the hits were also found through.
		TopicMatches *[]string `json:"topic_matches"`
		// Selected: the values each facet filtered on (Result.Selected).
		Selected map[string][]string `json:"selected"`
		// DistinctArticles: no two hits from one article (collapse).
		DistinctArticles bool `json:"distinct_articles"`
	} `json:"want"`
}

var (
	seedOnce  sync.Once
	seedIndex *Index
	seedErr   error
)

// newSeedIndex is a new in-memory index of the embedded seed articles of
// the test's own, closed when the test ends.
func newSeedIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// seedCorpus returns an in-memory index of the embedded seed articles,
// built once per test binary.
func seedCorpus(tb testing.TB) *Index {
	tb.Helper()
	seedOnce.Do(func() {
		seedIndex, seedErr = OpenMemory(Options{})
		if seedErr != nil {
			return
		}
		for _, f := range corpus.Files() {
			if _, seedErr = seedIndex.Ingest(context.Background(), f.Name, f.Data); seedErr != nil {
				return
			}
		}
	})
	if seedErr != nil {
		tb.Fatalf("indexing the seed corpus: %v", seedErr)
	}
	return seedIndex
}

func TestSearches(t *testing.T) {
	data, err := os.ReadFile("testdata/searches.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []searchCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("testdata/searches.json: %v", err)
	}
	ix := seedCorpus(t)
	for _, tc := range cases {
		t.Run(tc.Comment, func(t *testing.T) {
			rq := tc.Request
			req := Request{Query: rq.Query, Filters: rq.Filters, Size: rq.Size, From: rq.From, Sort: rq.Sort, Collapse: rq.Collapse, Prefix: rq.Prefix}
			for name, values := range map[string][]string{"council": rq.Councils, "topic": rq.Topics, "kind": rq.Kinds, "speaker": rq.Speakers} {
				if len(values) > 0 {
					req.SetFilter(name, values...)
				}
			}
			res, err := ix.Search(context.Background(), req)
			if tc.Want.Error != "" {
				var qe *QueryError
				if !errors.As(err, &qe) || !strings.Contains(qe.Message, tc.Want.Error) {
					t.Fatalf("Search(%q) = %v; want a query error saying %q", rq.Query, err, tc.Want.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("Search(%q): %v", rq.Query, err)
			}
			checkResult(t, tc, res)
		})
	}
}

func checkResult(t *testing.T, tc searchCase, res *Result) {
	t.Helper()
	w := tc.Want
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	if w.Total != nil && res.Total != *w.Total {
		t.Errorf("total = %d, want %d (hits %v)", res.Total, *w.Total, ids)
	}
	if w.Exact != nil && res.Exact != *w.Exact {
		t.Errorf("exact = %d, want %d (hits %v)", res.Exact, *w.Exact, ids)
	}
	for _, id := range w.Partial {
		i := slices.Index(ids, id)
		if i < 0 || !res.Hits[i].Partial {
			t.Errorf("%s is not a partial hit in %v", id, ids)
		}
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i-1].Partial && !res.Hits[i].Partial {
			t.Errorf("hit %s holds every word but ranks after partial hit %s", ids[i], ids[i-1])
		}
	}
	if res.Total < w.TotalMin {
		t.Errorf("total = %d, want at least %d", res.Total, w.TotalMin)
	}
	if len(ids) < len(w.Top) || !slices.Equal(ids[:len(w.Top)], w.Top) {
		t.Errorf("hits begin %v, want %v", ids, w.Top)
	}
	for _, id := range w.Include {
		if !slices.Contains(ids, id) {
			t.Errorf("hits %v lack %s", ids, id)
		}
	}
	for _, id := range w.Exclude {
		if slices.Contains(ids, id) {
			t.Errorf("hits %v hold %s", ids, id)
		}
	}
	for _, a := range w.Articles {
		if !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ArticleID == a }) {
			t.Errorf("no hit from article %s in %v", a, ids)
		}
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		for field, want := range w.EveryHit {
			if got := hitValue(h, field); got != want {
				t.Errorf("hit %s has %s %q, want %q", h.ID, field, got, want)
			}
		}
		for field, not := range w.NoHit {
			if got := hitValue(h, field); got == not {
				t.Errorf("hit %s has %s %q", h.ID, field, got)
			}
		}
		if len(w.Marked) > 0 && !w.WordsFirst && !marks(h, w.Marked) {
			t.Errorf("hit %s highlights %q mark none of %v", h.ID, h.Highlights, w.Marked)
		}
		if w.DistinctArticles {
			if seen[h.ArticleID] {
				t.Errorf("two hits from article %s", h.ArticleID)
			}
			seen[h.ArticleID] = true
			if h.ArticleHits < 1 {
				t.Errorf("hit %s: article_hits = %d", h.ID, h.ArticleHits)
			}
		}
	}
	checkWordsFirst(t, w.WordsFirst, w.Marked, res.Hits)
	if w.CorrectedQuery != nil && res.CorrectedQuery != *w.CorrectedQuery {
		t.Errorf("corrected_query = %q, want %q", res.CorrectedQuery, *w.CorrectedQuery)
	}
	if w.NotFound != nil && !slices.Equal(res.NotFound, w.NotFound) {
		t.Errorf("not_found = %q, want %q", res.NotFound, w.NotFound)
	}
	if w.Suggestion != nil && res.Suggestion != *w.Suggestion {
		t.Errorf("suggestion = %q, want %q", res.Suggestion, *w.Suggestion)
	}
	if w.Relaxed != nil && res.Relaxed != *w.Relaxed {
		t.Errorf("relaxed = %v, want %v", res.Relaxed, *w.Relaxed)
	}
	if w.TopicMatches != nil && !slices.Equal(res.TopicMatches, *w.TopicMatches) {
		t.Errorf("topic_matches = %q, want %q", res.TopicMatches, *w.TopicMatches)
	}
	for facet, want := range w.Selected {
		if got := res.Selected[facet]; !slices.Equal(got, want) {
			t.Errorf("selected %s = %q, want %q", facet, got, want)
		}
	}
	for facet, counts := range w.Facets {
		got := map[string]int{}
		for _, fv := range res.Facets[facet] {
			got[fv.Value] = fv.Count
		}
		for value, want := range counts {
			if got[value] != want {
				t.Errorf("facet %s: %q counts %d, want %d (facet %v)", facet, value, got[value], want, res.Facets[facet])
			}
		}
	}
}

// checkWordsFirst fails when a hit marking none of words ranks above one
// that marks some.
func checkWordsFirst(t *testing.T, on bool, words []string, hits []Hit) {
	t.Helper()
	if !on {
		return
	}
	unmarked := ""
	for _, h := range hits {
		switch {
		case !marks(h, words):
			unmarked = cmp.Or(unmarked, h.ID)
		case unmarked != "":
			t.Errorf("hit %s, which says %v, ranks below %s, which does not", h.ID, words, unmarked)
		}
	}
}

func hitValue(h Hit, field string) string {
	switch field {
	case "council":
		return h.Council
	case "kind":
		return h.Kind
	case "speaker":
		return h.Speaker
	case "article_id":
		return h.ArticleID
	case "region":
		return h.Region
	case "year":
		return h.Published[:min(4, len(h.Published))]
	case "fact":
		var types []string
		for _, f := range h.Facts {
			types = append(types, f.Type)
		}
		return strings.Join(types, ",")
	}
	return "unknown field " + field
}

func marks(h Hit, words []string) bool {
	for _, hl := range h.Highlights {
		lower := strings.ToLower(hl)
		for _, w := range words {
			if strings.Contains(lower, "<mark>"+strings.ToLower(w)) {
				return true
			}
		}
	}
	return false
}
