package index

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// The OpenSearch/Elasticsearch form of the index: a composable index
// template whose mapping says what passageSchema says, and documents that
// are the passage JSON of DESIGN.md plus the facet fields the passage
// does not carry. Everything here is derived from passageSchema, the
// facet registry, Bleve's English stop words and ingest.Synonyms(), so a
// field or synonym added there reaches the export without a second list.

// DefaultOpenSearchIndex is the index name an export targets unless told
// otherwise.
const DefaultOpenSearchIndex = "recruitsearch-passages"

// Analyzer and filter names in the template's analysis settings. The
// index analyzer is ours (analyzerText); the search analyzer adds the
// synonyms, since a synonym_graph filter belongs at search time only.
const (
	osAnalyzerSearch = analyzerText + "_synonyms"
	osFilterPossess  = "recruitsearch_possessive"
	osFilterStop     = "recruitsearch_stop"
	osFilterSynonyms = "recruitsearch_synonyms"
	osFilterStemmer  = "recruitsearch_porter"
)

// osDocNames renames the schema fields whose passage JSON name differs:
// the topic facet's field is "topic" in Bleve and "topics" in the JSON.
var osDocNames = map[string]string{fieldTopic: "topics"}

// osTypes are the fields whose OpenSearch type is not the one their use
// implies: dates are dates, the sponsored flag a boolean and the facts
// an object kept whole in _source (the fact facet indexes their types).
var osTypes = map[string]map[string]any{
	fieldPublished: {"type": "date", "format": "strict_date||strict_year_month||strict_year"},
	fieldDate:      {"type": "date", "format": "strict_date||strict_year_month||strict_year", "index": false, "doc_values": false},
	fieldSponsored: {"type": "boolean", "index": false, "doc_values": false},
	fieldFacts:     {"type": "object", "enabled": false},
}

// osCopyTo says which document fields fill each of the indexed-only
// fields, as copy_to: in Bleve the index builds them from the passage
// (passageContext, passageWords, passageBody and the speaker and council
// joins in schema.go); OpenSearch builds them from the document. A test
// analyses both and wants the same terms.
var osCopyTo = map[string][]string{
	fieldContext:     {fieldHeading, fieldTitle},
	fieldSpeakerText: {fieldSpeaker, fieldRole},
	fieldCouncilText: {fieldCouncil, fieldRegion},
	fieldBody:        {fieldText, fieldItems, fieldQuestion, fieldHeading, fieldSpeaker, fieldRole, fieldCouncil, fieldRegion, fieldTitle},
	fieldWords:       {fieldText, fieldItems, fieldQuestion, fieldHeading, fieldSpeaker, fieldRole, fieldCouncil, fieldRegion},
}

// osDocName is the name of a schema field in the exported documents.
func osDocName(field string) string {
	if n, ok := osDocNames[field]; ok {
		return n
	}
	return field
}

// osCopied reports whether a schema field is built by copy_to rather than
// sent in the documents.
func osCopied(f schemaField) bool {
	_, ok := osCopyTo[f.name]
	return ok
}

// osSent reports whether a schema field is a field of the exported
// documents: every field but the document-sort tag and the copy_to
// targets.
func osSent(f schemaField) bool {
	return !f.use.has(useTag) && !osCopied(f)
}

