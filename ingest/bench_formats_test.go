package ingest

import (
	"os"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
)

func BenchmarkParseHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/html/sponsored_feature.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("sponsored_feature.html", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMarkdown(b *testing.B) {
	data, err := os.ReadFile("testdata/markdown/front_matter.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("front_matter.md", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindCouncils(b *testing.B) {
	text := string(corpus.Files()[3].Data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FindCouncils(text)
	}
}

func BenchmarkTopicsOf(b *testing.B) {
	text := string(corpus.Files()[3].Data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		TopicsOf(text)
	}
}
