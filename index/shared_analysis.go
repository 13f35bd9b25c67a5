package index

import (
	"reflect"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// sharedAnalysis lets the fields of one passage document share their
// analysis. Bleve analyses every field on its own, and a passage says each
// of its texts several times: the text in fieldText, again in fieldBody
// (the same English analysis) and again in fieldWords (the same tokens
// before stop words and stems), and so on for the question, items, heading
// and title. Here each distinct string is tokenized once per document and
// given English analysis once; the terms, positions and offsets each field
// gets are the ones Bleve's own analysis gives (TestSharedAnalysisIsBleves).
// It was a third of Bleve's analysis time, which was a quarter of the CPU
// time to add passages.
type sharedAnalysis struct {
	text, words analysis.Analyzer // the mapping's analyzers of the two kinds
	// When words is the first steps of text (the same tokenizer and the
	// same first filters, as newMapping makes them), text's terms are made
	// from words' tokens by text's remaining filters.
	split     bool
	tokenizer analysis.Tokenizer
	common    []analysis.TokenFilter
	rest      []analysis.TokenFilter
}

// newSharedAnalysis reads the analyzers of m. A mapping whose analyzers
// are not what newMapping makes (an index built by another version) still
// shares: each kind's results are kept per string, without the split.
func newSharedAnalysis(m mapping.IndexMapping) *sharedAnalysis {
	s := &sharedAnalysis{text: m.AnalyzerNamed(analyzerText), words: m.AnalyzerNamed(analyzerWords)}
	t, ok1 := s.text.(*analysis.DefaultAnalyzer)
	w, ok2 := s.words.(*analysis.DefaultAnalyzer)
	if !ok1 || !ok2 || len(t.CharFilters) > 0 || len(w.CharFilters) > 0 ||
		!sameInstance(t.Tokenizer, w.Tokenizer) || len(w.TokenFilters) > len(t.TokenFilters) {
		return s
	}
	for i, f := range w.TokenFilters {
		if !sameInstance(f, t.TokenFilters[i]) {
			return s
		}
	}
	s.split, s.tokenizer = true, t.Tokenizer
	s.common, s.rest = w.TokenFilters, t.TokenFilters[len(w.TokenFilters):]
	return s
}

// sameInstance reports whether a and b are the same pointer (analysis
// parts come from the mapping's cache, one instance per name).
func sameInstance(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.IsValid() && vb.IsValid() && va.Kind() == reflect.Pointer && va.Type() == vb.Type() && va.Pointer() == vb.Pointer()
}

// document maps data as Bleve's Batch.Index does, then gives the text
// fields analyzers that share their work within the document. Bleve
// analyses one document's fields in turn on one goroutine, so the
// document's memo needs no lock.
func (s *sharedAnalysis) document(m mapping.IndexMapping, id string, data any) (*document.Document, error) {
	d := document.NewDocument(id)
	if err := m.MapDocument(d, data); err != nil {
		return nil, err
	}
	memo := &docMemo{s: s}
	fields := d.Fields[:0]
	joined := map[string]*joinedField{}
	for _, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok {
			fields = append(fields, f)
			continue
		}
		var of func([]byte) analysis.TokenStream
		switch {
		case sameInstance(tf.Analyzer(), s.text):
			of = memo.textOf
		case sameInstance(tf.Analyzer(), s.words):
			of = memo.wordsOf
		default:
			fields = append(fields, f)
			continue
		}
		o := tf.Options()
		if o.IsStored() || o.IncludeTermVectors() || o.IncludeDocValues() {
			fields = append(fields, document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), o, analyzerFunc(of)))
			continue
		}
		// A list kept only as terms (body, words): one field of all its
		// values. The segment builder merges a document's fields of one
		// name, summing lengths and frequencies, and keeps no positions
		// for such a field: one field holding every value's tokens is
		// what it makes of the list, without a frequency map per value.
		j, ok := joined[tf.Name()]
		if !ok {
			j = &joinedField{first: tf, at: len(fields), of: of}
			joined[tf.Name()] = j
			fields = append(fields, nil)
		}
		j.values = append(j.values, tf.Value())
	}
	for _, j := range joined {
		// The joined field's value is every value end to end, so the
		// plain-text byte count Bleve reports stays the same.
		var value []byte
		for _, v := range j.values {
			value = append(value, v...)
		}
		fields[j.at] = document.NewTextFieldCustom(j.first.Name(), j.first.ArrayPositions(), value, j.first.Options(), j)
	}
	d.Fields = fields
	return d, nil
}

// joinedField analyses the values of a list field as one stream.
type joinedField struct {
	first  *document.TextField // the field of the first value
	at     int                 // where the joined field goes in the document
	of     func([]byte) analysis.TokenStream
	values [][]byte
}

func (j *joinedField) Analyze([]byte) analysis.TokenStream {
	if len(j.values) == 1 {
		return j.of(j.values[0])
	}
	var ts analysis.TokenStream
	for _, v := range j.values {
		ts = append(ts, j.of(v)...)
	}
	return ts
}

// analyzerFunc is a function as an analysis.Analyzer.
type analyzerFunc func([]byte) analysis.TokenStream

func (f analyzerFunc) Analyze(b []byte) analysis.TokenStream { return f(b) }

// docMemo holds one document's analysed strings. A stream is read, never
// changed, by the fields that share it (analysis.TokenFrequency only
// reads tokens).
type docMemo struct {
	s           *sharedAnalysis
	text, words map[string]analysis.TokenStream
}

func (m *docMemo) wordsOf(b []byte) analysis.TokenStream {
	return memoized(&m.words, b, func(b []byte) analysis.TokenStream {
		if !m.s.split {
			return m.s.words.Analyze(b)
		}
		ts := m.s.tokenizer.Tokenize(b)
		for _, f := range m.s.common {
			ts = f.Filter(ts)
		}
		return ts
	})
}

func (m *docMemo) textOf(b []byte) analysis.TokenStream {
	return memoized(&m.text, b, func(b []byte) analysis.TokenStream {
		if !m.s.split {
			return m.s.text.Analyze(b)
		}
		// The remaining filters drop tokens from their input slice and
		// replace tokens' terms, so they get a copy of the words' stream.
		common := m.wordsOf(b)
		toks := make([]analysis.Token, len(common))
		ts := make(analysis.TokenStream, len(common))
		for i, t := range common {
			toks[i] = *t
			ts[i] = &toks[i]
		}
		for _, f := range m.s.rest {
			ts = f.Filter(ts)
		}
		return ts
	})
}

// memoized returns the stream kept in *memo for b's text, or analyses b,
// keeps the stream and returns it.
func memoized(memo *map[string]analysis.TokenStream, b []byte, analyse func([]byte) analysis.TokenStream) analysis.TokenStream {
	key := string(b) // before the filters, which may lower-case b in place
	if ts, ok := (*memo)[key]; ok {
		return ts
	}
	ts := analyse(b)
	if *memo == nil {
		*memo = map[string]analysis.TokenStream{}
	}
	(*memo)[key] = ts
	return ts
}

// fireIndexEvent does what Bleve's Batch.Index does before mapping a
// document, for an index that listens for it.
func fireIndexEvent(i any) {
	if e, ok := i.(bleveindex.EventIndex); ok {
		e.FireIndexEvent()
	}
}
