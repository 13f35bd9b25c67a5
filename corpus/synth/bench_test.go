package synth

import (
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// BenchmarkGenerate measures planning and rendering one article as text.
func BenchmarkGenerate(b *testing.B) {
	g := New(1)
	var bytes int64
	n := 0
	for b.Loop() {
		data := render(b, g.Article(n), ingest.FormatText)
		bytes += int64(len(data))
		n++
	}
	b.SetBytes(bytes / int64(n))
}

// BenchmarkParse measures ingest.Parse on synthetic articles in each
// format, reporting passages per second as well as time per article.
func BenchmarkParse(b *testing.B) {
	const articles = 200
	g := New(1)
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			type file struct {
				name string
				data []byte
			}
			files := make([]file, articles)
			var size int64
			for i := range files {
				a := g.Article(i)
				files[i] = file{a.Name(f), render(b, a, f)}
				size += int64(len(files[i].data))
			}
			b.SetBytes(size / articles)
			passages, n := 0, 0
			for b.Loop() {
				fl := files[n%articles]
				arts, err := ingest.Parse(fl.name, fl.data, ingest.Options{})
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range arts {
					passages += len(a.Passages)
				}
				n++
			}
			b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
		})
	}
}
