package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"
)

// TestBitmapCountsMatchBleve runs searches twice, counting totals and
// facets from postings bitmaps and by collecting every match in Bleve,
// and wants the same results: on the seed corpus with every request of
// testdata/searches.json, and on synthetic text of several segments with
// deleted and replaced passages, on disk and in memory.
func TestBitmapCountsMatchBleve(t *testing.T) {
	compareOnCorpora(t, countByCollecting)
}

// searchesJSONRequests are the requests of testdata/searches.json.
func searchesJSONRequests(t *testing.T) []Request {
	t.Helper()
	data, err := os.ReadFile("testdata/searches.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []searchCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for _, tc := range cases {
		rq := tc.Request
		req := Request{Query: rq.Query, Filters: rq.Filters, Size: rq.Size, From: rq.From, Sort: rq.Sort, Collapse: rq.Collapse, Prefix: rq.Prefix}
		for name, values := range map[string][]string{"council": rq.Councils, "topic": rq.Topics, "kind": rq.Kinds, "speaker": rq.Speakers} {
			if len(values) > 0 {
				req.SetFilter(name, values...)
			}
		}
		reqs = append(reqs, req)
	}
	return reqs
}

// compareOnCorpora runs compareWith on the seed corpus and on synthetic
// indexes with deletions.
func compareOnCorpora(t *testing.T, set func(ix *Index, on bool)) {
	seedReqs := searchesJSONRequests(t)
	seedReqs = append(seedReqs,
		Request{Query: "social workers", Size: 50},
		Request{Query: "head of service"},
		Request{Query: "newly qualified social workers", Collapse: CollapseArticle},
	)
	seeds := newSeedIndex(t)
	t.Run("seeds", func(t *testing.T) { compareWith(t, seeds, seedReqs, set) })

	var synthReqs []Request
	for _, qs := range synthShapes {
		synthReqs = append(synthReqs, qs.req)
	}
	synthReqs = append(synthReqs,
		Request{Query: "social workers -team"},
		Request{Query: `"social work" families`},
		Request{Query: "supervision team support", From: 20},
		Request{Query: "social workers", From: 95},
		Request{Query: "social workers", Size: 100},
		Request{Query: "early help families"},
		Request{Query: "head of service"},
		Request{Query: "recruit* support"},
		Request{Query: "families", Filters: map[string][]string{"kind": {"qa"}, "topic": {"supervision"}}},
		Request{Query: "social workers", Collapse: CollapseArticle, Filters: map[string][]string{"council": {"Kent"}}},
		Request{Query: "supervison caseloads"},
		Request{Query: "kind:qa social"},
	)
	c := synthArticles(t, 3000)
	for _, disk := range []bool{true, false} {
		t.Run(fmt.Sprintf("synthetic/disk=%v", disk), func(t *testing.T) {
			compareWith(t, churned(t, disk, c.articles), synthReqs, set)
		})
	}
}

func countByCollecting(ix *Index, on bool) { ix.collectCounts = on }

// compareWith runs each request with the switch set off and on (the
// way Bleve does it) and reports where the results differ.
func compareWith(t *testing.T, ix *Index, reqs []Request, set func(ix *Index, on bool)) {
	t.Helper()
	ctx := context.Background()
	defer set(ix, false)
	for _, req := range reqs {
		set(ix, false)
		got, gotErr := ix.Search(ctx, req)
		set(ix, true)
		want, wantErr := ix.Search(ctx, req)
		name := fmt.Sprintf("%+v", req)
		if (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: error %v, Bleve's way gives %v", name, gotErr, wantErr)
			continue
		}
		if gotErr != nil {
			continue
		}
		got.TookMS, want.TookMS = 0, 0
		if !reflect.DeepEqual(got, want) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			t.Errorf("%s:\n got %s\nwant %s", name, g, w)
		}
	}
}
