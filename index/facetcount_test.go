package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// TestColumnFacetsMatchBleve checks that facets counted from columns are
// the ones Bleve counts from doc values, on an index of several segments
// holding deleted and replaced passages, on disk and in memory.
func TestColumnFacetsMatchBleve(t *testing.T) {
	c := synthArticles(t, 3000)
	for _, disk := range []bool{true, false} {
		t.Run(fmt.Sprintf("disk=%v", disk), func(t *testing.T) {
			ctx := context.Background()
			ix := churned(t, disk, c.articles)

			term := func(field, v string) query.Query {
				q := bleve.NewTermQuery(v)
				q.SetField(field)
				return q
			}
			queries := map[string]query.Query{
				"every passage": ix.allPassages(),
				"common word":   term(fieldText, "famili"),
				"rare word":     term(fieldText, "psychologist"),
				"no match":      term(fieldText, "zzzzzz"),
				"either word":   bleve.NewDisjunctionQuery(term(fieldText, "supervis"), term(fieldQuestion, "team")),
				"filtered":      bleve.NewConjunctionQuery(term(fieldText, "support"), term(fieldKind, "qa")),
			}
			for name, q := range queries {
				for _, size := range []int{0, 10} {
					t.Run(fmt.Sprintf("%s/size=%d", name, size), func(t *testing.T) {
						mk := func() *bleve.SearchRequest {
							sr := bleve.NewSearchRequestOptions(q, size, 0, false)
							sr.AddFacet("c", bleve.NewFacetRequest(fieldCouncil, 5))
							sr.AddFacet(fieldTopic, bleve.NewFacetRequest(fieldTopic, 25))
							sr.AddFacet(fieldKind, bleve.NewFacetRequest(fieldKind, 10))
							sr.AddFacet(fieldSpeaker, bleve.NewFacetRequest(fieldSpeaker, 25))
							sr.AddFacet(fieldArticleID, bleve.NewFacetRequest(fieldArticleID, MaxWindow))
							return sr
						}
						want, err := ix.alias.SearchInContext(ctx, mk())
						if err != nil {
							t.Fatal(err)
						}
						got, err := ix.searchBleve(ctx, mk())
						if err != nil {
							t.Fatal(err)
						}
						if got.Total != want.Total {
							t.Fatalf("total %d, Bleve says %d", got.Total, want.Total)
						}
						if len(got.Hits) != len(want.Hits) {
							t.Fatalf("%d hits, Bleve gives %d", len(got.Hits), len(want.Hits))
						}
						for i := range got.Hits {
							if got.Hits[i].ID != want.Hits[i].ID {
								t.Errorf("hit %d is %s, Bleve gives %s", i, got.Hits[i].ID, want.Hits[i].ID)
							}
						}
						for facet, wf := range want.Facets {
							gf := got.Facets[facet]
							if gf == nil {
								t.Errorf("facet %s missing", facet)
								continue
							}
							if g, w := facetString(gf), facetString(wf); g != w {
								t.Errorf("facet %s:\n got %s\nwant %s", facet, g, w)
							}
						}
					})
				}
			}
		})
	}
}

func facetString(fr *search.FacetResult) string {
	s := fmt.Sprintf("field=%s total=%d missing=%d other=%d", fr.Field, fr.Total, fr.Missing, fr.Other)
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			s += fmt.Sprintf(" %s:%d", t.Term, t.Count)
		}
	}
	return s
}

// TestSelectedFacetCountsFollowWrites checks that the counts of a
// selected facet, which are kept between searches, change when an
// article is added or deleted.
func TestSelectedFacetCountsFollowWrites(t *testing.T) {
	ctx := context.Background()
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	add := func(a *ingest.Article) {
		t.Helper()
		if _, err := ix.Add(ctx, []*ingest.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	add(article("kent-1", "Kent County Council", "Supervision every month in Kent."))
	add(article("medway-1", "Medway Council", "Supervision is weekly in Medway."))

	councils := func() map[string]int {
		t.Helper()
		req := Request{Query: "supervision"}
		req.SetFilter("council", "Kent County Council")
		res, err := ix.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, fv := range res.Facets["council"] {
			out[fv.Value] = fv.Count
		}
		return out
	}
	if got := councils(); got["Medway Council"] != 1 || got["Kent County Council"] != 1 {
		t.Fatalf("council counts with Kent ticked = %v, want Kent 1 and Medway 1", got)
	}
	add(article("medway-2", "Medway Council", "Supervision with a manager who knows you."))
	if got := councils(); got["Medway Council"] != 2 {
		t.Fatalf("after adding a Medway article, Medway's count = %d, want 2 (%v)", got["Medway Council"], got)
	}
	if err := ix.Delete(ctx, "medway-1"); err != nil {
		t.Fatal(err)
	}
	if got := councils(); got["Medway Council"] != 1 {
		t.Fatalf("after deleting a Medway article, Medway's count = %d, want 1 (%v)", got["Medway Council"], got)
	}
}

// churned is a new index, on disk or in memory, that churn has filled.
// One on disk is reopened read-only, so that no background merge changes
// the segments, and with them the scores, between two searches that a
// test compares. It is closed when the test ends.
func churned(t *testing.T, disk bool, articles []*ingest.Article) *Index {
	t.Helper()
	if !disk {
		ix, err := OpenMemory(Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		churn(t, ix, articles)
		return ix
	}
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	churn(t, ix, articles)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir, Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// churn fills ix with articles in several segments, then deletes every
// seventh and replaces the second with another council: the deleted and
// replaced passages a shortcut in counting must leave out.
func churn(t *testing.T, ix *Index, articles []*ingest.Article) {
	t.Helper()
	ctx := context.Background()
	addInBatches(t, ix, articles, 40)
	for i := 0; i < len(articles); i += 7 {
		if err := ix.Delete(ctx, articles[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	changed := *articles[1]
	changed.Council = "Kent County Council"
	if _, err := ix.Add(ctx, []*ingest.Article{&changed}); err != nil {
		t.Fatal(err)
	}
}
