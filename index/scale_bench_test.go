package index

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// benchPassages sets the size of the synthetic corpus the scale
// benchmarks index: go test -bench Synth -synth.passages 100000.
var benchPassages = flag.Int("synth.passages", 20_000, "passages in the synthetic corpus of the Synth benchmarks")

// benchMerge compacts the Synth benchmarks' index into one segment after
// loading it.
// benchColdBounds drops the top-k scorer's score bounds (topk_bounds.go)
// before every search, so each search pays for building its terms'
// bounds, as the first search of a word on a new segment does.
var benchColdBounds = flag.Bool("synth.coldbounds", false, "drop the top-k score bounds before each search of the Synth benchmarks")

var benchMerge = flag.Bool("synth.merge", false, "compact the Synth benchmarks' index into one segment after loading it")

// synthCorpus is a parsed synthetic corpus and the size of its text.
type synthCorpus struct {
	articles  []*ingest.Article
	passages  int
	textBytes int64 // the rendered files the articles were parsed from
}

var (
	synthMu    sync.Mutex
	synthCache = map[int]*synthCorpus{}
)

// synthArticles generates and parses corpus/synth articles until they
// hold at least n passages, once per size per test binary.
func synthArticles(tb testing.TB, n int) *synthCorpus {
	tb.Helper()
	synthMu.Lock()
	defer synthMu.Unlock()
	if c, ok := synthCache[n]; ok {
		return c
	}
	g := synth.New(1)
	c := &synthCorpus{}
	for k := 0; c.passages < n; k++ {
		a := g.Article(k)
		data, err := a.Render(ingest.FormatText)
		if err != nil {
			tb.Fatal(err)
		}
		arts, err := ingest.Parse(a.Name(ingest.FormatText), data, ingest.Options{})
		if err != nil {
			tb.Fatalf("parsing synthetic article %d: %v", k, err)
		}
		c.textBytes += int64(len(data))
		for _, art := range arts {
			c.passages += len(art.Passages)
		}
		c.articles = append(c.articles, arts...)
	}
	synthCache[n] = c
	return c
}

