package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
	"github.com/recruitsearch/recruitsearch/internal/golden"
)

// osTemplate is the parsed template for name.
func osTemplate(tb testing.TB, name string) map[string]any {
	tb.Helper()
	raw, err := OpenSearchTemplate(name)
	if err != nil {
		tb.Fatal(err)
	}
	var t map[string]any
	if err := json.Unmarshal(raw, &t); err != nil {
		tb.Fatalf("the template is not JSON: %v", err)
	}
	return t
}

// dig walks nested JSON objects by key.
func dig(tb testing.TB, v any, keys ...string) any {
	tb.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			tb.Fatalf("at %q: not an object", k)
		}
		if v, ok = m[k]; !ok {
			tb.Fatalf("no %q in the template", k)
		}
	}
	return v
}

func osPropsOf(tb testing.TB, t map[string]any) map[string]any {
	tb.Helper()
	return dig(tb, t, "template", "mappings", "properties").(map[string]any)
}

func TestOpenSearchTemplateGolden(t *testing.T) {
	raw, err := OpenSearchTemplate(DefaultOpenSearchIndex)
	if err != nil {
		t.Fatal(err)
	}
	golden.Bytes(t, "testdata/opensearch-template.json", raw)
}

func TestOpenSearchTemplateMapsTheSchema(t *testing.T) {
	tmpl := osTemplate(t, "rs")
	if got := dig(t, tmpl, "index_patterns"); !slices.Equal(toStrings(got), []string{"rs", "rs-*"}) {
		t.Errorf("index_patterns = %v", got)
	}
	if got := dig(t, tmpl, "template", "mappings", "dynamic"); got != "strict" {
		t.Errorf("dynamic = %v, want strict: a document field the mapping lacks must be refused", got)
	}
	props := osPropsOf(t, tmpl)
	prop := func(field string) map[string]any {
		p, ok := props[osDocName(field)].(map[string]any)
		if !ok {
			t.Fatalf("no mapping for %s", osDocName(field))
		}
		return p
	}
	for _, spec := range facetSpecs {
		if p := prop(spec.field); p["type"] != "keyword" || p["index"] == false {
			t.Errorf("facet %s: field %s is %v, want an indexed keyword", spec.Name, osDocName(spec.field), p)
		}
	}
	for _, f := range passageSchema {
		if f.use.has(useTag) {
			continue
		}
		p := prop(f.name)
		switch {
		case f.use.has(useAnalysed):
			if p["type"] != "text" || p["analyzer"] != analyzerText || p["search_analyzer"] != osAnalyzerSearch {
				t.Errorf("%s: analysed in the index, mapped as %v", f.name, p)
			}
			if want := f.use.has(usePositions); (p["index_options"] == "positions") != want {
				t.Errorf("%s: positions %v in the index, index_options %v", f.name, want, p["index_options"])
			}
		case f.use.has(useUnstemmed):
			if p["analyzer"] != analyzerWords {
				t.Errorf("%s: unstemmed in the index, mapped as %v", f.name, p)
			}
		case f.use == useStored:
			if p["index"] != false && p["enabled"] != false {
				t.Errorf("%s: stored only in the index, but indexed in the template: %v", f.name, p)
			}
		}
	}
	for _, f := range []string{fieldPublished, fieldDate} {
		if prop(f)["type"] != "date" {
			t.Errorf("%s is %v, want a date", f, prop(f))
		}
	}
	if prop(fieldOrdinal)["type"] != "integer" {
		t.Errorf("ordinal is %v, want an integer", prop(fieldOrdinal))
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// splitRule splits a Solr synonym rule on its unescaped commas.
func splitRule(rule string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(rule); i++ {
		switch {
		case rule[i] == '\\' && i+1 < len(rule):
			i++
			cur.WriteByte(rule[i])
		case rule[i] == ',':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(rule[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

func TestOpenSearchTemplateAnalysis(t *testing.T) {
	analysis := dig(t, osTemplate(t, "rs"), "template", "settings", "index", "analysis")
	rules := toStrings(dig(t, analysis, "filter", osFilterSynonyms, "synonyms"))
	var got [][]string
	for _, r := range rules {
		got = append(got, splitRule(r))
	}
	if want := ingest.Synonyms(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("the template's synonym rules say %q\nwant ingest.Synonyms() %q", got, want)
	}
	search := toStrings(dig(t, analysis, "analyzer", osAnalyzerSearch, "filter"))
	if !slices.Contains(search, osFilterSynonyms) {
		t.Errorf("the search analyzer %v lacks the synonyms", search)
	}
	if index := toStrings(dig(t, analysis, "analyzer", analyzerText, "filter")); slices.Contains(index, osFilterSynonyms) {
		t.Errorf("the index analyzer %v expands synonyms; synonym_graph is for search only", index)
	}

	// The stop words are the ones our English analyzer drops, all of them.
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	en := m.AnalyzerNamed(analyzerText)
	stop := toStrings(dig(t, analysis, "filter", osFilterStop, "stopwords"))
	for _, w := range stop {
		if strings.HasSuffix(w, "'s") {
			continue // the possessive filter makes "let's" "let" before the stop filter sees it, in both engines
		}
		if terms := analyzeTerms(en, w); len(terms) > 0 {
			t.Errorf("stop word %q: our analyzer keeps it as %q", w, terms)
		}
	}
	for _, w := range []string{"the", "and", "of", "we", "ourselves"} {
		if !slices.Contains(stop, w) {
			t.Errorf("stop words lack %q, which our analyzer drops", w)
		}
	}
	if len(stop) < 100 {
		t.Errorf("%d stop words; Bleve's English list has over 150", len(stop))
	}
}

// TestOpenSearchCopyToMatchesSchema analyses, for every seed passage,
// each indexed-only field two ways — as our index builds it from the
// passage, and as OpenSearch's copy_to builds it from the exported
// document's fields — and wants the same terms.
func TestOpenSearchCopyToMatchesSchema(t *testing.T) {
	ix := seedCorpus(t)
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	props := osPropsOf(t, osTemplate(t, "rs"))
	n := 0
	err = ix.OpenSearchDocuments(context.Background(), func(id string, raw []byte) error {
		var p ingest.Passage
		var doc map[string]any
		if err := json.Unmarshal(raw, &p); err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			return err
		}
		for _, f := range passageSchema {
			sources, ok := osCopyTo[f.name]
			if !ok {
				continue
			}
			a := m.AnalyzerNamed(dig(t, props, f.name, "analyzer").(string))
			var ours, theirs []string
			for _, v := range valueStrings(f.encode(&p)) {
				ours = append(ours, analyzeTerms(a, v)...)
			}
			for _, s := range sources {
				for _, v := range valueStrings(doc[osDocName(s)]) {
					theirs = append(theirs, analyzeTerms(a, v)...)
				}
			}
			slices.Sort(ours)
			slices.Sort(theirs)
			if !slices.Equal(ours, theirs) {
				t.Errorf("%s, field %s: our index has %q, copy_to would give %q", id, f.name, ours, theirs)
			}
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no passages")
	}
}

// valueStrings flattens a field value to its strings.
func valueStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, valueStrings(x)...)
		}
		return out
	}
	return nil
}

// readExport checks the files of an export in dir against its manifest
// and the bound, and returns the documents by id and the action lines'
// index names.
func readExport(t *testing.T, dir string, maxBytes int64) (docs map[string]map[string]any, indexes map[string]bool) {
	t.Helper()
	var man exportManifest
	data, err := os.ReadFile(filepath.Join(dir, exportManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &man); err != nil || !man.Complete {
		t.Fatalf("manifest: %v, complete %v", err, man.Complete)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	wantNames := append([]string{exportManifestName}, man.Written...)
	slices.Sort(wantNames)
	if !slices.Equal(names, wantNames) {
		t.Errorf("folder holds %v, manifest names %v", names, wantNames)
	}
	docs = map[string]map[string]any{}
	indexes = map[string]bool{}
	total := 0
	for _, f := range man.Files {
		raw, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(raw)) > maxBytes || int64(len(raw)) != f.Bytes {
			t.Errorf("%s: %d bytes (manifest %d), bound %d", f.Name, len(raw), f.Bytes, maxBytes)
		}
		if !bytes.HasSuffix(raw, []byte("\n")) {
			t.Errorf("%s does not end with a newline; the bulk API needs one after the last document", f.Name)
		}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		sc.Buffer(nil, 1<<24)
		pairs := 0
		for sc.Scan() {
			var action map[string]map[string]string
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&action); err != nil || len(action) != 1 || len(action["index"]) != 2 {
				t.Fatalf("%s, pair %d: action line %s: %v", f.Name, pairs+1, sc.Text(), err)
			}
			id := action["index"]["_id"]
			indexes[action["index"]["_index"]] = true
			if !sc.Scan() {
				t.Fatalf("%s: action for %s has no document", f.Name, id)
			}
			var doc map[string]any
			if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
				t.Fatalf("%s: document of %s: %v", f.Name, id, err)
			}
			if doc["id"] != id {
				t.Errorf("%s: action _id %q, document id %v", f.Name, id, doc["id"])
			}
			if _, dup := docs[id]; dup {
				t.Errorf("%s: passage %s exported twice", f.Name, id)
			}
			docs[id] = doc
			pairs++
		}
		if pairs != f.Passages {
			t.Errorf("%s: %d passages, manifest says %d", f.Name, pairs, f.Passages)
		}
		total += pairs
	}
	if total != man.Passages {
		t.Errorf("%d passages in the files, manifest says %d", total, man.Passages)
	}
	return docs, indexes
}

// checkMapped fails for every field of doc the template does not map.
func checkMapped(t *testing.T, id string, doc map[string]any, props map[string]any, path string) {
	t.Helper()
	for k, v := range doc {
		p, ok := props[k].(map[string]any)
		if !ok {
			t.Errorf("%s: document field %s%s has no mapping in the template", id, path, k)
			continue
		}
		if p["enabled"] == false {
			continue // kept whole in _source
		}
		if sub, ok := v.(map[string]any); ok {
			inner, _ := p["properties"].(map[string]any)
			checkMapped(t, id, sub, inner, path+k+".")
		}
	}
}

func TestExportOpenSearch(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	churn(t, ix, synthArticles(t, 1500).articles)
	ingestSeeds(t, ix)

	// Every passage of the index, found without the export.
	want := map[string]ingest.Passage{}
	list, err := ix.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		a, err := ix.Article(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Passages {
			want[p.ID] = p
		}
	}
	if uint64(len(want)) != ix.DocCount() {
		t.Fatalf("articles list %d passages, the index holds %d", len(want), ix.DocCount())
	}

	dir := filepath.Join(t.TempDir(), "out")
	const bound = 64 << 10
	rep, err := ix.ExportOpenSearch(ctx, dir, ExportOptions{Name: "rs-test", MaxFileBytes: bound})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passages != len(want) || len(rep.Files) < 3 {
		t.Fatalf("report: %d passages in %d files; want %d passages in several files", rep.Passages, len(rep.Files), len(want))
	}
	docs, indexes := readExport(t, dir, bound)
	if len(indexes) != 1 || !indexes["rs-test"] {
		t.Errorf("actions target %v, want rs-test only", indexes)
	}
	props := osPropsOf(t, osTemplate(t, "rs-test"))
	onDisk, err := os.ReadFile(filepath.Join(dir, exportTemplateName))
	if err != nil {
		t.Fatal(err)
	}
	if tmpl, _ := OpenSearchTemplate("rs-test"); !bytes.Equal(onDisk, tmpl) {
		t.Error("template.json is not the template for the export's index")
	}

	facts, ofsted := 0, 0
	for id, p := range want {
		doc, ok := docs[id]
		if !ok {
			t.Errorf("passage %s is not in the export", id)
			continue
		}
		checkMapped(t, id, doc, props, "")
		// The passage JSON contract, field for field.
		var contract map[string]any
		b, _ := json.Marshal(p)
		_ = json.Unmarshal(b, &contract)
		for k, v := range contract {
			if gb, _ := json.Marshal(doc[k]); string(gb) != mustJSON(t, v) {
				t.Errorf("%s: %s = %s, the passage has %s", id, k, gb, mustJSON(t, v))
			}
		}
		// The facet fields the passage JSON lacks.
		if y := publishedYear(&p); y != nil && doc["year"] != y {
			t.Errorf("%s: year %v, published %q", id, doc["year"], p.Published)
		}
		if ft := factTypes(&p).([]string); len(ft) > 0 {
			facts++
			got := valueStrings(doc["fact"])
			slices.Sort(ft)
			if !slices.Equal(got, ft) {
				t.Errorf("%s: fact %v, want %v", id, got, ft)
			}
		}
		if j := ix.councilOfsted(p.Council); j != "" {
			ofsted++
			if doc["ofsted"] != j {
				t.Errorf("%s: ofsted %v, want %q", id, doc["ofsted"], j)
			}
		}
	}
	for id := range docs {
		if _, ok := want[id]; !ok {
			t.Errorf("the export holds %s, which the index does not", id)
		}
	}
	if facts == 0 || ofsted == 0 {
		t.Errorf("%d passages with facts and %d with an Ofsted judgement: the check saw none", facts, ofsted)
	}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestExportOpenSearchFolders(t *testing.T) {
	ctx := context.Background()
	ix := seedCorpus(t)
	export := func(dir string, bound int64) error {
		_, err := ix.ExportOpenSearch(ctx, dir, ExportOptions{MaxFileBytes: bound})
		return err
	}
	listing := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}

	t.Run("a folder of other files is refused and left alone", func(t *testing.T) {
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, "notes.txt"), "mine")
		if err := export(dir, 0); !errors.Is(err, ErrNotExport) {
			t.Fatalf("err = %v, want ErrNotExport", err)
		}
		if got := listing(dir); !slices.Equal(got, []string{"notes.txt"}) {
			t.Errorf("folder now holds %v", got)
		}
	})
	t.Run("an earlier export is replaced, file for file", func(t *testing.T) {
		dir := t.TempDir()
		if err := export(dir, MinExportFileBytes); err != nil {
			t.Fatal(err)
		}
		before := len(listing(dir))
		if err := export(dir, 0); err != nil {
			t.Fatal(err)
		}
		got := listing(dir)
		if want := []string{"README.md", "export.json", "passages-00001.ndjson", "template.json"}; !slices.Equal(got, want) || before <= len(want) {
			t.Errorf("after exporting in %d files then in one, the folder holds %v", before-3, got)
		}
		readExport(t, dir, DefaultExportFileBytes)
	})
	t.Run("an earlier export beside other files is refused", func(t *testing.T) {
		dir := t.TempDir()
		if err := export(dir, 0); err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, filepath.Join(dir, "notes.txt"), "mine")
		before := listing(dir)
		if err := export(dir, 0); !errors.Is(err, ErrNotExport) || !strings.Contains(err.Error(), "notes.txt") {
			t.Fatalf("err = %v, want ErrNotExport naming notes.txt", err)
		}
		if got := listing(dir); !slices.Equal(got, before) {
			t.Errorf("folder was %v, now %v", before, got)
		}
	})
	t.Run("an interrupted export is replaced", func(t *testing.T) {
		dir := t.TempDir()
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := ix.ExportOpenSearch(cancelled, dir, ExportOptions{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if err := export(dir, 0); err != nil {
			t.Fatalf("exporting over an interrupted export: %v", err)
		}
		readExport(t, dir, DefaultExportFileBytes)
	})
	t.Run("a file is not a folder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "f")
		writeTestFile(t, path, "x")
		if err := export(path, 0); !errors.Is(err, ErrNotExport) {
			t.Fatalf("err = %v, want ErrNotExport", err)
		}
	})
	t.Run("a bound below the minimum is refused", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if err := export(dir, MinExportFileBytes-1); err == nil {
			t.Fatal("no error")
		}
		if _, err := os.Stat(dir); err == nil {
			t.Error("the folder was created anyway")
		}
	})
	t.Run("a bad index name is refused", func(t *testing.T) {
		for _, name := range []string{"Passages", "_p", "a b", "a,b", "a#b"} {
			if _, err := ix.ExportOpenSearch(ctx, t.TempDir(), ExportOptions{Name: name}); err == nil {
				t.Errorf("index name %q: no error", name)
			}
		}
	})
}

func TestExportOpenSearchPassageOverBound(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	long := strings.Repeat("Supervision every fortnight with a manager who knows the family. ", 80)
	if _, err := ix.Add(context.Background(), []*ingest.Article{article("long", "Kent County Council", "Short passage.", long)}); err != nil {
		t.Fatal(err)
	}
	_, err = ix.ExportOpenSearch(context.Background(), t.TempDir(), ExportOptions{MaxFileBytes: MinExportFileBytes})
	if err == nil || !strings.Contains(err.Error(), "long#2") {
		t.Fatalf("err = %v, want the passage over the bound named", err)
	}
}

func writeTestFile(tb testing.TB, path, data string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}
