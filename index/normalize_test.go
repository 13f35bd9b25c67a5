package index

import (
	"testing"
)

// TestSearchFindsLookalikeForms finds an article whatever form of Unicode
// the query or the article uses for the same word: decomposed accents,
// ligatures, fullwidth letters, a zero-width space inside a word (issue
// 11: the NFD "café" found nothing while the NFC one did).
func TestSearchFindsLookalikeForms(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	plain := "Policies at the cafe\n\nOur café team has \ufb02exible working, and ｇｏｏｄ super\u200bvision every week.\n"
	if _, err := ix.Ingest(t.Context(), "policies.txt", []byte(plain)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"café", "cafe\u0301", // NFC and NFD
		"flexible", "\ufb02exible", // plain and ligature
		"good", "ｇｏｏｄ", "ＧＯＯＤ", // plain and fullwidth
		"supervision", "super\u200bvision", "super\u00advision", // plain, zero-width space, soft hyphen
		"\"\ufb02exible working\"", // a phrase
	} {
		t.Run(q, func(t *testing.T) {
			if res := mustSearch(t, ix, q); res.Total != 1 {
				t.Errorf("%q: %d hits, want the one passage", q, res.Total)
			}
		})
	}
}