// cpuTime is the CPU time this process has used, user and system: on a
// shared machine it says more about cost than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// addInBatches adds articles the way the bench command does: batch
// articles per Add call.
func addInBatches(tb testing.TB, ix *Index, articles []*ingest.Article, batch int) {
	tb.Helper()
	for i := 0; i < len(articles); i += batch {
		if _, err := ix.Add(context.Background(), articles[i:min(i+batch, len(articles))]); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkAddSynth indexes the synthetic corpus into a fresh on-disk
// index, 1,000 articles per Add as the bench command does, and closes it;
// with -synth.merge it compacts the index before closing it.
// It reports passages per second of wall clock and of CPU time, and the
// bytes on disk (index and kept sources) beside the text indexed.
func BenchmarkAddSynth(b *testing.B) {
	c := synthArticles(b, *benchPassages)
	var size int64
	var cpu, compact time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		dir := b.TempDir()
		runtime.GC()
		before := cpuTime()
		ix, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		addInBatches(b, ix, c.articles, 1000)
		if *benchMerge {
			start := time.Now()
			if err := ix.Compact(context.Background()); err != nil {
				b.Fatal(err)
			}
			compact += time.Since(start)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - before
		size = dirSize(dir)
	}
	if *benchMerge {
		b.ReportMetric(compact.Seconds()/float64(b.N), "compact-s")
	}
	b.ReportMetric(float64(c.passages)*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
	b.ReportMetric(float64(c.passages)*float64(b.N)/cpu.Seconds(), "passages/cpu-s")
	b.ReportMetric(float64(size)/float64(c.textBytes), "disk/text")
	b.ReportMetric(float64(size), "disk-bytes")
}

// synthShapes is the query mix on synthetic text: the shapes of the bench
// command's mix, with common and rare words.
var synthShapes = []struct {
	name string
	req  Request
}{
	{"word-common", Request{Query: "families"}},
	{"word-rare", Request{Query: "psychologists"}},
	{"two-words", Request{Query: "social workers"}},
	{"three-words", Request{Query: "supervision team support"}},
	{"phrase", Request{Query: `"early help"`}},
	{"filtered", Request{Query: "caseloads", Filters: map[string][]string{"kind": {"section", "qa"}}}},
	{"faceted", Request{Query: "support", Filters: map[string][]string{"council": {"Kent"}, "topic": {"supervision"}}}},
	{"misspelt", Request{Query: "supervison"}},
	{"prefix", Request{Query: "recruit*"}},
	{"collapse", Request{Query: "social work", Collapse: CollapseArticle}},
	{"browse", Request{Filters: map[string][]string{"council": {"Kent"}}}},
}

var (
	synthIndexOnce sync.Once
	synthIndex     *Index
)

// BenchmarkQuerySynth runs each query shape on an on-disk index of the
// synthetic corpus, reopened read-only as serve opens it.
func BenchmarkQuerySynth(b *testing.B) {
	synthIndexOnce.Do(func() {
		c := synthArticles(b, *benchPassages)
		dir := b.TempDir()
		ix, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		addInBatches(b, ix, c.articles, 1000)
		if *benchMerge {
			if err := ix.Compact(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		if synthIndex, err = Open(dir, Options{ReadOnly: true}); err != nil {
			b.Fatal(err)
		}
	})
	if synthIndex == nil {
		b.Fatal("no synthetic index")
	}
	for _, qs := range synthShapes {
		b.Run(qs.name, func(b *testing.B) {
			res, err := synthIndex.Search(context.Background(), qs.req)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			before := cpuTime()
			for b.Loop() {
				if *benchColdBounds {
					synthIndex.bounds.drop()
				}
				if _, err := synthIndex.Search(context.Background(), qs.req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Total), "hits")
			b.ReportMetric(float64((cpuTime()-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkRescoreAgreement measures what ranking the body field and
// ordering only its first rescoreWindow hits on the searched fields
// gives up against ordering every match on them: for two- and
// three-word queries drawn from the synthetic passages, the share of the
// exhaustive top ten the first page holds (overlap) and the searched-field
// score of the first page over that of the exhaustive top ten (mass). It
// runs the searches once; the figures, not the time, are the result.
func BenchmarkRescoreAgreement(b *testing.B) {
	c := synthArticles(b, *benchPassages)
	ix, err := OpenMemory(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	addInBatches(b, ix, c.articles, 1000)
	r := rand.New(rand.NewPCG(7, 7))
	var queries []string
	for len(queries) < 150 {
		a := c.articles[r.IntN(len(c.articles))]
		var words []string
		for _, w := range strings.Fields(strings.ToLower(a.Passages[r.IntN(len(a.Passages))].Text)) {
			if w = strings.Trim(w, `.,;:!?"'()`); len(w) >= 4 {
				words = append(words, w)
			}
		}
		if len(words) < 3 {
			continue
		}
		q := make([]string, 2+r.IntN(2))
		for i := range q {
			q[i] = words[r.IntN(len(words))]
		}
		queries = append(queries, strings.Join(q, " "))
	}
	ctx := context.Background()
	var overlap, refMass, gotMass float64
	var judged int
	for b.Loop() {
		overlap, refMass, gotMass, judged = 0, 0, 0, 0
		for _, q := range queries {
			res, err := ix.Search(ctx, Request{Query: q})
			if err != nil {
				b.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				if !h.Partial {
					got = append(got, h.ID)
				}
			}
			ref, scoreOf := exhaustiveTop(b, ix, q, 10)
			if len(ref) == 0 {
				continue
			}
			judged++
			in := map[string]bool{}
			for _, id := range ref {
				in[id] = true
				refMass += scoreOf(id)
			}
			for _, id := range got {
				if in[id] {
					overlap++
				}
				gotMass += scoreOf(id)
			}
		}
	}
	var refHits float64
	for _, q := range queries {
		ref, _ := exhaustiveTop(b, ix, q, 10)
		refHits += float64(len(ref))
	}
	b.ReportMetric(overlap/refHits, "overlap")
	b.ReportMetric(gotMass/refMass, "mass")
	b.ReportMetric(float64(judged), "queries")
}

// exhaustiveTop ranks every passage holding all the words of q on the
// searched fields, with the phrase boost, and returns the first n ids and
// a function giving any every-word passage's score under that ranking.
func exhaustiveTop(tb testing.TB, ix *Index, q string, n int) ([]string, func(string) float64) {
	tb.Helper()
	clauses, err := parseQuery(q)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	scores := map[string]float64{}
	err = ix.read(func() error {
		adv, err := ix.cur.Advanced()
		if err != nil {
			return err
		}
		rd, err := adv.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		ctx := context.Background()
		cq, err := (&compiler{ix: ix, r: rd, ctx: ctx}).compile(q, clauses)
		if err != nil {
			return err
		}
		sr := bleve.NewSearchRequestOptions(ix.assemble(tierQuery{cq: cq, tier: tierEvery}, formRank, ""), MaxWindow, 0, false)
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return err
		}
		for i, dm := range br.Hits {
			if i < n {
				ids = append(ids, dm.ID)
			}
			scores[dm.ID] = dm.Score
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids, func(id string) float64 { return scores[id] }
}

// benchQueries names a file of queries, one per line (what `bench
// --export-queries` writes), for BenchmarkQueryFile.
var benchQueries = flag.String("synth.queries", "", "a file of queries, one per line, for BenchmarkQueryFile")

// BenchmarkQueryFile runs every query of -synth.queries on the compacted
// synthetic index of -synth.passages passages, 30 times each per
// iteration, and reports the median query's CPU time per search and the
// sum over the queries (BENCHMARKS.md, "Query path at 10k and the
// ingest ceiling": `go test -run '^$' -bench QueryFile -benchtime 1x
// -synth.passages 10000 -synth.queries q800.txt ./index`). With -test.v
// it lists each query's CPU time, hits and the Bleve searches it still
// runs, cheapest first.
func BenchmarkQueryFile(b *testing.B) {
	if *benchQueries == "" {
		b.Skip("no -synth.queries file")
	}
	data, err := os.ReadFile(*benchQueries)
	if err != nil {
		b.Fatal(err)
	}
	queries := strings.Split(strings.TrimSpace(string(data)), "\n")
	c := synthArticles(b, *benchPassages)
	ix, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	addInBatches(b, ix, c.articles, 1000)
	if err := ix.Compact(context.Background()); err != nil {
		b.Fatal(err)
	}
	// The Bleve searches of one search of each query, seen while seeing.
	var bleveSearches []string
	seeing := false
	ix.seeBleve = func(sr *bleve.SearchRequest) {
		if seeing {
			bleveSearches = append(bleveSearches, fmt.Sprintf("%T size %d fields %d sort %d", sr.Query, sr.Size, len(sr.Fields), len(sr.Sort)))
		}
	}
	ctx := context.Background()
	const runs = 30
	type row struct {
		query string
		cpu   time.Duration
		hits  uint64
		bleve []string
	}
	var rows []row
	b.ResetTimer()
	for b.Loop() {
		rows = rows[:0]
		for _, q := range queries {
			res, err := ix.Search(ctx, Request{Query: q}) // warms the caches, as a served index is
			if err != nil {
				continue // a query the index refuses is no search
			}
			bleveSearches = bleveSearches[:0]
			seeing = true
			if _, err := ix.Search(ctx, Request{Query: q}); err != nil {
				b.Fatal(err)
			}
			seeing = false
			before := cpuTime()
			for range runs {
				if _, err := ix.Search(ctx, Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
			rows = append(rows, row{q, (cpuTime() - before) / runs, res.Total, slices.Clone(bleveSearches)})
		}
	}
	slices.SortFunc(rows, func(x, y row) int { return cmp.Compare(x.cpu, y.cpu) })
	var sum time.Duration
	for _, r := range rows {
		sum += r.cpu
		if testing.Verbose() {
			fmt.Printf("%7.3f ms  hits %7d  %-40q %s\n", float64(r.cpu.Microseconds())/1000, r.hits, r.query, strings.Join(r.bleve, "; "))
		}
	}
	if len(rows) > 0 {
		b.ReportMetric(float64(rows[len(rows)/2].cpu.Microseconds())/1000, "median-cpu-ms")
		b.ReportMetric(float64(sum.Microseconds())/1000, "sum-cpu-ms")
	}
}
