package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Field names in the Bleve documents. One document is one passage.
const (
	fieldArticleID = "article_id" // keyword: Article(), collapse, document order
	fieldOrdinal   = "ordinal"    // ordinalKey: document order
	fieldKind      = "kind"
	fieldHeading   = "heading"
	fieldText      = "text"
	fieldQuestion  = "question"
	fieldItems     = "items"
	fieldSpeaker   = "speaker"
	fieldRole      = "role"
	fieldDate      = "date"
	fieldTopic     = "topic"
	fieldTitle     = "article_title"
	// fieldContext holds the heading and the article title, indexed but
	// not stored: a word there counts for every passage under them.
	fieldContext = "context"
	// fieldSpeakerText holds the speaker's name and role, analysed, so
	// "Elizabeth Sterland" or "operations manager" reach the quotes of
	// the person; fieldCouncilText holds the sponsor council and its
	// region, so "Kent supervision" reaches Kent's passages that do not
	// repeat the county's name. Indexed, not stored: hits show the
	// keyword fields.
	fieldSpeakerText = "speaker_text"
	fieldCouncilText = "council_text"
	// fieldBody holds every word of the searched fields (searchFields)
	// in one analysed field, indexed only: a query word is one term
	// there, where the searched fields would make it a disjunction of
	// six. Queries find and first rank their matches on it; the page's
	// window is then ranked again on the searched fields (search.go).
	fieldBody      = "body"
	fieldCouncil   = "council"
	fieldRegion    = "region"
	fieldPublished = "published"
	// fieldSponsored and fieldSponsor say that a passage's article is a
	// paid-for feature, and whose.
	fieldSponsored = "sponsored"
	fieldSponsor   = "sponsor"
	fieldYear      = "year"
	// fieldOfsted holds the latest overall Ofsted judgement of the
	// passage's council, as the official release of Options.Official
	// gives it when the passage is written.
	fieldOfsted = "ofsted"
	// fieldFact holds the types of the facts a passage states, a keyword
	// for the fact facet; fieldFacts stores the facts themselves as JSON,
	// so a new fact type needs no new field.
	fieldFact  = "fact"
	fieldFacts = "facts"
	// fieldWords holds every word of the passage unstemmed. It is never
	// shown; its term dictionary feeds "did you mean" and completions,
	// which must offer words people type ("supervision"), not stems
	// ("supervis").
	fieldWords = "words"
	// fieldDoc says what a document is: docPassage for every passage,
	// docArticle for the one document per article that stores its
	// metadata in fieldMeta. Queries that match "everything" match
	// fieldDoc:docPassage, which leaves out article and synonym documents.
	fieldDoc  = "_doc"
	fieldMeta = "_meta"
)

// Values of fieldDoc.
const (
	docPassage = "p"
	docArticle = "a"
)

// Analyzer and synonym source names registered in the mapping.
const (
	analyzerText   = en.AnalyzerName // possessives, lower case, stop words, Porter stems
	analyzerWords  = "words"         // possessives and lower case only
	synonymSource  = "domain"
	synonymCollect = "domain_synonyms"
)

// mappingVersion changes whenever the mapping or the document shape does,
// so an index built by an older binary is recognised and rebuilt.
const mappingVersion = "11"

// searchFields are the analysed fields a word of the query is ranked
// on, with the weight a match in each carries (fieldBody holds them all,
// for finding and counting). The speaker and council weights
// are the ones measured in RELEVANCE.md. Bleve scales a disjunction by
// the share of its clauses that match, so every field added here changes
// the weight of a match in the others: measure before adding one.
var searchFields = []struct {
	name  string
	boost float64
}{
	{fieldText, 1.0},
	{fieldQuestion, 0.8},
	{fieldItems, 1.0},
	{fieldContext, 0.3},
	{fieldSpeakerText, 0.5},
	{fieldCouncilText, 0.3},
}

// hasPositions reports whether phrases match on field (it has term
// vectors).
func hasPositions(field string) bool {
	for _, f := range passageSchema {
		if f.name == field {
			return f.use.has(usePositions)
		}
	}
	return false
}

