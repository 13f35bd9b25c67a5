package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestJSONLDocuments(t *testing.T) {
	data, err := os.ReadFile("testdata/jsonl/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := collectJSONL("articles.jsonl", decodeText(data))
	if len(docs) != 3 {
		t.Fatalf("%d good lines, want 3", len(docs))
	}
	var lines []int
	for _, d := range docs {
		lines = append(lines, d.line)
	}
	if lines[0] != 1 || lines[1] != 2 || lines[2] != 8 {
		t.Errorf("good lines %v, want [1 2 8]", lines)
	}
	torbay := docs[0].doc
	if torbay.Title != "Working in Torbay's MASH" || torbay.Sponsor != "Torbay Council" || torbay.Published != "2024-12-19" ||
		torbay.URL != "https://example.org/torbay-mash" || torbay.Format != FormatJSONL {
		t.Errorf("torbay metadata %+v", torbay)
	}
	if !strings.Contains(allText(torbay), "“We settle most referrals within a day,” says Ana Costa") {
		t.Errorf("torbay body lost: %q", allText(torbay))
	}
	leeds := docs[1].doc
	if leeds.Published != "2022-10-30" || leeds.Sponsor != "Leeds" || len(blocksOf(leeds, BlockHeading)) != 1 {
		t.Errorf("leeds (html body) %+v", leeds)
	}

	wantBad := map[int]string{3: "invalid JSON", 4: `no "text" or "html" field`, 5: `field "title"`, 7: "unrecognised date"}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		t.Fatalf("error %v is not a joined list", err)
	}
	for _, e := range joined.Unwrap() {
		var fe *FileError
		if !errors.As(e, &fe) || fe.Name != "articles.jsonl" {
			t.Errorf("error %v does not name the file", e)
			continue
		}
		want, ok := wantBad[fe.Line]
		if !ok || !strings.Contains(fe.Error(), want) {
			t.Errorf("line %d: %v, want it to mention %q", fe.Line, fe, want)
		}
		if !strings.HasPrefix(fe.Error(), "articles.jsonl:") {
			t.Errorf("message %q should start with file:line", fe)
		}
		delete(wantBad, fe.Line)
	}
	if len(wantBad) > 0 {
		t.Errorf("bad lines not reported: %v", wantBad)
	}
}

func TestJSONLTitleFedToTextFrontEnd(t *testing.T) {
	docs, err := collectJSONL("one.jsonl", `{"title":"Pods in Medway","text":"Medway has small pods.\n\nEach pod has a practice manager."}`)
	if err != nil || len(docs) != 1 {
		t.Fatalf("docs %v err %v", docs, err)
	}
	d := docs[0].doc
	if d.Title != "Pods in Medway" {
		t.Errorf("title %q", d.Title)
	}
	body := allText(d)
	if !strings.Contains(body, "Medway has small pods.") || !strings.Contains(body, "Each pod has a practice manager.") {
		t.Errorf("body lost a paragraph: %q", body)
	}
}

// collectJSONL is parseJSONL keeping every good line's document.
func collectJSONL(name, src string) ([]jsonlDoc, error) {
	var docs []jsonlDoc
	err := parseJSONL(context.Background(), name, src, func(d jsonlDoc) { docs = append(docs, d) })
	return docs, err
}

// TestJSONLErrorsSpeakJSON describes a bad line in JSON's words: the
// reader of a warning never saw the Go types behind it (issue 11 found
// "ingest.jsonlRecord" in an API warning). The file and line are named
// once ("bad.jsonl:1: bad.jsonl:1: …" before).
func TestJSONLErrorsSpeakJSON(t *testing.T) {
	tests := []struct{ line, want string }{
		{`[1, 2]`, "bad.jsonl:1: want a JSON object, got JSON array"},
		{`"just a string"`, "bad.jsonl:1: want a JSON object, got JSON string"},
		{`{"title": 5, "text": "x"}`, `bad.jsonl:1: field "title": want a string, got JSON number`},
		{`{"text": ["a", "b"]}`, `bad.jsonl:1: field "text": want a string, got JSON array`},
		{`{"title": "Furniture only", "text": "Comments are closed."}`, `bad.jsonl:1: no article text found`},
	}
	for _, tt := range tests {
		_, err := Parse("bad.jsonl", []byte(tt.line+"\n"), Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.line, err, tt.want)
		}
	}
}

// TestJSONLCommonFieldNames reads the field names other tools write: a
// schema.org NewsArticle ("headline", "articleBody", "datePublished"), a
// JSON Feed item ("content_html", "date_published") and a scraper's record
// ("link", "content", "pubDate"). A field of another type under one of
// these names is left alone, not an error.
func TestJSONLCommonFieldNames(t *testing.T) {
	src := strings.Join([]string{
		`{"@type":"NewsArticle","headline":"Stoke offers a golden hello","datePublished":"2023-10-03T09:15:00+01:00","url":"https://example.org/stoke","author":{"name":"Laura Pickering"},"articleBody":"Stoke-on-Trent City Council is offering new social workers a payment.\n\nThe council says caseloads will be kept to 20."}`,
		`{"id":"7","title":"Why I joined Wigan","date_published":"2024-01-17T10:30:00Z","url":"https://example.org/wigan","content_html":"<p>Wigan Council has cut caseloads to 16.</p><p>Supervision is every four weeks.</p>"}`,
		`{"title":"Devon is hiring","link":"https://example.org/devon","pubDate":"Wed, 17 Jan 2024 10:30:00 +0000","content":"<p>Devon County Council is recruiting social workers for its Exeter teams.</p>","body":{"nested":true}}`,
	}, "\n")
	docs, err := collectJSONL("feed.jsonl", src)
	if err != nil {
		t.Fatalf("error %v", err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	for i, want := range []struct{ title, published, url, text string }{
		{"Stoke offers a golden hello", "2023-10-03", "https://example.org/stoke", "kept to 20"},
		{"Why I joined Wigan", "2024-01-17", "https://example.org/wigan", "every four weeks"},
		{"Devon is hiring", "2024-01-17", "https://example.org/devon", "Exeter teams"},
	} {
		d := docs[i].doc
		if d.Title != want.title || d.Published != want.published || d.URL != want.url || !strings.Contains(allText(d), want.text) {
			t.Errorf("line %d: title %q published %q url %q text %q, want %+v", i+1, d.Title, d.Published, d.URL, allText(d), want)
		}
		if strings.Contains(allText(d), "<p>") {
			t.Errorf("line %d: HTML read as text: %q", i+1, allText(d))
		}
	}
}
