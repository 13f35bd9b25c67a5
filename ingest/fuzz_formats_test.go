package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtureSeeds adds every fixture matching pattern to the fuzz corpus.
func addFixtureSeeds(f *testing.F, pattern string) {
	f.Helper()
	files, _ := filepath.Glob(pattern)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
}

// checkFormatDocument fails on output a user would see as garbage.
func checkFormatDocument(t *testing.T, d *Document) {
	t.Helper()
	if d == nil {
		t.Fatal("nil document without an error")
	}
	if len(d.Blocks) == 0 && d.Standfirst == "" {
		t.Fatal("document with no text without an error")
	}
	for _, s := range []string{d.Title, d.Standfirst, d.Sponsor, d.URL, d.Published, allText(d)} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in output: %q", s)
		}
	}
	if d.Published != "" && len(d.Published) != len("2006-01-02") {
		t.Fatalf("published %q is not an ISO date", d.Published)
	}
}

func FuzzParseHTML(f *testing.F) {
	addFixtureSeeds(f, "testdata/html/*.html")
	f.Add(`<article><p>x<br>y</p><ol class="commentlist"><li><cite>A</cite><p>c</p></li></ol></article>`)
	f.Add(`<div class="comment"><div class="comment"><p>nested</p></div></div>`)
	f.Fuzz(func(t *testing.T, src string) {
		d, err := parseHTML("fuzz.html", src)
		if err == nil {
			checkFormatDocument(t, d)
		}
	})
}

func FuzzParseMarkdown(f *testing.F) {
	addFixtureSeeds(f, "testdata/markdown/*")
	f.Add("---\ntitle: x\n---\n# T\n\n> q\n\n* a\n  * b\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := parseMarkdown("fuzz.md", src)
		if err == nil {
			checkFormatDocument(t, d)
		}
	})
}

func FuzzParseJSONL(f *testing.F) {
	addFixtureSeeds(f, "testdata/jsonl/*")
	f.Add(`{"title":"t","text":"a\n\nb","published":"30/10/22"}`)
	f.Fuzz(func(t *testing.T, src string) {
		docs, _ := collectJSONL("fuzz.jsonl", src)
		lines := strings.Count(src, "\n") + 1
		if len(docs) > lines {
			t.Fatalf("%d documents from %d lines", len(docs), lines)
		}
		for _, d := range docs {
			if d.line < 1 || d.line > lines {
				t.Fatalf("line %d out of range", d.line)
			}
			checkFormatDocument(t, d.doc)
		}
	})
}

// FuzzParse runs whole files of any format through detection, decoding
// and Build.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/html/*", "testdata/markdown/*", "testdata/jsonl/*", "testdata/bad/*", "../corpus/articles/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(filepath.Base(file), data)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		arts, err := Parse(name, data, Options{MaxBytes: 1 << 20})
		if err != nil && !strings.Contains(err.Error(), name) {
			t.Fatalf("error %q does not name the file %q", err, name)
		}
		for _, a := range arts {
			if a == nil {
				t.Fatal("nil article")
			}
			if s := articleText([]*Article{a}); !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in article: %q", s)
			}
		}
	})
}
