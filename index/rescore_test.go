package index

import (
	"context"
	"slices"
	"testing"
)

// A query with more matches than the rescore window pages through them
// without repeating or skipping a hit, whatever the page size, across the
// window's edge and the tiers'; inside the window, every-word hits come
// in the order of their scores on the searched fields, and those scores
// are the ones the whole query gives them.
func TestRescoreWindowPaging(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	addInBatches(t, ix, synthArticles(t, 3000).articles, 200)
	ctx := context.Background()

	for _, q := range []string{"support", "social workers", "support team"} {
		t.Run(q, func(t *testing.T) {
			first, err := ix.Search(ctx, Request{Query: q, Size: 1})
			if err != nil {
				t.Fatal(err)
			}
			if first.Exact <= rescoreWindow+20 {
				t.Fatalf("%q: %d every-word hits, want more than the window (%d) for the test to mean anything", q, first.Exact, rescoreWindow)
			}
			end := rescoreWindow + 40
			pages := func(size int) []string {
				var ids []string
				for from := 0; from < end; from += size {
					res, err := ix.Search(ctx, Request{Query: q, From: from, Size: size})
					if err != nil {
						t.Fatal(err)
					}
					ids = append(ids, hitIDs(res.Hits)...)
				}
				return ids[:end]
			}
			bySeven, byTen := pages(7), pages(10)
			if !slices.Equal(bySeven, byTen) {
				t.Fatalf("pages of 7 and pages of 10 disagree on the order of the first %d hits", end)
			}
			seen := map[string]bool{}
			for i, id := range bySeven {
				if seen[id] {
					t.Fatalf("hit %d (%s) was already on an earlier page", i+1, id)
				}
				seen[id] = true
			}

			window, err := ix.Search(ctx, Request{Query: q, Size: MaxSize})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(window.Hits)
			if !slices.Equal(ids, bySeven[:len(ids)]) {
				t.Fatal("one page of 100 disagrees with pages of 7")
			}
			for i := 1; i < len(window.Hits); i++ {
				if window.Hits[i].Score > window.Hits[i-1].Score {
					t.Fatalf("hit %d scores %.4f, above hit %d's %.4f: the window is not in score order",
						i+1, window.Hits[i].Score, i, window.Hits[i-1].Score)
				}
			}
			top, scoreOf := exhaustiveTop(t, ix, q, 1)
			if got, want := window.Hits[0].Score, scoreOf(window.Hits[0].ID); !nearlyEqual(got, want) {
				t.Errorf("first hit scores %.4f, but the whole query gives it %.4f", got, want)
			}
			if got, want := window.Hits[0].Score, scoreOf(top[0]); got > want+1e-9 {
				t.Errorf("first hit scores %.4f, above the best passage's %.4f", got, want)
			}
		})
	}
}

func nearlyEqual(a, b float64) bool {
	d := a - b
	return d < 1e-6*max(1, b) && -d < 1e-6*max(1, b)
}