// passageJSONFields are the keys of a passage in the JSON contract, from
// ingest.Passage's tags.
func passageJSONFields() []string {
	var out []string
	t := reflect.TypeFor[ingest.Passage]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// osProperty is the mapping of one schema field.
func osProperty(f schemaField) map[string]any {
	if t, ok := osTypes[f.name]; ok {
		p := make(map[string]any, len(t)+1)
		for k, v := range t {
			p[k] = v
		}
		return p
	}
	switch {
	case f.use.has(useNumber):
		return map[string]any{"type": "integer"}
	case f.use.has(useKeyword):
		return map[string]any{"type": "keyword"}
	case f.use.has(useAnalysed):
		opts := "freqs" // no positions: phrases do not match here, as in Bleve without term vectors
		if f.use.has(usePositions) {
			opts = "positions"
		}
		return map[string]any{"type": "text", "analyzer": analyzerText, "search_analyzer": osAnalyzerSearch, "index_options": opts}
	case f.use.has(useUnstemmed):
		// Bleve's SkipFreqNorm: which passages hold a word, no more.
		return map[string]any{"type": "text", "analyzer": analyzerWords, "index_options": "docs", "norms": false}
	default: // stored only: in _source, not searchable
		return map[string]any{"type": "text", "index": false}
	}
}

// osProperties is the mapping's properties: every field of the documents
// and every copy_to target.
func osProperties() (map[string]any, error) {
	props := map[string]any{"id": map[string]any{"type": "keyword"}}
	for _, f := range passageSchema {
		if !osSent(f) && !osCopied(f) {
			continue
		}
		props[osDocName(f.name)] = osProperty(f)
	}
	for target, sources := range osCopyTo {
		for _, s := range sources {
			p, ok := props[osDocName(s)].(map[string]any)
			if !ok {
				return nil, fmt.Errorf("copy_to %s: no field %s in the schema", target, s)
			}
			to, _ := p["copy_to"].([]string)
			p["copy_to"] = append(to, target)
		}
	}
	for _, p := range props {
		if to, ok := p.(map[string]any)["copy_to"].([]string); ok {
			slices.Sort(to)
		}
	}
	for _, name := range passageJSONFields() {
		if _, ok := props[name]; !ok {
			return nil, fmt.Errorf("passage field %q has no field in the index schema", name)
		}
	}
	return props, nil
}

// osStopWords is Bleve's English stop-word list, the one analyzerText
// removes, sorted.
func osStopWords() ([]string, error) {
	tm, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		return nil, fmt.Errorf("stop words: %w", err)
	}
	words := make([]string, 0, len(tm))
	for w := range tm {
		words = append(words, w)
	}
	slices.Sort(words)
	return words, nil
}

// osSynonymRules are the domain synonym groups as Solr-format rules
// ("a, b, c": each means the others), commas in a member escaped.
func osSynonymRules() []string {
	groups := ingest.Synonyms()
	out := make([]string, len(groups))
	for i, g := range groups {
		members := make([]string, len(g))
		for j, m := range g {
			members[j] = strings.ReplaceAll(m, ",", `\,`)
		}
		out[i] = strings.Join(members, ", ")
	}
	return out
}

// osAnalysis is the template's analysis settings. Bleve's unicode
// tokenizer and OpenSearch's standard one both split on Unicode word
// boundaries (UAX #29); Bleve's porter filter and Lucene's porter_stem
// are both the original Porter stemmer. The synonym filter comes after
// the stop words, so that a rule is parsed through the same filters as
// the text it meets, and before the stemmer.
func osAnalysis() (map[string]any, error) {
	stop, err := osStopWords()
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"filter": map[string]any{
			osFilterPossess:  map[string]any{"type": "stemmer", "language": "possessive_english"},
			osFilterStop:     map[string]any{"type": "stop", "stopwords": stop},
			osFilterSynonyms: map[string]any{"type": "synonym_graph", "synonyms": osSynonymRules(), "lenient": true},
			osFilterStemmer:  map[string]any{"type": "porter_stem"},
		},
		"analyzer": map[string]any{
			analyzerText: map[string]any{"type": "custom", "tokenizer": "standard",
				"filter": []string{osFilterPossess, "lowercase", osFilterStop, osFilterStemmer}},
			osAnalyzerSearch: map[string]any{"type": "custom", "tokenizer": "standard",
				"filter": []string{osFilterPossess, "lowercase", osFilterStop, osFilterSynonyms, osFilterStemmer}},
			analyzerWords: map[string]any{"type": "custom", "tokenizer": "standard",
				"filter": []string{osFilterPossess, "lowercase"}},
		},
	}, nil
}

