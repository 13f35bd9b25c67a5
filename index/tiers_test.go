package index

import (
	"context"
	"slices"
	"testing"
)

// seedSearch runs req on the seed corpus and fails the test on an error.
func seedSearch(tb testing.TB, req Request) *Result {
	tb.Helper()
	res, err := seedCorpus(tb).Search(context.Background(), req)
	if err != nil {
		tb.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func hitIDs(hits []Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// Passages holding every word come first, the ones holding only some
// after them, marked partial; the counts agree with single-word searches
// (|A ∪ B| = |A| + |B| − |A ∩ B|).
func TestTiersEveryWordFirst(t *testing.T) {
	// Neither word names a topic, so each matches only where it is said
	// (concept.go).
	res := seedSearch(t, Request{Query: "children families", Size: MaxSize})
	children := seedSearch(t, Request{Query: "children"}).Total
	families := seedSearch(t, Request{Query: "families"}).Total
	either := seedSearch(t, Request{Query: "children OR families"}).Total

	if res.Exact == 0 || res.Exact >= res.Total {
		t.Fatalf("exact = %d, total = %d: want some passages with both words and some with one", res.Exact, res.Total)
	}
	if res.Total != either {
		t.Errorf("total = %d, want %d, the passages holding either word", res.Total, either)
	}
	if both := children + families - either; res.Exact != both {
		t.Errorf("exact = %d, want %d, the passages holding both words", res.Exact, both)
	}
	if uint64(len(res.Hits)) != res.Total {
		t.Fatalf("%d hits on a page of %d, want all %d", len(res.Hits), MaxSize, res.Total)
	}
	for i, h := range res.Hits {
		if want := uint64(i) >= res.Exact; h.Partial != want {
			t.Errorf("hit %d (%s): partial = %v, want %v", i+1, h.ID, h.Partial, want)
		}
	}
	if !res.Relaxed {
		t.Error("relaxed = false on a page holding partial hits")
	}
	// The first hit holds both words; a page of it alone is not relaxed.
	first := seedSearch(t, Request{Query: "children families", Size: 1})
	if first.Relaxed || first.Hits[0].Partial {
		t.Errorf("first page of one every-word hit: relaxed %v, partial %v; want neither", first.Relaxed, first.Hits[0].Partial)
	}
	if first.Total != res.Total || first.Exact != res.Exact {
		t.Errorf("page of one: total %d exact %d, want %d and %d", first.Total, first.Exact, res.Total, res.Exact)
	}
}

// A page starting anywhere — inside the every-word tier, across its end
// or past it — holds exactly the hits the whole ranking has there.
func TestTiersPaging(t *testing.T) {
	for _, q := range []string{"training opportunities", "Kent supervision", "Elizabeth Taunton"} {
		all := seedSearch(t, Request{Query: q, Size: MaxSize})
		if all.Exact == 0 || all.Exact >= all.Total || all.Total > MaxSize {
			t.Fatalf("%q: exact %d, total %d: the query no longer spans two tiers on one page", q, all.Exact, all.Total)
		}
		want := hitIDs(all.Hits)
		exact := int(all.Exact)
		for _, size := range []int{1, 3, 4} {
			for from := max(0, exact-size-1); from <= exact+2; from++ {
				page := seedSearch(t, Request{Query: q, From: from, Size: size})
				end := min(from+size, len(want))
				if got := hitIDs(page.Hits); !slices.Equal(got, want[from:end]) {
					t.Errorf("%q from %d size %d: hits %v, want %v", q, from, size, got, want[from:end])
				}
				if page.Total != all.Total || page.Exact != all.Exact {
					t.Errorf("%q from %d: total %d exact %d, want %d and %d", q, from, page.Total, page.Exact, all.Total, all.Exact)
				}
				if wantRelaxed := end > exact; page.Relaxed != wantRelaxed {
					t.Errorf("%q from %d size %d: relaxed = %v, want %v", q, from, size, page.Relaxed, wantRelaxed)
				}
			}
		}
		past := seedSearch(t, Request{Query: q, From: int(all.Total)})
		if len(past.Hits) != 0 || past.Total != all.Total {
			t.Errorf("%q past the end: %d hits, total %d; want none and %d", q, len(past.Hits), past.Total, all.Total)
		}
	}
}

// A query with one text clause, or none, has a single tier: everything
// it finds is exact.
func TestTiersSingleClause(t *testing.T) {
	for _, q := range []string{"supervision", "training OR opportunities", `"group supervision"`, "", "kind:qa caseloads"} {
		res := seedSearch(t, Request{Query: q, Size: MaxSize})
		if res.Total == 0 || res.Exact != res.Total || res.Relaxed {
			t.Errorf("%q: total %d exact %d relaxed %v; want exact = total > 0, not relaxed", q, res.Total, res.Exact, res.Relaxed)
		}
		for _, h := range res.Hits {
			if h.Partial {
				t.Errorf("%q: hit %s is partial", q, h.ID)
			}
		}
	}
	// No passage holds both words: every hit is partial.
	res := seedSearch(t, Request{Query: "supervision zebra"})
	if res.Exact != 0 || res.Total == 0 || !res.Relaxed {
		t.Errorf("supervision zebra: total %d exact %d relaxed %v; want exact 0, hits, relaxed", res.Total, res.Exact, res.Relaxed)
	}
	for _, h := range res.Hits {
		if !h.Partial {
			t.Errorf("supervision zebra: hit %s not partial", h.ID)
		}
	}
}

// Exclusions, phrases and field clauses hold in both tiers; facets count
// both, and a selected facet keeps the counts of the other values.
func TestTiersConstraintsAndFacets(t *testing.T) {
	const groupSupervision = "how-this-council-supports-social-workers-to-take-pride-in#21"
	res := seedSearch(t, Request{Query: "supervision training -group", Size: MaxSize})
	if slices.Contains(hitIDs(res.Hits), groupSupervision) {
		t.Errorf("an excluded word's passage %s came back among %v", groupSupervision, hitIDs(res.Hits))
	}
	if res.Exact >= res.Total {
		t.Fatalf("exact %d, total %d: want partial hits too", res.Exact, res.Total)
	}
	for _, h := range seedSearch(t, Request{Query: "kind:quote supervision training", Size: MaxSize}).Hits {
		if h.Kind != "quote" {
			t.Errorf("kind:quote let through %s, a %s", h.ID, h.Kind)
		}
	}

	whole := seedSearch(t, Request{Query: "training opportunities", Size: MaxSize})
	kinds := 0
	for _, fv := range whole.Facets["kind"] {
		kinds += fv.Count
	}
	if uint64(kinds) != whole.Total {
		t.Errorf("kind facet counts %d passages, total is %d", kinds, whole.Total)
	}
	councils := map[string]int{}
	for _, fv := range whole.Facets["council"] {
		councils[fv.Value] = fv.Count
	}

	kent := seedSearch(t, Request{Query: "training opportunities", Size: MaxSize, Filters: map[string][]string{"council": {"Kent"}}})
	if uint64(councils["Kent County Council"]) != kent.Total {
		t.Errorf("Kent filter: total %d, but the council facet counted %d", kent.Total, councils["Kent County Council"])
	}
	for _, fv := range kent.Facets["council"] {
		if fv.Count != councils[fv.Value] {
			t.Errorf("with Kent selected, council %q counts %d, want %d as without the filter", fv.Value, fv.Count, councils[fv.Value])
		}
	}
	for _, h := range kent.Hits {
		if h.Council != "Kent County Council" {
			t.Errorf("Kent filter let through %s of %s", h.ID, h.Council)
		}
	}
}

// Collapsed by article, articles with an every-word passage come first
// and the counts are of articles.
func TestTiersCollapsed(t *testing.T) {
	res := seedSearch(t, Request{Query: "training opportunities", Collapse: CollapseArticle, Size: MaxSize})
	articles := map[string]bool{}
	for _, h := range seedSearch(t, Request{Query: "training opportunities", Size: MaxSize}).Hits {
		articles[h.ArticleID] = true
	}
	if res.Total != uint64(len(articles)) || len(res.Hits) != len(articles) {
		t.Errorf("total %d, %d hits; want the %d articles with a match", res.Total, len(res.Hits), len(articles))
	}
	if res.Exact == 0 || res.Exact >= res.Total {
		t.Fatalf("exact %d of %d articles: want some articles with every word and some without", res.Exact, res.Total)
	}
	for i, h := range res.Hits {
		if want := uint64(i) >= res.Exact; h.Partial != want {
			t.Errorf("article %d (%s): partial = %v, want %v", i+1, h.ID, h.Partial, want)
		}
	}
	page := seedSearch(t, Request{Query: "training opportunities", Collapse: CollapseArticle, From: int(res.Exact), Size: 1})
	if len(page.Hits) != 1 || page.Hits[0].ID != res.Hits[res.Exact].ID || !page.Relaxed {
		t.Errorf("collapsed page past the exact articles: %v, want [%s] and relaxed", hitIDs(page.Hits), res.Hits[res.Exact].ID)
	}
}

// Sorted by date or document order, each tier is sorted on its own: the
// passages holding every word still come first.
func TestTiersSorted(t *testing.T) {
	rel := seedSearch(t, Request{Query: "training opportunities", Size: MaxSize})
	for _, sort := range []string{SortNewest, SortDocument} {
		res := seedSearch(t, Request{Query: "training opportunities", Sort: sort, Size: MaxSize})
		if res.Total != rel.Total || res.Exact != rel.Exact {
			t.Errorf("sort %s: total %d exact %d, want %d and %d", sort, res.Total, res.Exact, rel.Total, rel.Exact)
		}
		for i, h := range res.Hits {
			if want := uint64(i) >= res.Exact; h.Partial != want {
				t.Errorf("sort %s: hit %d (%s) partial = %v, want %v", sort, i+1, h.ID, h.Partial, want)
			}
		}
		want := slices.Sorted(slices.Values(hitIDs(rel.Hits)))
		if got := slices.Sorted(slices.Values(hitIDs(res.Hits))); !slices.Equal(got, want) {
			t.Errorf("sort %s returns other passages than relevance order: %v, want %v", sort, got, want)
		}
	}
}

// The passages a query reaches through the topics its words name, when
// no concept query stands for every word (topicTail), come after every
// passage holding some of the words, and leave those in the order they
// had without them.
func TestTopicTailKeepsWordOrder(t *testing.T) {
	ix := seedCorpus(t)
	ctx := context.Background()
	page := func(q string, tail bool) (*Result, *compiledQuery) {
		t.Helper()
		clauses, err := parseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		res := &Result{Hits: []Hit{}, Facets: map[string][]FacetValue{}}
		var cq *compiledQuery
		err = ix.read(func() error {
			r, err := ix.reader()
			if err != nil {
				return err
			}
			defer r.Close()
			c := &compiler{ix: ix, r: r, ctx: ctx}
			if cq, err = c.compile(q, clauses); err != nil {
				return err
			}
			if !tail {
				cq.topicTail = nil
			}
			return ix.page(ctx, Request{Query: q}, MaxSize, cq, nil, res)
		})
		if err != nil {
			t.Fatal(err)
		}
		return res, cq
	}
	for _, q := range []string{"Taunton wellbeing", "strengths-based approach", "what are caseloads like in Kent", "Alexa screen"} {
		with, cq := page(q, true)
		if cq.topicTail == nil {
			t.Fatalf("%q: no topic tail", q)
		}
		without, _ := page(q, false)
		// Every passage on caseloads says a word of the last query.
		if with.Total < without.Total || (with.Total == without.Total && q != "what are caseloads like in Kent") {
			t.Errorf("%q: %d passages with the topic tail, %d without: want more", q, with.Total, without.Total)
		}
		words := hitIDs(without.Hits)
		if got := hitIDs(with.Hits)[:min(len(with.Hits), len(words))]; !slices.Equal(got, words) {
			t.Errorf("%q: with the topic tail the passages holding words come\n%q\nwant\n%q", q, got, words)
		}
		for _, h := range with.Hits[len(words):] {
			if !h.Partial {
				t.Errorf("%q: %s, found through its topic, is not partial", q, h.ID)
			}
		}
	}
}
