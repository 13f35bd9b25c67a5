package main

import (
	"context"
	"testing"
)

// TestInterruptedRebuildSaysSo: `rebuild` and `ingest --rebuild` stopped
// before the swap say the same thing, naming the index left as it was.
func TestInterruptedRebuildSaysSo(t *testing.T) {
	articles, indexDir, _ := faultArticles(t, 3)
	want := "rebuild interrupted; " + indexDir + " left as it was"
	for _, args := range [][]string{
		{"rebuild", "--index", indexDir},
		{"ingest", "--rebuild", articles, "--index", indexDir},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r := runCLIContext(ctx, nil, args...)
		if r.err == nil {
			t.Errorf("%v with its context ended: no error", args)
			continue
		}
		if got := userMessage(r.err); got != want {
			t.Errorf("%v interrupted: %q, want %q", args, got, want)
		}
	}
	if s := statsOf(t, indexDir); s.Articles != 3 {
		t.Errorf("%d articles after the interrupted rebuilds, want 3", s.Articles)
	}
}
