package index

import (
	"fmt"
	"strings"
	"testing"
)

// TestManyArticlesInOneSourceAreWrittenInBatches ingests a JSON lines
// file of 12,000 one-line articles. It used to go into one Bleve batch,
// and a 4.9 MB file of 37,000 took 1.2 GB (issue 11); now it is written in
// batches of batchPassages, each recorded in the manifest first, and every
// article is there afterwards.
func TestManyArticlesInOneSourceAreWrittenInBatches(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const n = 12000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"title":"Article %d","text":"Supervision is good in team %d."}`+"\n", i, i)
	}
	before := ix.gen.Load()
	rep, err := ix.Ingest(t.Context(), "many.jsonl", []byte(b.String()))
	if err != nil || rep.Added != n {
		t.Fatalf("added %d, error %v; want %d", rep.Added, err, n)
	}
	if batches := ix.gen.Load() - before; batches < n/batchPassages {
		t.Errorf("written in %d batch(es), want at least %d of %d passages", batches, n/batchPassages, batchPassages)
	}
	if got := len(articleIDs(t, ix)); got != n {
		t.Errorf("%d articles in the index, want %d", got, n)
	}
}
