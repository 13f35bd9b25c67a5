package index

import (
	"bytes"
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

// fieldsDiff compares two documents' fields, in name order: Bleve maps a
// document's fields in map order, which differs from one mapping to the
// next.
func fieldsDiff(want, got *document.Document) string {
	if len(want.Fields) != len(got.Fields) {
		return fmt.Sprintf("%d fields, want %d", len(got.Fields), len(want.Fields))
	}
	byName := func(d *document.Document) []document.Field {
		fs := slices.Clone(d.Fields)
		slices.SortStableFunc(fs, func(a, b document.Field) int {
			return strings.Compare(fmt.Sprint(a.Name(), a.ArrayPositions()), fmt.Sprint(b.Name(), b.ArrayPositions()))
		})
		return fs
	}
	gotFields := byName(got)
	for i, w := range byName(want) {
		g := gotFields[i]
		if g.Name() != w.Name() || !slices.Equal(g.ArrayPositions(), w.ArrayPositions()) || g.Options() != w.Options() {
			return fmt.Sprintf("field %d is %s %v, want %s %v", i, g.Name(), g.ArrayPositions(), w.Name(), w.ArrayPositions())
		}
		if w.Options().IsStored() && !bytes.Equal(g.Value(), w.Value()) {
			return fmt.Sprintf("field %s stores %q, want %q", w.Name(), g.Value(), w.Value())
		}
		if g.NumPlainTextBytes() != w.NumPlainTextBytes() {
			return fmt.Sprintf("field %s: %d plain text bytes, want %d", w.Name(), g.NumPlainTextBytes(), w.NumPlainTextBytes())
		}
		if !w.Options().IsIndexed() {
			continue
		}
		if g.AnalyzedLength() != w.AnalyzedLength() {
			return fmt.Sprintf("field %s %v: length %d, want %d", w.Name(), w.ArrayPositions(), g.AnalyzedLength(), w.AnalyzedLength())
		}
		if d := freqsDiff(w.AnalyzedTokenFrequencies(), g.AnalyzedTokenFrequencies()); d != "" {
			return fmt.Sprintf("field %s %v: %s", w.Name(), w.ArrayPositions(), d)
		}
	}
	return ""
}

func freqsDiff(want, got bleveindex.TokenFrequencies) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d terms, want %d", len(got), len(want))
	}
	for term, w := range want {
		g, ok := got[term]
		if !ok {
			return fmt.Sprintf("term %q missing", term)
		}
		if string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != len(w.Locations) {
			return fmt.Sprintf("term %q: %q ×%d at %d places, want %q ×%d at %d", term, g.Term, g.Frequency(), len(g.Locations), w.Term, w.Frequency(), len(w.Locations))
		}
		for k, wl := range w.Locations {
			gl := g.Locations[k]
			if gl.Start != wl.Start || gl.End != wl.End || gl.Position != wl.Position || !slices.Equal(gl.ArrayPositions, wl.ArrayPositions) || gl.Field != wl.Field {
				return fmt.Sprintf("term %q location %d: %+v, want %+v", term, k, *gl, *wl)
			}
		}
	}
	return ""
}
