package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// fieldUse says how the index holds a field of the passage documents.
type fieldUse uint16

const (
	// useStored: kept whole, read back into Passages and Hits.
	useStored fieldUse = 1 << iota
	// useAnalysed: English text (stems, stop words, synonyms), searchable.
	useAnalysed
	// usePositions: analysed with term vectors, so phrases match on it.
	usePositions
	// useKeyword: one term per value with doc values, for filters, facets
	// and sorting.
	useKeyword
	// useHighlighted: matches are marked in a hit's highlights
	// (snippet.go reads the text and the question).
	useHighlighted
	// useUnstemmed: every word as typed, lower-cased, for "did you mean"
	// and completions.
	useUnstemmed
	// useNumber: a whole number with doc values, for sorting: one term
	// whose order as a string is the number's (ordinalKey), not Bleve's
	// numeric field, which indexes sixteen prefix-coded terms per value
	// for range queries no search here makes (BENCHMARKS.md, "Query
	// path at 10k and the ingest ceiling", experiment 1).
	useNumber
	// useTag: a term with neither doc values nor storage, for selecting
	// documents of one sort.
	useTag
)

func (u fieldUse) has(x fieldUse) bool { return u&x != 0 }

// schemaField is one field of a passage document: how the index holds
// it, how a passage fills it (encode; nil, "" or an empty list leaves it
// out) and, for a stored field, how it fills a passage back (decode). A
// field that needs more than the passage (the official figures of its
// council) has no encode: the index fills it (Index.derivedField).
type schemaField struct {
	name   string
	use    fieldUse
	encode func(p *ingest.Passage) any
	decode func(p *ingest.Passage, v any)
}

// passageSchema is the one table from Passage fields to index fields:
// the mapping (mapping.go), the documents written, the fields a hit asks
// for and the decoding of passages and hits all read it.
var passageSchema = []schemaField{
	{fieldDoc, useTag, func(*ingest.Passage) any { return docPassage }, nil},
	{fieldArticleID, useKeyword, func(p *ingest.Passage) any { return p.ArticleID }, nil},
	{fieldOrdinal, useNumber, func(p *ingest.Passage) any { return ordinalKey(p.Ordinal) }, nil},
	{fieldKind, useKeyword | useStored, func(p *ingest.Passage) any { return string(p.Kind) },
		func(p *ingest.Passage, v any) { p.Kind = ingest.Kind(storedString(v)) }},
	{fieldHeading, useStored, func(p *ingest.Passage) any { return p.Heading },
		func(p *ingest.Passage, v any) { p.Heading = storedString(v) }},
	{fieldText, useAnalysed | usePositions | useStored | useHighlighted, func(p *ingest.Passage) any { return p.Text },
		func(p *ingest.Passage, v any) { p.Text = storedString(v) }},
	{fieldQuestion, useAnalysed | usePositions | useStored | useHighlighted, func(p *ingest.Passage) any { return p.Question },
		func(p *ingest.Passage, v any) { p.Question = storedString(v) }},
	{fieldItems, useAnalysed | usePositions | useStored | useHighlighted, func(p *ingest.Passage) any { return p.Items },
		func(p *ingest.Passage, v any) { p.Items = storedStrings(v) }},
	{fieldSpeaker, useKeyword | useStored, func(p *ingest.Passage) any { return p.Speaker },
		func(p *ingest.Passage, v any) { p.Speaker = storedString(v) }},
	{fieldRole, useKeyword | useStored, func(p *ingest.Passage) any { return p.Role },
		func(p *ingest.Passage, v any) { p.Role = storedString(v) }},
	{fieldDate, useStored, func(p *ingest.Passage) any { return p.Date },
		func(p *ingest.Passage, v any) { p.Date = storedString(v) }},
	{fieldTopic, useKeyword | useStored, func(p *ingest.Passage) any { return p.Topics },
		func(p *ingest.Passage, v any) { p.Topics = storedStrings(v) }},
	{fieldFact, useKeyword, factTypes, nil},
	{fieldFacts, useStored, encodeFacts, decodeFacts},
	{fieldTitle, useStored, func(p *ingest.Passage) any { return p.ArticleTitle },
		func(p *ingest.Passage, v any) { p.ArticleTitle = storedString(v) }},
	{fieldCouncil, useKeyword | useStored, func(p *ingest.Passage) any { return p.Council },
		func(p *ingest.Passage, v any) { p.Council = storedString(v) }},
	{fieldRegion, useKeyword | useStored, func(p *ingest.Passage) any { return p.Region },
		func(p *ingest.Passage, v any) { p.Region = storedString(v) }},
	{fieldPublished, useKeyword | useStored, func(p *ingest.Passage) any { return p.Published },
		func(p *ingest.Passage, v any) { p.Published = storedString(v) }},
	{fieldSponsored, useStored, func(p *ingest.Passage) any { return map[bool]string{true: "true"}[p.Sponsored] },
		func(p *ingest.Passage, v any) { p.Sponsored = storedString(v) == "true" }},
	{fieldSponsor, useStored, func(p *ingest.Passage) any { return p.Sponsor },
		func(p *ingest.Passage, v any) { p.Sponsor = storedString(v) }},
	{fieldYear, useKeyword, publishedYear, nil},
	{fieldOfsted, useKeyword, nil, nil},
	// Indexed only, for finding and ranking (mapping.go, searchFields).
	{fieldContext, useAnalysed, passageContext, nil},
	{fieldSpeakerText, useAnalysed | usePositions, func(p *ingest.Passage) any { return joinNonEmpty(p.Speaker, p.Role) }, nil},
	{fieldCouncilText, useAnalysed, func(p *ingest.Passage) any { return joinNonEmpty(p.Council, p.Region) }, nil},
	{fieldBody, useAnalysed, passageBody, nil},
	{fieldWords, useUnstemmed, passageWords, nil},
}

