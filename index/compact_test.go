package index

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestCompactKeepsResults merges a bulk-loaded index into one segment and
// checks that searches match the same passages, with the same facets,
// after a reopen.
func TestCompactKeepsResults(t *testing.T) {
	ctx := context.Background()
	c := synthArticles(t, 2000)
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addInBatches(t, ix, c.articles, 30)
	reqs := []Request{
		{Query: "families"},
		{Query: "social workers", Size: 20},
		{Query: "support", Filters: map[string][]string{"council": {"Kent"}}},
		{Query: "social work", Collapse: CollapseArticle},
	}
	before := make([]*Result, len(reqs))
	for i, r := range reqs {
		if before[i], err = ix.Search(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	adv, _ := ix.cur.Advanced()
	if n := adv.(*scorch.Scorch).StatsMap()["TotFileSegmentsAtRoot"]; n != uint64(1) {
		t.Errorf("%v segments after Compact, want 1", n)
	}
	if zaps := zapFiles(t, dir); zaps != 1 {
		t.Errorf("%d segment files on disk after Compact, want 1 (the merged-away ones removed)", zaps)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Compact(ctx); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Compact on a read-only index: %v, want ErrReadOnly", err)
	}
	for i, r := range reqs {
		after, err := ro.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if after.Total != before[i].Total {
			t.Errorf("%q: total %d after Compact, %d before", r.Query, after.Total, before[i].Total)
		}
		// Hit order may change: Bleve's BM25 takes the average field
		// length as the sum of each segment's dictionary size over the
		// document count, which merging segments lowers.
		if len(after.Hits) != len(before[i].Hits) {
			t.Errorf("%q: %d hits after Compact, %d before", r.Query, len(after.Hits), len(before[i].Hits))
		}
		for f, v := range before[i].Facets {
			if !slices.Equal(after.Facets[f], v) {
				t.Errorf("%q: facet %s %v after Compact, %v before", r.Query, f, after.Facets[f], v)
			}
		}
	}
}

// TestRebuildCompacts checks that a rebuild, a bulk load of every kept
// source, serves from one segment and finds what the index found before.
func TestRebuildCompacts(t *testing.T) {
	ctx := context.Background()
	c := synthArticles(t, 6000) // several of the rebuild's batches
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	addInBatches(t, ix, c.articles, 100)
	req := Request{Query: "social workers"}
	before, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if n := segmentCount(t, ix); n != 1 {
		t.Errorf("%d segments after Rebuild, want 1", n)
	}
	after, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total || after.Exact != before.Exact {
		t.Errorf("total %d, exact %d after Rebuild; %d, %d before", after.Total, after.Exact, before.Total, before.Exact)
	}
}

// zapFiles counts the segment files under dir.
func zapFiles(tb testing.TB, dir string) int {
	tb.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".zap") {
			n++
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