// newMapping builds the index mapping: BM25 scoring, English analysis on
// the text fields, keyword facets with doc values and the domain synonyms
// as a Bleve synonym source on every analysed field.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = bleveindex.BM25Scoring
	m.DefaultAnalyzer = analyzerText
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.TypeField = "_no_type_field" // one document type: passages
	if err := m.AddCustomAnalyzer(analyzerWords, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []interface{}{en.PossessiveName, lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("words analyzer: %w", err)
	}
	if err := m.AddSynonymSource(synonymSource, map[string]interface{}{
		"collection": synonymCollect,
		"analyzer":   analyzerText,
	}); err != nil {
		return nil, fmt.Errorf("synonym source: %w", err)
	}

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range passageSchema {
		doc.AddFieldMappingsAt(f.name, fieldMapping(f.use))
	}
	doc.AddFieldMappingsAt(fieldMeta, fieldMapping(useStored))

	// No query reads Bleve's _all field and every field is kept out of
	// it, but the field is still assembled for each document unless its
	// mapping is disabled.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return m, nil
}

// fieldMapping is the Bleve mapping of a field used as use says.
func fieldMapping(use fieldUse) *mapping.FieldMapping {
	var f *mapping.FieldMapping
	switch {
	case use.has(useKeyword), use.has(useNumber):
		f = bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.DocValues = true
	case use.has(useTag):
		f = bleve.NewKeywordFieldMapping()
		f.DocValues = false
	case use.has(useAnalysed):
		f = bleve.NewTextFieldMapping()
		f.Analyzer = analyzerText
		f.SynonymSource = synonymSource
		f.IncludeTermVectors = use.has(usePositions)
		f.DocValues = false
	case use.has(useUnstemmed):
		f = bleve.NewTextFieldMapping()
		f.Analyzer = analyzerWords
		f.SkipFreqNorm = true
		f.DocValues = false
	default: // stored only
		f = bleve.NewTextFieldMapping()
		f.Index = false
		f.DocValues = false
	}
	if !use.has(useAnalysed) {
		f.IncludeTermVectors = false
	}
	f.Store = use.has(useStored)
	f.IncludeInAll = false
	return f
}

// synMember is one way of saying a synonym: its text and the terms the
// text analyzer makes of it.
type synMember struct {
	text  string
	terms []string
}

// synonymGroups returns the domain synonym groups in two parts: groups
// whose every member is one token after English analysis, which Bleve's
// synonym source expands, and the rest, which hold a multi-word member
// ("multi-agency safeguarding hub", "case load"). Bleve's synonym source
// silently drops any member that analyses to more than one token, so the
// multi-word groups are expanded by the query compiler instead, as
// alternative phrases.
func synonymGroups(a analysis.Analyzer) (single [][]string, multi [][]synMember) {
	for _, g := range ingest.Synonyms() {
		var members []synMember
		oneToken := true
		for _, text := range g {
			terms := analyzeTerms(a, text)
			if !faithful(text, terms) {
				continue
			}
			if len(terms) > 1 {
				oneToken = false
			}
			members = append(members, synMember{text: text, terms: terms})
		}
		if len(members) < 2 {
			continue
		}
		if oneToken {
			var texts []string
			for _, m := range members {
				texts = append(texts, m.text)
			}
			single = append(single, texts)
			continue
		}
		multi = append(multi, members)
	}
	return single, multi
}

// faithful reports whether terms, what the text analyzer made of text,
// still say what text says: a phrase that stop-word removal shrinks to
// one word ("well being" to "well", "step down" to "step") would match
// that word alone, so it is left out of synonyms and topic phrases.
func faithful(text string, terms []string) bool {
	words := len(strings.FieldsFunc(text, notWordRune))
	return len(terms) > 0 && (len(terms) == words || len(terms) >= 2)
}

// synonymsDigest identifies the synonym set, so an index re-indexes its
// synonym definitions only when the vocabulary changed.
func synonymsDigest(groups [][]string) string {
	h := sha256.New()
	for _, g := range groups {
		h.Write([]byte(strings.Join(g, "\x1f")))
		h.Write([]byte{0x1e})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// analyzeTerms returns the terms an analyzer makes of s.
func analyzeTerms(a analysis.Analyzer, s string) []string {
	ts := a.Analyze([]byte(s))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}
