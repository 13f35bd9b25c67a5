package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// TestSharedAnalysisIsBleves analyses every passage of the seeds and of a
// synthetic corpus both ways, Bleve's field by field and the shared
// analysis, and wants the same terms, frequencies, positions, offsets and
// stored values in every field, whichever field of a document is analysed
// first. Search results depend on nothing else the analysis makes.
func TestSharedAnalysisIsBleves(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	shared := newSharedAnalysis(m)
	if !shared.split {
		t.Fatal("the words analyzer is no longer the first steps of the text analyzer: the shared analysis would not share tokens")
	}
	articles := append(seedArticles(t), synthArticles(t, 3000).articles...)
	articles = append(articles, &ingest.Article{ID: "edge", Title: "Title's Title", Passages: []ingest.Passage{
		{ID: "edge-1", ArticleID: "edge", Ordinal: 1, Kind: ingest.KindSection, Text: "Title's Title", Heading: "Title's Title",
			Question: "THE social WORKERS' caseloads?", Items: []string{"Title's Title", "", "the the the"}, Speaker: "Anne O'Neill"},
	}})
	checked := 0
	for _, a := range articles {
		named := mentions(a)
		for i := range a.Passages {
			p := &a.Passages[i]
			data := ix.encodePassage(p)
			withMentions(data, named[i])
			for _, reverse := range []bool{false, true} {
				want := bleveDocument(t, m, p.ID, data)
				got, err := shared.document(m, p.ID, data)
				if err != nil {
					t.Fatal(err)
				}
				analyzeFields(want, false)
				analyzeFields(got, reverse)
				if diff := fieldsDiff(want, got); diff != "" {
					t.Fatalf("passage %s (fields analysed in reverse: %v): %s", p.ID, reverse, diff)
				}
			}
			checked++
		}
	}
	t.Logf("%d passages analysed alike", checked)
}

func bleveDocument(t *testing.T, m mapping.IndexMapping, id string, data any) *document.Document {
	t.Helper()
	d := document.NewDocument(id)
	if err := m.MapDocument(d, data); err != nil {
		t.Fatal(err)
	}
	return d
}

// analyzeFields analyses a document's indexed fields as Bleve's scorch
// does, in order or in reverse.
func analyzeFields(d *document.Document, reverse bool) {
	fields := slices.Clone(d.Fields)
	if reverse {
		slices.Reverse(fields)
	}
	for _, f := range fields {
		if f.Options().IsIndexed() {
			f.Analyze()
		}
	}
}

// fieldsDiff compares two documents as the segment builder reads them:
// per field name, the sum of the lengths and the frequencies and
// locations of every term over the fields of that name (zapx merges them
// so), and each stored value. Bleve maps a document's fields in map
// order, which differs from one mapping to the next, so order is not
// compared.
func fieldsDiff(want, got *document.Document) string {
	return mapDiff("field", mergedFields(want), mergedFields(got), func(wf, gf *mergedField) string {
		if gf.length != wf.length || gf.plainBytes != wf.plainBytes || gf.options != wf.options {
			return fmt.Sprintf("length %d, %d plain bytes, options %v; want %d, %d, %v", gf.length, gf.plainBytes, gf.options, wf.length, wf.plainBytes, wf.options)
		}
		if !slices.Equal(gf.stored, wf.stored) {
			return fmt.Sprintf("stores %q, want %q", gf.stored, wf.stored)
		}
		return freqsDiff(wf.freqs, gf.freqs)
	})
}

// mapDiff describes the first difference between two maps, with diff
// describing one between two values of the same key ("" for none).
func mapDiff[V any](what string, want, got map[string]V, diff func(want, got V) string) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d %ss, want %d", len(got), what, len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			return fmt.Sprintf("%s %q missing", what, k)
		}
		if d := diff(w, g); d != "" {
			return fmt.Sprintf("%s %q: %s", what, k, d)
		}
	}
	return ""
}

type mergedField struct {
	length     int
	plainBytes uint64
	options    bleveindex.FieldIndexingOptions
	stored     []string // "array positions: value", sorted
	freqs      bleveindex.TokenFrequencies
}

func mergedFields(d *document.Document) map[string]*mergedField {
	out := map[string]*mergedField{}
	for _, f := range d.Fields {
		m, ok := out[f.Name()]
		if !ok {
			m = &mergedField{options: f.Options(), freqs: bleveindex.TokenFrequencies{}}
			out[f.Name()] = m
		}
		m.plainBytes += f.NumPlainTextBytes()
		if f.Options().IsStored() {
			m.stored = append(m.stored, fmt.Sprint(f.ArrayPositions(), ": ", string(f.Value())))
			slices.Sort(m.stored)
		}
		if !f.Options().IsIndexed() {
			continue
		}
		m.length += f.AnalyzedLength()
		for term, tf := range f.AnalyzedTokenFrequencies() {
			e, ok := m.freqs[term]
			if !ok {
				e = &bleveindex.TokenFreq{Term: tf.Term}
				m.freqs[term] = e
			}
			e.SetFrequency(e.Frequency() + tf.Frequency())
			e.Locations = append(e.Locations, tf.Locations...)
		}
	}
	for _, m := range out {
		for _, tf := range m.freqs {
			slices.SortFunc(tf.Locations, func(a, b *bleveindex.TokenLocation) int {
				return strings.Compare(fmt.Sprint(a.ArrayPositions, a.Position, a.Start, a.End), fmt.Sprint(b.ArrayPositions, b.Position, b.Start, b.End))
			})
		}
	}
	return out
}

func freqsDiff(want, got bleveindex.TokenFrequencies) string {
	return mapDiff("term", want, got, func(w, g *bleveindex.TokenFreq) string {
		if string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != len(w.Locations) {
			return fmt.Sprintf("%q ×%d at %d places, want %q ×%d at %d", g.Term, g.Frequency(), len(g.Locations), w.Term, w.Frequency(), len(w.Locations))
		}
		for k, wl := range w.Locations {
			gl := g.Locations[k]
			if gl.Start != wl.Start || gl.End != wl.End || gl.Position != wl.Position || !slices.Equal(gl.ArrayPositions, wl.ArrayPositions) {
				return fmt.Sprintf("location %d: %+v, want %+v", k, *gl, *wl)
			}
		}
		return ""
	})
}
