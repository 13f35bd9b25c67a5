package ingest_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// benchSizes are the input sizes issue 11 asks parsing to be linear over.
var benchSizes = []struct {
	name  string
	bytes int
}{{"64KB", 64 << 10}, {"512KB", 512 << 10}, {"5MB", 5_000_000}}

// synthSentences are the body lines of synthetic articles: names, roles,
// quotations and attributions, as the genre has them.
var synthSentences = sync.OnceValue(func() []string {
	g := synth.New(1)
	var lines []string
	for i := 0; len(lines) < 4000; i++ {
		data, err := g.Article(i).Render(ingest.FormatText)
		if err != nil {
			panic(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if len(strings.Fields(l)) >= 8 {
				lines = append(lines, l)
			}
		}
	}
	return lines
})

// onePara is a title and one paragraph of about size bytes.
func onePara(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Big text article\n\n")
	for i := 0; b.Len() < size-200; i++ {
		s := synthSentences()[i%len(synthSentences())]
		b.WriteString(s)
		b.WriteByte(' ')
	}
	return b.Bytes()
}

// shortParas is a title and short paragraphs, about size bytes in all,
// each one distinct so none is dropped as a repeat.
func shortParas(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Many short paragraphs\n\n")
	for i := 0; b.Len() < size-200; i++ {
		s := synthSentences()[i%len(synthSentences())]
		if len(s) > 100 {
			s = s[:strings.LastIndexByte(s[:100], ' ')] + "."
		}
		fmt.Fprintf(&b, "%s %d\n\n", s, i)
	}
	return b.Bytes()
}

// BenchmarkParseScale parses one long paragraph and many short ones at
// three sizes: time per byte must stay flat as the size grows.
func BenchmarkParseScale(b *testing.B) {
	for _, shape := range []struct {
		name string
		make func(int) []byte
	}{{"OneParagraph", onePara}, {"ShortParagraphs", shortParas}} {
		for _, s := range benchSizes {
			b.Run(shape.name+"/"+s.name, func(b *testing.B) {
				data := shape.make(s.bytes)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					// The cost of parsing is measured, not the passage limit.
					if _, err := ingest.Parse("big.txt", data, ingest.Options{MaxPassages: 1 << 30}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
