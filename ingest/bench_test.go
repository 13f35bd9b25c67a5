package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// BenchmarkParseTextBuild measures the plain-text front-end and Build over
// the five seed articles (one op = all five).
func BenchmarkParseTextBuild(b *testing.B) {
	files := corpus.Files()
	var bytes int64
	for _, f := range files {
		bytes += int64(len(f.Data))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			doc, err := parseText(context.Background(), f.Name, string(f.Data))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Build(doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseTextBuildLarge measures one ~1 MB article (the seeds
// repeated with varied wording, so nothing is dropped as a repeat), to
// show the cost stays linear in the input.
func BenchmarkParseTextBuildLarge(b *testing.B) {
	var sb strings.Builder
	for k := 0; sb.Len() < 1<<20; k++ {
		for _, f := range corpus.Files() {
			sb.WriteString(strings.ReplaceAll(string(f.Data), "social", fmt.Sprintf("social%d", k)))
			sb.WriteString("\n\n")
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc, err := parseText(context.Background(), "large.txt", text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(doc); err != nil {
			b.Fatal(err)
		}
	}
}
