package bench

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// englishStopWords are the words of four letters or more, letters only, in
// the stop list of Bleve's English analyzer (en.EnglishStopWords,
// Snowball's list), which the index's text analyzer drops: a query of them
// alone matches every passage and the index refuses it. Read from Bleve's
// own list, so that the two cannot drift apart. The plain mix
// (PlainQueryMix) never draws them; the built-in mix keeps its shorter
// list so that its queries, and the figures logged for them, stay as they
// were.
var englishStopWords = func() map[string]bool {
	list := analysis.NewTokenMap()
	if err := list.LoadBytes(en.EnglishStopWords); err != nil {
		panic("bench: Bleve's English stop words: " + err.Error())
	}
	out := map[string]bool{}
	for w := range list {
		if len(w) >= 4 && lettersOnly(w) {
			out[w] = true
		}
	}
	return out
}()
