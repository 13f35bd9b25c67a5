package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/corpus"
)

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, data string
		want       Format
		err        error
	}{
		{"a.txt", "<html><body><p>x</p></body></html>", FormatText, nil}, // the extension wins
		{"A.HTML", "plain", FormatHTML, nil},
		{"a.htm", "x", FormatHTML, nil},
		{"a.md", "x", FormatMarkdown, nil},
		{"a.markdown", "x", FormatMarkdown, nil},
		{"a.jsonl", "x", FormatJSONL, nil},
		{"a.ndjson", "x", FormatJSONL, nil},
		{`C:\feeds\a.text`, "x", FormatText, nil},
		{"saved-page", "<!DOCTYPE html><html><p>x</p></html>", FormatHTML, nil},
		{"saved-page", "\n  <div class=post><p>x</p></div>", FormatHTML, nil},
		{"feed.json", `{"title":"x","text":"y"}` + "\n", FormatJSONL, nil},
		{"notes", "---\ntitle: x\n---\nBody", FormatMarkdown, nil},
		{"notes", "Intro\n\n## Caseloads\n\nText", FormatMarkdown, nil},
		{"notes", "Employer Zone\n\nKent County Council\n\n#1 for supervision", FormatText, nil},
		{"README", "Just some prose about social work.", FormatText, nil},
		{"a.pdf", "%PDF-1.7", "", ErrUnsupportedFormat},
		{"a.docx", "x", "", ErrUnsupportedFormat},
		{"export", "[{\"title\":\"x\"}]", "", ErrUnsupportedFormat},
		{"letter", `{\rtf1\ansi hi}`, "", ErrUnsupportedFormat},
		{"feed", `<?xml version="1.0"?><rss></rss>`, "", ErrUnsupportedFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+string(tt.want), func(t *testing.T) {
			got, err := DetectFormat(tt.name, []byte(tt.data))
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("DetectFormat(%q) = %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseBadInput(t *testing.T) {
	big := bytes.Repeat([]byte("Social workers in Kent. "), 300)
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
	}{
		{"empty.txt", []byte{}, Options{}, ErrEmpty},
		{"whitespace.md", []byte("  \n\n\t \n"), Options{}, ErrEmpty},
		{"bom-only.txt", []byte("\xef\xbb\xbf\r\n"), Options{}, ErrEmpty},
		{"brochure.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Options{}, ErrBinary},
		{"photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, ErrBinary},
		{"nul.dat", []byte("Kent\x00\x00\x01binary"), Options{}, ErrBinary},
		{"controls.txt", bytes.Repeat([]byte("a\x01\x02\x03"), 50), Options{}, ErrBinary},
		{"report.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), Options{}, ErrBinary},
		{"letter.rtf", []byte(`{\rtf1 hello}`), Options{}, ErrUnsupportedFormat},
		{"huge.txt", big, Options{MaxBytes: 1024}, ErrTooLarge},
		{"nav-only.html", []byte(`<html><body><nav><a href="/">Home</a></nav></body></html>`), Options{}, ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Parse(tt.name, tt.data, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%s) error = %v, want %v", tt.name, err, tt.want)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Name != tt.name || !strings.HasPrefix(err.Error(), tt.name+": ") {
				t.Errorf("error %q does not name the file", err)
			}
			if len(arts) != 0 {
				t.Errorf("got %d articles from bad input", len(arts))
			}
		})
	}
}

func TestParseSizeLimit(t *testing.T) {
	over := bytes.Repeat([]byte("x"), DefaultMaxBytes+1)
	if _, err := Parse("big.txt", over, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a %d-byte file: %v, want ErrTooLarge", len(over), err)
	}
	small := []byte("Caseloads in Kent\n\nCaseloads in Kent are manageable.\n")
	if _, err := Parse("small.txt", small, Options{MaxBytes: int64(len(small))}); err != nil {
		t.Fatalf("a file exactly at the limit: %v", err)
	}
	if _, err := Parse("small.txt", small, Options{MaxBytes: int64(len(small)) - 1}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a file one byte over the limit: %v", err)
	}
}

func TestParseRepairsEncoding(t *testing.T) {
	tests := []struct {
		file      string
		want      []string
		forbidden []string
	}{
		{"testdata/bad/cp1252.txt", []string{"Café social work in Kent – a caseload of twelve, “supportive” managers."}, []string{"\uFFFD"}},
		{"testdata/bad/mixed_invalid.txt", []string{"“UTF-8”", "stray \uFFFD byte"}, nil},
		{"testdata/bad/bom_crlf.txt", []string{"Title with BOM", "A paragraph with CRLF endings."}, []string{"\r", "\uFEFF"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := Parse(tt.file, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := articleText(arts)
			if !utf8.ValidString(text) {
				t.Fatal("invalid UTF-8 in the article")
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in %q", w, text)
				}
			}
			for _, f := range tt.forbidden {
				if strings.Contains(text, f) {
					t.Errorf("%q left in %q", f, text)
				}
			}
		})
	}
}

func TestDecodeUTF16(t *testing.T) {
	le := []byte{0xFF, 0xFE, 'K', 0, 'e', 0, 'n', 0, 't', 0, 0x19, 0x20, 's', 0}
	if got := decodeText(le); got != "Kent’s" {
		t.Errorf("UTF-16LE: %q", got)
	}
	be := []byte{0xFE, 0xFF, 0, 'K', 0x20, 0x19, 0, 's'}
	if got := decodeText(be); got != "K’s" {
		t.Errorf("UTF-16BE: %q", got)
	}
	if err := checkBinary(le); err != nil {
		t.Errorf("UTF-16 with a BOM is text: %v", err)
	}
}

func TestParseJSONLKeepsGoodLines(t *testing.T) {
	data, err := os.ReadFile("testdata/jsonl/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Parse("testdata/jsonl/articles.jsonl", data, Options{})
	if len(arts) != 3 {
		t.Errorf("%d articles, want 3", len(arts))
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line == 0 {
		t.Errorf("bad lines not reported with a line number: %v", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 4 {
		t.Errorf("%d errors reported, want 4:\n%v", n, err)
	}
	for _, a := range arts {
		if a.Format != FormatJSONL || a.Checksum == "" || a.Title == "" || len(a.Passages) == 0 {
			t.Errorf("article %q: format %q checksum %q, %d passages", a.Title, a.Format, a.Checksum, len(a.Passages))
		}
	}
}

func TestParseCRLFJSONL(t *testing.T) {
	data, err := os.ReadFile("testdata/jsonl/crlf.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Parse("crlf.ndjson", data, Options{})
	if err != nil || len(arts) != 2 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	if strings.Contains(articleText(arts), "\r") {
		t.Error("carriage return left in text")
	}
}

func TestParseEveryFormat(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*")
	var parsed int
	for _, f := range files {
		if strings.Contains(f, "testdata/bad/") || strings.Contains(f, "testdata/fuzz") || filepath.Base(f) == "checks.json" {
			continue
		}
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue // goldens
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		format, ferr := DetectFormat(f, data)
		if ferr != nil || format == FormatText {
			continue // the text fixtures belong to the core tests
		}
		arts, err := Parse(f, data, Options{})
		if format != FormatJSONL && err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, a := range arts {
			parsed++
			if a.Format != format || !strings.HasPrefix(a.Source, f) || len(a.Passages) == 0 || !utf8.ValidString(articleText([]*Article{a})) {
				t.Errorf("%s: article %q format %q source %q, %d passages", f, a.Title, a.Format, a.Source, len(a.Passages))
			}
		}
	}
	if parsed < 10 {
		t.Errorf("only %d articles parsed from the fixtures", parsed)
	}
}

func TestParseSeedsThroughParse(t *testing.T) {
	for _, f := range corpus.Files() {
		arts, err := Parse(f.Name, f.Data, Options{})
		if err != nil || len(arts) != 1 || arts[0].Format != FormatText || arts[0].Checksum == "" {
			t.Errorf("%s: %d articles, err %v", f.Name, len(arts), err)
		}
	}
}

func TestParseHTMLArticleEndToEnd(t *testing.T) {
	data, err := os.ReadFile("testdata/html/sponsored_feature.html")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Parse("sponsored_feature.html", data, Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if a.Council != "Cheshire East Council" || a.Published != "2023-03-14" || a.Title != "Why social workers are staying in Cheshire East" {
		t.Errorf("article council %q published %q title %q", a.Council, a.Published, a.Title)
	}
	var comments int
	for _, p := range a.Passages {
		if p.Kind == KindComment {
			comments++
			if p.Speaker == "" || p.Date == "" {
				t.Errorf("comment without author or date: %+v", p)
			}
		}
		for _, furniture := range []string{"View our current vacancies", "A sponsored feature from", "More from Community Care", "Comments are closed", "Share on"} {
			if strings.Contains(p.Text, furniture) {
				t.Errorf("passage %s holds furniture %q", p.ID, furniture)
			}
		}
	}
	if comments != 2 {
		t.Errorf("%d comment passages, want 2", comments)
	}
}

// articleText is every string of the articles, for encoding checks.
func articleText(arts []*Article) string {
	var b strings.Builder
	for _, a := range arts {
		b.WriteString(a.Title + "\n" + a.Standfirst + "\n" + a.Council + "\n")
		for _, p := range a.Passages {
			b.WriteString(p.Heading + "\n" + p.Question + "\n" + p.Text + "\n" + strings.Join(p.Items, "\n") + "\n" + p.Speaker + "\n" + p.Role + "\n")
		}
	}
	return b.String()
}
