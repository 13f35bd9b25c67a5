package index

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestTopKMatchesBleve runs every search twice, ranking the body field
// with the top-k scorer and with Bleve, and wants the same results:
// every request of testdata/searches.json on the seed corpus and the
// synthetic shapes on indexes of several segments with deleted and
// replaced passages, on disk and in memory.
func TestTopKMatchesBleve(t *testing.T) {
	compareOnCorpora(t, func(ix *Index, on bool) { ix.bleveTopK = on })
}

// topKRequests are searches whose body ranking the top-k scorer takes:
// two and three words, common and rare words together, synonyms,
// exclusions, filters, topics named by the words, and one it leaves to
// Bleve (a phrase).
var topKRequests = []Request{
	{Query: "social workers"},
	{Query: "supervision team support"},
	{Query: "families psychologists"},
	{Query: "caseloads support"},
	{Query: "case loads families"},
	{Query: "nqsw support"},
	{Query: "asye supervision"},
	{Query: "social workers -team"},
	{Query: "early help families"},
	{Query: "caseloads", Filters: map[string][]string{"kind": {"section", "qa"}}},
	{Query: "support team", Filters: map[string][]string{"council": {"Kent"}}},
	{Query: "families", Filters: map[string][]string{"kind": {"qa"}, "topic": {"supervision"}}},
	{Query: "supervision"},
	{Query: "practice model"},
	{Query: "organisation"},
	{Query: "organisation support"},
	{Query: "practise families"},
	{Query: `"social work" families`},
	// A phrase holding a word with synonyms matches its words as they
	// are (literalPhrase), scored here as in Bleve.
	{Query: `"best practice" support`},
	{Query: `"practice educator"`},
	// Phrases with stop words: the passages must also hold the stop
	// words, a boolean query's filter (heldWithStopWords).
	{Query: `"support and"`},
	{Query: `"the team" families`},
}

