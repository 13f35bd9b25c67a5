package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestPhraseSetsMatchBleve finds the documents of literal phrases from
// the postings (bitmapEval.phrase) and with Bleve's phrase searcher, and
// wants the same documents: phrases with a dropped stop word inside, a
// repeated word, a word with synonyms, words that never meet, on every
// positional field (items is a list: its values must not run into each
// other), on the seeds and on synthetic indexes of several segments with
// deleted and replaced passages.
func TestPhraseSetsMatchBleve(t *testing.T) {
	phrases := []string{
		"social work", "social work practice", "signs of safety", "head of service",
		"newly qualified social workers", "practice educator", "best practice",
		"practices practices", "support support", "early help", "the team", "support and",
		"families social", "caseloads manageable", "supervision", "zzz social",
		// The first words of two items of one list (Kent's "Effective
		// supervision", "Quality management"): one after the other by
		// position, but in two values.
		"effective management", "quality caseloads", "effective supervision",
	}
	check := func(t *testing.T, ix *Index) {
		r, err := ix.reader()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		snap := r.(*scorch.IndexSnapshot)
		ev := &bitmapEval{ctx: context.Background(), snap: snap, segs: snap.Segments(), m: ix.cur.Mapping()}
		matched := 0
		for _, f := range searchFields {
			if !hasPositions(f.name) {
				continue
			}
			for _, text := range phrases {
				q := newLiteralPhrase(text, f.name)
				got, err := ev.phrase(q)
				if err != nil {
					t.Fatal(err)
				}
				want, err := ev.search(q)
				if err != nil {
					t.Fatal(err)
				}
				// Deleted documents may stay in a set (bitmapEval):
				// countBitmaps takes them out at the end.
				for s, ss := range ev.segs {
					if got[s] != nil && ss.Deleted() != nil {
						got[s].AndNot(ss.Deleted())
					}
				}
				if g, w := setsString(got), setsString(want); g != w {
					t.Errorf("%s:%q: postings found %s, Bleve %s", f.name, text, g, w)
				}
				for _, s := range want {
					if s != nil {
						matched += int(s.GetCardinality())
					}
				}
			}
		}
		if matched == 0 {
			t.Error("no phrase matched anywhere: the comparison compared nothing")
		}
	}
	t.Run("seeds", func(t *testing.T) { check(t, newSeedIndex(t)) })
	c := synthArticles(t, 1500)
	for _, disk := range []bool{true, false} {
		t.Run(fmt.Sprintf("synthetic/disk=%v", disk), func(t *testing.T) { check(t, churned(t, disk, c.articles)) })
	}
}

// setsString prints per-segment sets, an empty set as a nil one.
func setsString(sets []*roaring.Bitmap) string {
	out := ""
	for s, set := range sets {
		if set != nil && !set.IsEmpty() {
			out += fmt.Sprintf("%d:%v ", s, set.ToArray())
		}
	}
	return out
}
