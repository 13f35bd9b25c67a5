package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// literalPhrase is a match-phrase query whose words match as they are,
// without the synonym source. Bleve's phrase searcher, given synonyms
// for some of a phrase's words, keeps only those words' locations when
// it checks their order (searcher.PhraseSearcher.expandFuzzyMatches, in
// Bleve 2.6.3), so a phrase that mixes a word with synonyms and one
// without matched nothing: "practice educator", "Ofsted judgement" and
// "graduate programme" found no passage, and the rank form's phrase of a
// query holding such a word never counted.
type literalPhrase struct {
	query.MatchPhraseQuery
}

// newLiteralPhrase matches the words of text, analysed by field's
// analyzer, at consecutive positions of field.
func newLiteralPhrase(text, field string) *literalPhrase {
	q := &literalPhrase{MatchPhraseQuery: *query.NewMatchPhraseQuery(text)}
	q.SetField(field)
	return q
}

// Searcher is Bleve's phrase searcher with no synonyms for any field.
func (q *literalPhrase) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	ctx = context.WithValue(ctx, search.FieldTermSynonymMapKey, search.FieldTermSynonymMap(nil))
	return q.MatchPhraseQuery.Searcher(ctx, i, m, options)
}

// phrase is the documents holding a literal phrase's words at
// consecutive positions of one value of its field, as Bleve's phrase
// searcher finds them (searcher.findPhrasePaths, no slop), without it:
// the documents holding every word come from the words' bitmaps, and only
// those have their positions read, straight from the postings. Bleve's
// searcher builds a document match with a map of locations for each such
// document, which made a phrase of two common words ("supports
// children", 1,941 of 100k passages) cost 31 ms. A phrase the analyzer
// gives two words at one place goes to Bleve.
func (ev *bitmapEval) phrase(q *literalPhrase) ([]*roaring.Bitmap, error) {
	field := q.FieldVal
	if field == "" {
		field = ev.m.DefaultSearchField()
	}
	words, ok := phraseWords(ev.m, field, q.MatchPhrase)
	if !ok {
		return ev.search(q)
	}
	sets := make([]*roaring.Bitmap, len(ev.segs))
	if len(words) == 0 {
		return sets, nil
	}
	dicts, err := ev.dictionaries(field)
	if err != nil {
		return nil, err
	}
	for s, dict := range dicts {
		if dict == nil {
			continue
		}
		if sets[s], err = phraseInSegment(ev.ctx, dict, words); err != nil {
			return nil, err
		}
	}
	return sets, nil
}

// phraseWords is the analysed words of text at their places in the
// phrase, "" where the analyzer dropped one ("signs of safety" is sign,
// "", safeti); ok is false when it gave two words at one place or none
// is known.
func phraseWords(m mapping.IndexMapping, field, text string) ([]string, bool) {
	a := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if a == nil {
		return nil, false
	}
	tokens := a.Analyze([]byte(text))
	if len(tokens) == 0 {
		return nil, true
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	words := make([]string, last-first+1)
	for _, t := range tokens {
		if words[t.Position-first] != "" {
			return nil, false
		}
		words[t.Position-first] = string(t.Term)
	}
	return words, true
}

// phraseInSegment is the documents of one segment holding words at
// consecutive positions ("" matching any one word).
func phraseInSegment(ctx context.Context, dict segment.TermDictionary, words []string) (*roaring.Bitmap, error) {
	var cand *roaring.Bitmap
	lists := make([]segment.PostingsList, len(words))
	for i, w := range words {
		if w == "" {
			continue
		}
		pl, err := dict.PostingsList([]byte(w), nil, nil)
		if err != nil {
			return nil, err
		}
		if pl == nil || pl.Count() == 0 {
			return nil, nil
		}
		lists[i] = pl
		docs := roaring.New()
		if oi, ok := pl.(orInto); ok {
			oi.OrInto(docs)
		} else {
			it := pl.Iterator(false, false, false, nil)
			for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
				if err != nil {
					return nil, err
				}
				docs.Add(uint32(p.Number()))
			}
		}
		if cand == nil {
			cand = docs
		} else {
			cand.And(docs)
		}
		if cand.IsEmpty() {
			return nil, nil
		}
	}
	its := make([]segment.PostingsIterator, len(words))
	for i, pl := range lists {
		if pl != nil {
			its[i] = pl.Iterator(false, false, true, nil)
		}
	}
	locs := make([][]segment.Location, len(words))
	out := roaring.New()
	docs := cand.Iterator()
	for n := 0; docs.HasNext(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		doc := uint64(docs.Next())
		for i, it := range its {
			if it == nil {
				continue
			}
			p, err := it.Advance(doc)
			if err != nil {
				return nil, err
			}
			if p == nil || p.Number() != doc {
				return nil, fmt.Errorf("phrase: the postings of %q lack document %d of their own bitmap", words[i], doc)
			}
			locs[i] = p.Locations()
		}
		if phraseAt(words, locs) {
			out.Add(uint32(doc))
		}
	}
	if out.IsEmpty() {
		return nil, nil
	}
	return out, nil
}

// phraseAt reports whether locs, each word's locations in one document,
// hold the words at consecutive positions of one value.
func phraseAt(words []string, locs [][]segment.Location) bool {
	start := slices.IndexFunc(words, func(w string) bool { return w != "" })
	for _, l := range locs[start] {
		if phraseFollows(words, locs, start+1, l.Pos(), l.ArrayPositions()) {
			return true
		}
	}
	return false
}

// phraseFollows reports whether the words from i on stand from position
// prev+1 on, in the value ap.
func phraseFollows(words []string, locs [][]segment.Location, i int, prev uint64, ap []uint64) bool {
	if i == len(words) {
		return true
	}
	if words[i] == "" {
		return phraseFollows(words, locs, i+1, prev+1, ap)
	}
	for _, l := range locs[i] {
		if l.Pos() == prev+1 && slices.Equal(l.ArrayPositions(), ap) && phraseFollows(words, locs, i+1, l.Pos(), ap) {
			return true
		}
	}
	return false
}
