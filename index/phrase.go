package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
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
