package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// seedArticles parses the embedded corpus.
func seedArticles(tb testing.TB) []*ingest.Article {
	tb.Helper()
	var out []*ingest.Article
	for _, f := range corpus.Files() {
		as, err := ingest.Parse(f.Name, f.Data, ingest.Options{})
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		out = append(out, as...)
	}
	return out
}

// variedArticles makes about n passages by repeating the seed articles
// under other councils, each copy with a few words changed so that terms
// and facets spread as in a real corpus. It is synthetic and only used
// to measure.
func variedArticles(tb testing.TB, n int) []*ingest.Article {
	tb.Helper()
	seeds := seedArticles(tb)
	councils := ingest.Councils()
	swaps := []string{"Kent", "Medway", "Somerset", "Worcestershire"}
	var out []*ingest.Article
	passages := 0
	for copyN := 0; passages < n; copyN++ {
		for _, s := range seeds {
			c := councils[(copyN*7+len(s.ID))%len(councils)]
			a := *s
			a.ID = fmt.Sprintf("%s-v%d", s.ID, copyN)
			a.Council = c.Name
			a.Region = c.Region
			a.Published = fmt.Sprintf("%d-01-01", 2010+copyN%15)
			a.Passages = make([]ingest.Passage, len(s.Passages))
			for i, p := range s.Passages {
				for _, w := range swaps {
					p.Text = strings.ReplaceAll(p.Text, w, c.Short)
				}
				p.Text += fmt.Sprintf(" Variant%d.", copyN%500)
				p.Council = c.Name
				p.Region = c.Region
				a.Passages[i] = p
			}
			out = append(out, &a)
			passages += len(a.Passages)
		}
	}
	return out
}

func BenchmarkIndexSeeds(b *testing.B) {
	files := corpus.Files()
	b.ReportAllocs()
	for b.Loop() {
		ix, err := OpenMemory(Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
				b.Fatal(err)
			}
		}
		ix.Close()
	}
}

func BenchmarkAddBatch(b *testing.B) {
	articles := variedArticles(b, 10_000)
	passages := 0
	for _, a := range articles {
		passages += len(a.Passages)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix, err := OpenMemory(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Add(context.Background(), articles); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(passages)*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
}

var queryShapes = []struct {
	name string
	req  Request
}{
	{"word", Request{Query: "supervision"}},
	{"two-words", Request{Query: "social workers"}},
	{"phrase", Request{Query: `"signs of safety"`}},
	{"filtered", Request{Query: "caseloads", Filters: map[string][]string{"kind": {"section", "qa"}}}},
	{"faceted", Request{Query: "support", Filters: map[string][]string{"council": {"Kent"}, "topic": {"supervision"}}}},
	{"misspelt", Request{Query: "supervison"}},
	{"prefix", Request{Query: "recruit*"}},
	{"collapse", Request{Query: "social work", Collapse: CollapseArticle}},
}

func benchmarkQueries(b *testing.B, ix *Index) {
	for _, qs := range queryShapes {
		b.Run(qs.name, func(b *testing.B) {
			if _, err := ix.Search(context.Background(), qs.req); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ix.Search(context.Background(), qs.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkQuerySeeds(b *testing.B) {
	benchmarkQueries(b, seedCorpus(b))
}

func BenchmarkQueryLarge(b *testing.B) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Add(context.Background(), variedArticles(b, 10_000)); err != nil {
		b.Fatal(err)
	}
	benchmarkQueries(b, ix)
}

func BenchmarkSuggest(b *testing.B) {
	ix := seedCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Suggest(context.Background(), "sup", 8); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiskIndex builds an on-disk index of about 10,000 passages and
// reports its size beside the raw text it holds.
func BenchmarkDiskIndex(b *testing.B) {
	articles := variedArticles(b, 10_000)
	raw := 0
	for _, a := range articles {
		for _, p := range a.Passages {
			raw += len(p.Text) + len(p.Question) + len(strings.Join(p.Items, ""))
		}
	}
	var size int64
	for b.Loop() {
		dir := b.TempDir()
		ix, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Add(context.Background(), articles); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		size = dirSize(dir + "/index")
	}
	b.ReportMetric(float64(size), "index-bytes")
	b.ReportMetric(float64(raw), "text-bytes")
}
