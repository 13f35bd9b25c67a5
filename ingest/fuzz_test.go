package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// checkCoverage checks that Build dropped nothing but furniture: the words
// of every body paragraph, list item and comment the parser found are in
// some passage (or, for an interview header, a heading).
func checkCoverage(tb testing.TB, doc *Document, a *Article) {
	tb.Helper()
	var all strings.Builder
	for _, p := range a.Passages {
		all.WriteString(" " + normKey(p.Heading+" "+p.Question+" "+p.Text) + " ")
	}
	all.WriteString(" " + normKey(a.Title) + " ")
	haystack := all.String()
	covered := func(text string) bool {
		key := normKey(text)
		return key == "" || strings.Contains(haystack, " "+key+" ")
	}
	endOfBody := false
	for _, b := range doc.Blocks {
		switch b.Kind {
		case BlockParagraph:
			info := classifyLine(cleanInline(b.Text))
			endOfBody = endOfBody || info.kind == lineEndOfBody
			if info.kind != lineBody || endOfBody {
				continue
			}
			text := answerPrefixRe.ReplaceAllString(cleanInline(b.Text), "")
			if q, ok := splitQA(text); ok && q.prefixed {
				if !covered(q.text) || !covered(stripAnswerPrefix(q.answer)) {
					tb.Errorf("question %q is in no passage", text)
				}
				continue
			}
			if !covered(text) {
				tb.Errorf("paragraph %q is in no passage", b.Text)
			}
		case BlockList:
			for _, it := range b.Items {
				if !endOfBody && !isFurniture(cleanInline(it)) && !covered(it) {
					tb.Errorf("list item %q is in no passage", it)
				}
			}
		case BlockComment:
			if !covered(b.Text) {
				tb.Errorf("comment %q is in no passage", b.Text)
			}
		}
	}
}

// FuzzParseText checks that the plain-text front-end and Build never
// panic, never emit invalid UTF-8, and keep the structural invariants on
// any input.
func FuzzParseText(f *testing.F) {
	for _, file := range corpus.Files() {
		f.Add(string(file.Data))
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "text", "*.txt"))
	for _, name := range fixtures {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"", "\n\n", "“", "\"", "'", "‘x", "Q:", "Q: ?", "A:", "•", "1.", "2 Responses to x\n\n1. A January 1, 2014 at 1:00 pm #",
		"Title\n\n“a b c d e f", "T\n\nx?\ny?\nz?", "\xff\xfe\x00bad", "60 seconds with…", "60 seconds with…Ann Lee, , ",
		"T\n\nLead:\n\nitem\n\n• b", "– Jean Ross", "“a b c d e” – ", "By X | 99/99/99",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := parseText(context.Background(), "fuzz.txt", text)
		if err != nil {
			return
		}
		a, err := Build(doc)
		if err != nil {
			return
		}
		checkStructure(t, a)
		checkCoverage(t, doc, a)
		for _, s := range []string{a.ID, a.Title, a.Standfirst, a.Council, a.Published} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in %q", s)
			}
		}
	})
}
