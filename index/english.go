package index

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// englishGz is a British English word list, lower-cased, one word a line,
// sorted: Debian's wbritish (SCOWL, by Kevin Atkinson; licence in
// data/english.LICENSE), with possessives and words holding anything but
// letters left out. data/README.md says how to make it again.
//
//go:embed data/english.txt.gz
var englishGz []byte

// englishWords is the word list, read once when a search first needs it.
var englishWords = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		panic("index: data/english.txt.gz: " + err.Error()) // embedded: a broken file is a build mistake
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		panic("index: data/english.txt.gz: " + err.Error())
	}
	words := strings.Fields(string(data))
	if !slices.IsSorted(words) {
		slices.Sort(words)
	}
	return words
})

// domainWords are the words of the field's own vocabularies — topic
// labels and signal phrases, synonyms and acronyms, council names — that
// a general dictionary lacks ("wellbeing", "NQSW", "Medway").
var domainWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), notWordRune) {
			out[w] = true
		}
	}
	for _, t := range ingest.Topics() {
		add(t.Label)
		for _, p := range t.Phrases {
			add(p)
		}
	}
	for _, g := range ingest.Synonyms() {
		for _, s := range g {
			add(s)
		}
	}
	for _, c := range ingest.Councils() {
		add(c.Name)
		add(c.Short)
		add(c.Region)
		for _, a := range c.Aliases {
			add(a)
		}
	}
	return out
})

// isRealWord reports whether lower, a lower-cased word, is an English
// word or one of the field's own. Such a word is never corrected into
// another: a search for "salary" that the corpus lacks finds nothing
// rather than "scary".
func isRealWord(lower string) bool {
	if lower == "" || strings.IndexFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return false
	}
	if _, found := slices.BinarySearch(englishWords(), lower); found {
		return true
	}
	return domainWords()[lower]
}

// domainList is domainWords in order, so that candidates come out the
// same every time.
var domainList = sync.OnceValue(func() []string {
	return slices.Sorted(maps.Keys(domainWords()))
})

// domainCandidates returns the words of the field's vocabularies within
// maxEdits of lower that share its first letter, fewest edits first.
func domainCandidates(lower string, maxEdits int) []fuzzyCandidate {
	first, _ := utf8.DecodeRuneInString(lower)
	var out []fuzzyCandidate
	for _, w := range domainList() {
		if w == lower || !strings.HasPrefix(w, string(first)) {
			continue
		}
		if d, over := search.LevenshteinDistanceMax(lower, w, maxEdits); !over && d > 0 && d <= maxEdits {
			out = append(out, fuzzyCandidate{term: w, dist: uint8(d)})
		}
	}
	slices.SortStableFunc(out, func(a, b fuzzyCandidate) int { return cmp.Compare(a.dist, b.dist) })
	return out
}
