package server

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestSearchCSV(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	rec := do(t, h, "GET", "/api/search?q=supervision&council=Kent&format=csv&size=3", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8; header=present" {
		t.Errorf("Content-Type %q", ct)
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, strings.Join(csvColumns, ",")+"\r\n") {
		t.Errorf("no header row ending CRLF:\n%s", clip(body, 300))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and 3 hits", len(rows))
	}
	// The list passage's items follow its lead-in inside one quoted
	// field; the comment's two paragraphs stay one field.
	at := map[string]int{}
	for i, name := range rows[0] {
		at[name] = i
	}
	var list, comment []string
	for _, r := range rows[1:] {
		switch r[at["kind"]] {
		case "list":
			list = r
		case "comment":
			comment = r
		}
		if r[at["council"]] != "Kent County Council" || !strings.HasPrefix(r[at["url"]], "http://example.com/articles/what-is-it-like-to-be-a-social-worker-in-kent#p") {
			t.Errorf("row %q", r)
		}
	}
	if list == nil || list[at["text"]] != "We offer:\nMonthly supervision\nA career pathway" {
		t.Errorf("list row %q", list)
	}
	if comment == nil || comment[at["text"]] != "Supervision here really is regular.\n\nAnd it is protected time." {
		t.Errorf("comment row %q", comment)
	}

	for target, want := range map[string]string{
		"/api/search?q=x&format=xml":            `format: \"xml\" is not a format: use json or csv`,
		"/api/search?q=x&format=csv&format=csv": `format: give it once`,
	} {
		if rec := do(t, h, "GET", target, nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body.String())
		}
	}
}

// TestSearchCSVHoldsNoFormulas: text from the web that a spreadsheet would
// run as a formula reaches the CSV as text.
func TestSearchCSVHoldsNoFormulas(t *testing.T) {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	formulas := []string{`=HYPERLINK("http://evil.example","quaggaform one")`, "+quaggaform two", "-quaggaform three", "@SUM quaggaform four"}
	var passages []ingest.Passage
	for _, f := range formulas {
		passages = append(passages, ingest.Passage{Kind: ingest.KindSection, Heading: f, Text: f})
	}
	if _, err := ix.Add(t.Context(), []*ingest.Article{article("formulas", "=1+1 title", "Kent County Council", passages...)}); err != nil {
		t.Fatal(err)
	}
	h, _ := newTestHandler(t, Deps{Searcher: ix})
	rec := do(t, h, "GET", "/api/search?q=quaggaform&format=csv&size=10", nil)
	rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if rec.Code != 200 || err != nil || len(rows) != len(formulas)+1 {
		t.Fatalf("%d %v: %d rows\n%s", rec.Code, err, len(rows), rec.Body.String())
	}
	at := map[string]int{}
	for i, name := range rows[0] {
		at[name] = i
	}
	for _, r := range rows[1:] {
		for _, col := range []string{"text", "heading", "article_title"} {
			if v := r[at[col]]; !strings.HasPrefix(v, "'") || !slices.Contains(append(formulas, "=1+1 title"), v[1:]) {
				t.Errorf("%s cell %q: want the text behind an apostrophe", col, v)
			}
		}
	}
}
