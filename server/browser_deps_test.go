package server

import (
	"context"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/index"
)

// hostileSource is an article, in the seed genre's plain-text form, whose
// text carries markup that must be shown as text everywhere.
const hostileSource = `Employer Zone

Evil ` + imgXSS + ` Council

Frontline view

Hostile markup test ` + scriptXSS + ` for social workers in Evil

A sponsored feature from Evil ` + imgXSS + ` Council

The council says ` + scriptXSS + ` is fine.

“Zebracrossing teams love ` + scriptXSS + ` and ` + imgXSS + ` in their supervision,” says Mallory Smith, team manager.
`

// browserDeps is the server the browser tests drive: the real in-memory
// index over the seed corpus plus one hostile article.
func browserDeps(t *testing.T) Deps {
	t.Helper()
	ix := realIndex(t)
	if _, err := ix.Ingest(context.Background(), "hostile.txt", []byte(hostileSource)); err != nil {
		t.Fatalf("ingesting the hostile article: %v", err)
	}
	return Deps{Searcher: ix}
}

// realIndex is an in-memory index over the embedded seed articles.
func realIndex(tb testing.TB) *index.Index {
	tb.Helper()
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
			tb.Fatalf("ingesting %s: %v", f.Name, err)
		}
	}
	return ix
}
