package ingest

import (
	"context"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/internal/golden"
)

// buildText runs the plain-text front-end and Build, failing the test on
// error.
func buildText(tb testing.TB, name, text string) *Article {
	tb.Helper()
	doc, err := parseText(context.Background(), name, text)
	if err != nil {
		tb.Fatalf("parseText(%s): %v", name, err)
	}
	a, err := Build(doc)
	if err != nil {
		tb.Fatalf("Build(%s): %v", name, err)
	}
	return a
}

// seedArticles parses every embedded seed article, keyed by the seed's
// number ("000").
func seedArticles(tb testing.TB) map[string]*Article {
	tb.Helper()
	files := corpus.Files()
	if len(files) == 0 {
		tb.Fatal("the embedded corpus is empty")
	}
	out := make(map[string]*Article)
	for _, f := range files {
		base := path.Base(f.Name)
		out[base[:3]] = buildText(tb, f.Name, string(f.Data))
	}
	return out
}

// TestGolden compares each seed's parsed article with its golden file.
// Run with -update to rewrite them, then read the diff against the
// article before committing.
func TestGolden(t *testing.T) {
	for _, f := range corpus.Files() {
		base := strings.TrimSuffix(path.Base(f.Name), path.Ext(f.Name))
		t.Run(base, func(t *testing.T) {
			golden.JSON(t, filepath.Join("testdata", "golden", base+".json"), buildText(t, f.Name, string(f.Data)))
		})
	}
}
