package ingest

import (
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
			doc, err := parseText(f.Name, string(f.Data))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Build(doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}
