package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestIDCacheIsPerSnapshot checks that a document number the cache holds
// is used only in the snapshot it came from: after a write, the same id
// may be another document.
func TestIDCacheIsPerSnapshot(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	c := synthArticles(t, 3000)
	addInBatches(t, ix, c.articles[:10], 10)
	snapshot := func() (*scorch.IndexSnapshot, func()) {
		r, err := ix.reader()
		if err != nil {
			t.Fatal(err)
		}
		return r.(*scorch.IndexSnapshot), func() { r.Close() }
	}
	a, closeA := snapshot()
	defer closeA()
	id := c.articles[0].Passages[0].ID
	var cache idCache
	cache.put(a, id, 7)
	sets, ok := cache.sets(a, a.Segments(), []string{id})
	var global []uint64
	var start uint64
	for s, ss := range a.Segments() {
		if s < len(sets) && sets[s] != nil {
			for _, d := range sets[s].ToArray() {
				global = append(global, start+uint64(d))
			}
		}
		start += ss.Segment().Count()
	}
	if !ok || len(global) != 1 || global[0] != 7 {
		t.Fatalf("the snapshot the number came from: documents %v, ok %v; want [7]", global, ok)
	}
	if _, ok := cache.sets(a, a.Segments(), []string{id, "unknown#1"}); ok {
		t.Error("an id the cache does not hold was answered")
	}
	if _, err := ix.Add(context.Background(), c.articles[10:12]); err != nil {
		t.Fatal(err)
	}
	b, closeB := snapshot()
	defer closeB()
	if a == b {
		t.Fatal("a write left the snapshot as it was")
	}
	if _, ok := cache.sets(b, b.Segments(), []string{id}); ok {
		t.Error("a number from an older snapshot was used in a newer one")
	}
}