// TestTopKBodyHits compares the body search itself, the one the top-k
// scorer replaces, for the every-word tier of each request and the
// any-word tier of the multi-word ones, at the rescore window and at a
// deeper k: the same hits in the same order with the same scores.
func TestTopKBodyHits(t *testing.T) {
	ctx := context.Background()
	var seedReqs []Request
	for _, r := range searchesJSONRequests(t) {
		// The body search of each: its words and filters, not its page.
		seedReqs = append(seedReqs, Request{Query: r.Query, Filters: r.Filters, Prefix: r.Prefix})
	}
	seedReqs = append(seedReqs, topKRequests...)
	seeds := newSeedIndex(t)
	t.Run("seeds", func(t *testing.T) { compareBodyHits(t, seeds, seedReqs, 2) })

	var synthReqs []Request
	for _, qs := range synthShapes {
		synthReqs = append(synthReqs, qs.req)
	}
	synthReqs = append(synthReqs, topKRequests...)
	c := synthArticles(t, 3000)
	for _, layout := range []string{"disk", "memory", "compacted"} {
		t.Run("synthetic/"+layout, func(t *testing.T) {
			dir := t.TempDir()
			var ix *Index
			var err error
			if layout == "memory" {
				ix, err = OpenMemory(Options{})
			} else {
				ix, err = Open(dir, Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			defer func() { ix.Close() }()
			churn(t, ix, c.articles)
			if layout == "compacted" {
				if err := ix.Compact(ctx); err != nil {
					t.Fatal(err)
				}
				// Deleted and replaced passages in the compacted segment.
				churn(t, ix, c.articles[:200])
			}
			if layout != "memory" {
				// Read-only, so that no background merge changes the
				// segments, and with them the scores, between the two
				// searches of a comparison.
				if err := ix.Close(); err != nil {
					t.Fatal(err)
				}
				if ix, err = Open(dir, Options{ReadOnly: true}); err != nil {
					t.Fatal(err)
				}
			}
			segs := segmentCount(t, ix)
			if layout == "compacted" && segs > 3 || layout != "compacted" && segs < 3 {
				t.Fatalf("%s index has %d segments", layout, segs)
			}
			t.Logf("%s: %d segments", layout, segmentCount(t, ix))
			compareBodyHits(t, ix, synthReqs, 10)
		})
	}
}

// compareBodyHits builds the body searches of reqs as Search builds them
// and runs each with the top-k scorer and with Bleve. Requests whose
// queries the scorer leaves to Bleve are skipped, but at least minTaken
// must have been compared.
func compareBodyHits(t *testing.T, ix *Index, reqs []Request, minTaken int) {
	t.Helper()
	ctx := context.Background()
	taken, rescored := 0, 0
	for _, req := range reqs {
		for _, sr := range bodySearches(t, ix, req) {
			name := fmt.Sprintf("%+v k=%d from=%d", req, sr.Size, sr.From)
			var got *bleve.SearchResult
			var ok bool
			err := ix.read(func() error {
				var err error
				got, ok, err = ix.searchTopK(ctx, sr)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !ok {
				continue
			}
			taken++
			var want *bleve.SearchResult
			if err := ix.read(func() error {
				var err error
				want, err = ix.searchBleve(ctx, sr)
				return err
			}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got.Total != want.Total {
				t.Errorf("%s: total %d, Bleve's %d", name, got.Total, want.Total)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Errorf("%s: %d hits, Bleve's %d", name, len(got.Hits), len(want.Hits))
				continue
			}
			if len(sr.Fields) > 0 {
				rescored++
			}
			for i := range got.Hits {
				g, w := got.Hits[i], want.Hits[i]
				if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-9*math.Abs(w.Score) {
					t.Errorf("%s: hit %d is %s %.17g, Bleve's %s %.17g", name, i, g.ID, g.Score, w.ID, w.Score)
					break
				}
				if gh, wh := hitFrom(g), hitFrom(w); !reflect.DeepEqual(gh, wh) {
					t.Errorf("%s: hit %d shown as\n%+v\nBleve's\n%+v", name, i, gh, wh)
					break
				}
			}
		}
	}
	t.Logf("top-k took %d body searches, %d rescores with details", taken, rescored)
	if taken < minTaken {
		t.Errorf("the top-k scorer took %d body searches, want at least %d", taken, minTaken)
	}
}

// bodySearches are the match-form searches of req's tiers, for the first
// rescoreWindow hits and for a deeper page.
func bodySearches(t *testing.T, ix *Index, req Request) []*bleve.SearchRequest {
	t.Helper()
	ctx := context.Background()
	clauses, err := parseQuery(req.Query)
	if err != nil {
		return nil
	}
	var out []*bleve.SearchRequest
	err = ix.read(func() error {
		r, err := ix.reader()
		if err != nil {
			return err
		}
		defer r.Close()
		c := &compiler{ix: ix, r: r, ctx: ctx, typing: req.Prefix}
		cq, err := c.compile(req.Query, clauses)
		if err != nil {
			return nil // a request Search refuses
		}
		req, cq.fields = cq.typedFilters(req), nil
		filters, err := ix.filters(ctx, req)
		if err != nil {
			return nil
		}
		tiers := []tier{tierEvery}
		if cq.tiered() {
			tiers = append(tiers, tierAny, tierSome)
		}
		for _, tr := range tiers {
			tq := tierQuery{cq: cq, tier: tr, filters: filters}
			q := ix.assemble(tq, formMatch, "")
			window := bleve.NewSearchRequestOptions(q, rescoreWindow, 0, false)
			out = append(out, window, bleve.NewSearchRequestOptions(q, 300, 200, false))
			// The rescore of the window on the searched fields, with
			// and without the hits' details, as rankRescored asks.
			br, err := ix.searchBleve(ctx, window)
			if err != nil || len(br.Hits) == 0 {
				return err
			}
			ids := matchIDs(br.Hits)
			for _, page := range [][2]int{{0, 10}, {0, len(ids)}, {min(5, len(ids)-1), 7}} {
				rq := bleve.NewSearchRequestOptions(onlyIDs(ix.assemble(tq, formRank, ""), ids), page[1], page[0], false)
				if page[1] != len(ids) {
					withDetails(rq)
				}
				out = append(out, rq)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDecodedPostings checks the postings the scorer keeps decoded
// (topk_bounds.go): they are what zapx's iterator gives, no more are kept
// than the budget allows, and their memory goes with their segment.
func TestDecodedPostings(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	addInBatches(t, ix, synthArticles(t, 3000).articles, 100)
	// Compacted, so that no background merge lands between the top-k
	// search and Bleve's that compareBodyHits compares: a merge changes
	// the field cardinality BM25 averages lengths by, and so the scores.
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	snap := r.(*scorch.IndexSnapshot)
	terms := []string{"social", "famili", "supervis", "psychologist"}
	var kept int64
	for _, ss := range snap.Segments() {
		dict, err := ss.Segment().Dictionary(fieldBody)
		if err != nil {
			t.Fatal(err)
		}
		for _, term := range terms {
			pl, err := dict.PostingsList([]byte(term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if pl == nil || pl.Count() == 0 {
				continue
			}
			_, dp, err := ix.bounds.of(ss.Segment(), fieldBody, term, 20, pl)
			if err != nil {
				t.Fatal(err)
			}
			if dp == nil {
				t.Fatalf("%q: postings of %d documents not kept within the default budget", term, pl.Count())
			}
			kept += dp.bytes()
			it := pl.Iterator(true, true, false, nil)
			for i := 0; ; i++ {
				p, err := it.Next()
				if err != nil {
					t.Fatal(err)
				}
				if p == nil {
					if i != len(dp.docs) {
						t.Fatalf("%q: %d decoded postings, the iterator gives %d", term, len(dp.docs), i)
					}
					break
				}
				if i >= len(dp.docs) || uint64(dp.docs[i]) != p.Number() || uint64(dp.freqs[i]) != p.Frequency() || float64(dp.norms[i]) != p.Norm() {
					t.Fatalf("%q: posting %d differs from the iterator's (document %d, frequency %d, norm %v)", term, i, p.Number(), p.Frequency(), p.Norm())
				}
			}
		}
	}
	if kept == 0 || ix.bounds.postsBytes != kept {
		t.Fatalf("kept %d bytes of decoded postings, the cache counts %d", kept, ix.bounds.postsBytes)
	}
	r.Close()

	// With no room for decoded postings, every term is stepped through
	// zapx's postings, and the body searches are Bleve's either way.
	ix.bounds.drop()
	ix.bounds.budget = 1
	compareBodyHits(t, ix, topKRequests, 10)
	if ix.bounds.postsBytes != 0 {
		t.Errorf("a budget of 1 byte keeps %d bytes of decoded postings", ix.bounds.postsBytes)
	}
	ix.bounds.budget = 0
	compareBodyHits(t, ix, topKRequests, 10)

	// A snapshot without these segments (another index's) lets their
	// decoded postings go.
	if ix.bounds.postsBytes == 0 {
		t.Fatal("the body searches kept no decoded postings")
	}
	other := newSeedIndex(t)
	r2, err := other.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	ix.bounds.retain(r2.(*scorch.IndexSnapshot))
	if ix.bounds.postsBytes != 0 || len(ix.bounds.posts) != 0 {
		t.Errorf("%d bytes of decoded postings kept after their segments went", ix.bounds.postsBytes)
	}
}