// ordinalKey is n as a term that sorts as n does: nine digits, zero
// first. No article holds a billion passages.
func ordinalKey(n int) string { return fmt.Sprintf("%09d", n) }

// schemaFieldNames lists the fields of the schema that have use u.
func schemaFieldNames(u fieldUse) []string {
	var out []string
	for _, f := range passageSchema {
		if f.use.has(u) {
			out = append(out, f.name)
		}
	}
	return out
}

// storedFields are the fields a passage or hit is read back from.
var storedFields = schemaFieldNames(useStored)

// encodePassage turns a passage into the document Bleve indexes. Empty
// values are left out so that no facet shows an empty value.
func (ix *Index) encodePassage(p *ingest.Passage) map[string]any {
	doc := make(map[string]any, len(passageSchema))
	for _, f := range passageSchema {
		var v any
		if f.encode != nil {
			v = f.encode(p)
		} else {
			v = ix.derivedField(f.name, p)
		}
		switch v := v.(type) {
		case nil:
		case string:
			if v != "" {
				doc[f.name] = v
			}
		case []string:
			if len(v) > 0 {
				doc[f.name] = v
			}
		default:
			doc[f.name] = v
		}
	}
	return doc
}

// decodePassage reads a passage back from a document's stored fields.
func decodePassage(id string, fields map[string]any) ingest.Passage {
	p := ingest.Passage{ID: id}
	p.ArticleID, p.Ordinal, _ = ingest.SplitPassageID(id)
	for _, f := range passageSchema {
		if f.decode != nil {
			if v, ok := fields[f.name]; ok {
				f.decode(&p, v)
			}
		}
	}
	return p
}

// passageOf is the passage of a search match that asked for the stored
// fields.
func passageOf(dm *search.DocumentMatch) ingest.Passage {
	return decodePassage(dm.ID, dm.Fields)
}

func factTypes(p *ingest.Passage) any {
	var out []string
	for _, f := range p.Facts {
		if !slices.Contains(out, f.Type) {
			out = append(out, f.Type)
		}
	}
	return out
}

func encodeFacts(p *ingest.Passage) any {
	if len(p.Facts) == 0 {
		return nil
	}
	b, err := json.Marshal(p.Facts)
	if err != nil {
		return nil // a Fact always marshals
	}
	return string(b)
}

func decodeFacts(p *ingest.Passage, v any) {
	// A passage whose stored facts cannot be read is shown without them.
	_ = json.Unmarshal([]byte(storedString(v)), &p.Facts)
}

func publishedYear(p *ingest.Passage) any {
	if len(p.Published) >= 4 {
		return p.Published[:4]
	}
	return nil
}

// passageContext is the heading and the article title: a word there
// counts for every passage under them.
func passageContext(p *ingest.Passage) any {
	if p.Heading != "" {
		return []string{p.Heading, p.ArticleTitle}
	}
	return p.ArticleTitle
}

// passageWords is every word a search reaches a passage by: text,
// items, question, heading, speaker and council.
func passageWords(p *ingest.Passage) any {
	words := []string{p.Text}
	words = append(words, p.Items...)
	for _, s := range []string{p.Question, p.Heading, joinNonEmpty(p.Speaker, p.Role), joinNonEmpty(p.Council, p.Region)} {
		if s != "" {
			words = append(words, s)
		}
	}
	return words
}

// passageBody is what the searched fields hold, in one field: the words
// and the article title.
func passageBody(p *ingest.Passage) any {
	body := passageWords(p).([]string)
	if p.ArticleTitle != "" {
		body = append(body, p.ArticleTitle)
	}
	return body
}

func joinNonEmpty(a, b string) string { return strings.TrimSpace(a + " " + b) }

// storedString reads a stored text field.
func storedString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

// storedStrings reads a stored list field.
func storedStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
