package index

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// TestColumnsBuiltOnce asks for a fresh index's facet columns from many
// searches at once, as the first burst of requests after serve opens an
// index does, and wants each segment's columns built once, the same for
// every search.
func TestColumnsBuiltOnce(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	addInBatches(t, ix, synthArticles(t, 3000).articles, 1000)
	var builds atomic.Int64
	build := buildSegmentColumns
	buildSegmentColumns = func(seg segment.Segment) (segColumns, error) {
		builds.Add(1)
		return build(seg)
	}
	defer func() { buildSegmentColumns = build }()

	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap := r.(*scorch.IndexSnapshot)
	var cache columnCache
	const searches = 16
	got := make([][]segColumns, searches)
	var wg sync.WaitGroup
	for i := range searches {
		wg.Go(func() {
			cols, _, _, err := cache.columns(snap)
			if err != nil {
				t.Error(err)
			}
			got[i] = cols
		})
	}
	wg.Wait()
	if n, segs := builds.Load(), int64(len(snap.Segments())); n != segs {
		t.Errorf("%d column builds for %d segments asked for by %d searches at once", n, segs, searches)
	}
	for i := range got {
		for s := range got[i] {
			if len(got[i][s]) == 0 || &got[i][s][0] != &got[0][s][0] {
				t.Fatalf("search %d got other columns for segment %d than search 0", i, s)
			}
		}
	}
}
