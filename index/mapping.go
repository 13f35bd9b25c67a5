package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
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
	fieldOrdinal   = "ordinal"    // number: document order
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
	fieldYear      = "year"
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
const mappingVersion = "6"

// searchFields are the analysed fields a word of the query is ranked
// on, with the weight a match in each carries (fieldBody holds them all,
// for finding and counting). The speaker and council weights
// are the ones measured in RELEVANCE.md. Bleve scales a disjunction by
// the share of its clauses that match, so every field added here changes
// the weight of a match in the others: measure before adding one.
var searchFields = []struct {
	name    string
	boost   float64
	phrases bool // has term vectors, so phrase queries work on it
}{
	{fieldText, 1.0, true},
	{fieldQuestion, 0.8, true},
	{fieldItems, 1.0, true},
	{fieldContext, 0.3, false},
	{fieldSpeakerText, 0.5, true},
	{fieldCouncilText, 0.3, false},
}

// highlightFields are the stored fields whose matches are marked in hits.
var highlightFields = []string{fieldText, fieldQuestion, fieldItems}

// facetFields are the keyword facets a Result carries, with the number of
// values returned for each.
var facetFields = []struct {
	name string
	size int
}{
	{fieldCouncil, 25},
	{fieldTopic, 25},
	{fieldKind, len(ingest.Kinds)},
	{fieldSpeaker, 25},
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

	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerText
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		f.SynonymSource = synonymSource
		return f
	}
	keywordField := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text(true, true))
	doc.AddFieldMappingsAt(fieldQuestion, text(true, true))
	doc.AddFieldMappingsAt(fieldItems, text(true, true))
	doc.AddFieldMappingsAt(fieldContext, text(false, false))
	// Term vectors on the speaker field let multi-word synonyms, which
	// the compiler expands as phrases ("NQSW" → "newly qualified social
	// worker"), reach the role.
	doc.AddFieldMappingsAt(fieldSpeakerText, text(false, true))
	doc.AddFieldMappingsAt(fieldCouncilText, text(false, false))
	doc.AddFieldMappingsAt(fieldBody, text(false, false))
	doc.AddFieldMappingsAt(fieldHeading, storedOnly())
	doc.AddFieldMappingsAt(fieldTitle, storedOnly())

	words := bleve.NewTextFieldMapping()
	words.Analyzer = analyzerWords
	words.Store = false
	words.IncludeTermVectors = false
	words.IncludeInAll = false
	words.DocValues = false
	words.SkipFreqNorm = true
	doc.AddFieldMappingsAt(fieldWords, words)

	doc.AddFieldMappingsAt(fieldKind, keywordField(true))
	doc.AddFieldMappingsAt(fieldSpeaker, keywordField(true))
	doc.AddFieldMappingsAt(fieldRole, keywordField(true))
	doc.AddFieldMappingsAt(fieldTopic, keywordField(true))
	doc.AddFieldMappingsAt(fieldCouncil, keywordField(true))
	doc.AddFieldMappingsAt(fieldRegion, keywordField(false))
	doc.AddFieldMappingsAt(fieldYear, keywordField(false))
	doc.AddFieldMappingsAt(fieldPublished, keywordField(false))
	doc.AddFieldMappingsAt(fieldArticleID, keywordField(false))
	doc.AddFieldMappingsAt(fieldDate, storedOnly())
	doc.AddFieldMappingsAt(fieldMeta, storedOnly())

	kindOfDoc := bleve.NewKeywordFieldMapping()
	kindOfDoc.Store = false
	kindOfDoc.IncludeTermVectors = false
	kindOfDoc.IncludeInAll = false
	kindOfDoc.DocValues = false
	doc.AddFieldMappingsAt(fieldDoc, kindOfDoc)

	ord := bleve.NewNumericFieldMapping()
	ord.Store = false
	ord.IncludeInAll = false
	ord.DocValues = true
	doc.AddFieldMappingsAt(fieldOrdinal, ord)

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

// passageFields turns a passage into the field map Bleve indexes. Empty
// values are left out so that no facet shows an empty value.
func passageFields(p *ingest.Passage) map[string]interface{} {
	f := map[string]interface{}{
		fieldDoc:       docPassage,
		fieldArticleID: p.ArticleID,
		fieldOrdinal:   float64(p.Ordinal),
		fieldKind:      string(p.Kind),
		fieldText:      p.Text,
	}
	words := []string{p.Text}
	set := func(name, v string) {
		if v != "" {
			f[name] = v
		}
	}
	set(fieldHeading, p.Heading)
	set(fieldQuestion, p.Question)
	set(fieldSpeaker, p.Speaker)
	set(fieldRole, p.Role)
	set(fieldDate, p.Date)
	set(fieldTitle, p.ArticleTitle)
	set(fieldCouncil, p.Council)
	set(fieldRegion, p.Region)
	set(fieldPublished, p.Published)
	if len(p.Published) >= 4 {
		f[fieldYear] = p.Published[:4]
	}
	if len(p.Items) > 0 {
		f[fieldItems] = p.Items
		words = append(words, p.Items...)
	}
	if len(p.Topics) > 0 {
		f[fieldTopic] = p.Topics
	}
	if p.Question != "" {
		words = append(words, p.Question)
	}
	if p.Heading != "" {
		words = append(words, p.Heading)
		f[fieldContext] = []string{p.Heading, p.ArticleTitle}
	} else if p.ArticleTitle != "" {
		f[fieldContext] = p.ArticleTitle
	}
	if who := strings.TrimSpace(p.Speaker + " " + p.Role); who != "" {
		f[fieldSpeakerText] = who
		words = append(words, who)
	}
	if where := strings.TrimSpace(p.Council + " " + p.Region); where != "" {
		f[fieldCouncilText] = where
		words = append(words, where)
	}
	f[fieldWords] = words
	// The body holds what the searched fields hold: words gathers text,
	// items, question, heading, speaker and council; context adds the
	// article title.
	body := words
	if p.ArticleTitle != "" {
		body = append(slices.Clip(words), p.ArticleTitle)
	}
	f[fieldBody] = body
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
			if len(terms) == 0 {
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