// OpenSearchTemplate is a composable index template (PUT
// _index_template/NAME, OpenSearch 2.x and Elasticsearch 8.x) for the
// index called name and its dated variants (name-*): our analysers, the
// domain synonyms, a keyword field for every facet, and the documents
// OpenSearchDocuments makes. The mapping is strict: a document field it
// does not name is refused rather than guessed.
func OpenSearchTemplate(name string) ([]byte, error) {
	props, err := osProperties()
	if err != nil {
		return nil, err
	}
	analysis, err := osAnalysis()
	if err != nil {
		return nil, err
	}
	tmpl := map[string]any{
		"index_patterns": []string{name, name + "-*"},
		"priority":       100,
		"_meta": map[string]any{
			"description":     "recruitsearch passages: one document per passage, as `recruitsearch export` writes them",
			"mapping_version": mappingVersion,
		},
		"template": map[string]any{
			"settings": map[string]any{
				"index": map[string]any{
					// One shard keeps BM25's statistics global, as in our one
					// index; a few million passages fit one shard.
					"number_of_shards": 1,
					"similarity": map[string]any{
						"default": map[string]any{"type": "BM25", "k1": 1.2, "b": 0.75},
					},
					"analysis": analysis,
				},
			},
			"mappings": map[string]any{
				"dynamic":    "strict",
				"properties": props,
			},
		},
	}
	b, err := json.MarshalIndent(tmpl, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// osFromIndex are the schema fields the documents carry that the passage
// JSON does not (the fact types, the year, the council's Ofsted
// judgement): they are read back from the index's doc values, so the
// export holds what the index filters and counts on, including the Ofsted
// judgement recorded when the passage was written.
func osFromIndex() []string {
	inJSON := passageJSONFields()
	var out []string
	for _, f := range passageSchema {
		if osSent(f) && !slices.Contains(inJSON, osDocName(f.name)) {
			out = append(out, f.name)
		}
	}
	return out
}

// OpenSearchDocuments calls each with every passage of the index, in
// article id then ordinal order, and its OpenSearch document: the passage
// JSON of DESIGN.md followed by the facet fields that JSON lacks. It
// fails if an article's passages are not all there, or if the index
// holds passages no article lists, so that an export is whole or nothing.
func (ix *Index) OpenSearchDocuments(ctx context.Context, each func(id string, doc []byte) error) error {
	return ix.read(func() error {
		metas, err := ix.allMeta(ctx)
		if err != nil {
			return err
		}
		r, err := ix.reader()
		if err != nil {
			return err
		}
		defer r.Close()
		extra := osFromIndex()
		dvr, err := r.DocValueReader(extra)
		if err != nil {
			return err
		}
		var sent uint64
		values := map[string][]string{}
		for _, meta := range metas {
			if err := ctx.Err(); err != nil {
				return err
			}
			ids := make([]string, meta.PassageCount)
			for i := range ids {
				ids[i] = ingest.PassageID(meta.ID, i+1)
			}
			ps, err := ix.passages(ctx, ids)
			if err != nil {
				return err
			}
			if len(ps) != len(ids) {
				return fmt.Errorf("article %q lists %d passages but the index holds %d of them: %w", meta.ID, len(ids), len(ps), ErrDamaged)
			}
			for _, p := range ps {
				clear(values)
				iid, err := r.InternalID(p.ID)
				if err != nil {
					return err
				}
				err = dvr.VisitDocValues(iid, func(field string, term []byte) {
					values[field] = append(values[field], string(term))
				})
				if err != nil {
					return err
				}
				doc, err := osDocument(p, extra, values)
				if err != nil {
					return err
				}
				if err := each(p.ID, doc); err != nil {
					return err
				}
				sent++
			}
		}
		total, err := ix.passageCount(ctx)
		if err != nil {
			return err
		}
		if total != sent {
			return fmt.Errorf("the index holds %d passages but its articles list %d: %w", total, sent, ErrDamaged)
		}
		return nil
	})
}

// osDocument is the passage's JSON with the fields from the index
// appended: a one-valued field as a string, a field that can hold several
// (the fact types) as a list, as encodePassage writes them.
func osDocument(p *ingest.Passage, extra []string, values map[string][]string) ([]byte, error) {
	doc, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	doc = doc[:len(doc)-1] // the closing brace
	for _, field := range extra {
		vs := values[field]
		if len(vs) == 0 {
			continue
		}
		var v any = vs
		if len(vs) == 1 && !osMultiValued(field) {
			v = vs[0]
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		doc = append(doc, ',')
		doc = strconv.AppendQuote(doc, osDocName(field))
		doc = append(doc, ':')
		doc = append(doc, b...)
	}
	return append(doc, '}'), nil
}

// osMultiValued reports whether a field can hold several values for one
// passage, which its encoder says by returning a list.
func osMultiValued(field string) bool {
	for _, f := range passageSchema {
		if f.name == field && f.encode != nil {
			_, list := f.encode(&ingest.Passage{}).([]string)
			return list
		}
	}
	return false
}
