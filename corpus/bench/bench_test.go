package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// quickConfig is a run small and short enough for a test.
func quickConfig(articles int) Config {
	cfg := DefaultConfig()
	cfg.Articles, cfg.Clients, cfg.Duration, cfg.Batch = articles, 2, 150*time.Millisecond, 7
	return cfg
}

// parsedArticles parses the first n synthetic articles of seed as text,
// in article-number order.
func parsedArticles(t testing.TB, seed uint64, n int) []*ingest.Article {
	t.Helper()
	g := synth.New(seed)
	var out []*ingest.Article
	for i := range n {
		a := g.Article(i)
		data, err := a.Render(ingest.FormatText)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := ingest.Parse(a.Name(ingest.FormatText), data, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, arts...)
	}
	return out
}

func TestValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
	tests := []struct {
		field  string
		change func(*Config)
	}{
		{"Articles", func(c *Config) { c.Articles = 0 }},
		{"Articles", func(c *Config) { c.Articles = MaxArticles + 1 }},
		{"Batch", func(c *Config) { c.Batch = 0 }},
		{"Clients", func(c *Config) { c.Clients = 0 }},
		{"Clients", func(c *Config) { c.Clients = MaxClients + 1 }},
		{"Duration", func(c *Config) { c.Duration = 0 }},
		{"Format", func(c *Config) { c.Format = "docx" }},
		{"Queries", func(c *Config) { c.Queries = []Query{} }},
		{"Queries[1]", func(c *Config) {
			c.Queries = []Query{{Text: "a"}, {Text: "b", Filters: map[string][]string{"colour": {"red"}}}}
		}},
	}
	for _, tt := range tests {
		cfg := DefaultConfig()
		tt.change(&cfg)
		t.Run(fmt.Sprintf("%+v", cfg), func(t *testing.T) {
			var ce *ConfigError
			if err := cfg.Validate(); !errors.As(err, &ce) || ce.Field != tt.field {
				t.Errorf("Validate = %v, want a ConfigError on %s", err, tt.field)
			}
			if _, err := Run(t.Context(), cfg); !errors.As(err, &ce) {
				t.Errorf("Run = %v, want the ConfigError", err)
			}
		})
	}
}

func TestRunRefusesAnExistingDir(t *testing.T) {
	cfg := quickConfig(1)
	cfg.Dir = t.TempDir()
	var ce *ConfigError
	if _, err := Run(t.Context(), cfg); !errors.As(err, &ce) || ce.Field != "Dir" || !strings.Contains(ce.Problem, cfg.Dir) {
		t.Errorf("Run into an existing directory = %v, want a ConfigError on Dir naming it", err)
	}
}

func TestParseQueries(t *testing.T) {
	got := ParseQueries([]byte("# supervision and caseloads\nsupervision\n\n  \"career progression\"  \r\n#\n"))
	want := []Query{{Shape: "file", Text: "supervision"}, {Shape: "file", Text: `"career progression"`}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ParseQueries = %v, want %v", got, want)
	}
	if got := ParseQueries([]byte("# only a comment\n\n")); got != nil {
		t.Errorf("ParseQueries of no queries = %v, want nil", got)
	}
}

func TestQueryFilters(t *testing.T) {
	q := Query{Text: "caseloads", Collapse: index.CollapseArticle, Filters: map[string][]string{
		"council": {"Kent County Council", "Essex County Council"}, "topic": {"caseloads"}, "kind": {"qa"}, "speaker": {"Jean Ross"},
	}}
	req, err := q.request()
	if err != nil {
		t.Fatal(err)
	}
	want := index.Request{Query: "caseloads", Collapse: index.CollapseArticle, Filters: map[string][]string{
		"council": {"Kent County Council", "Essex County Council"}, "topic": {"caseloads"}, "kind": {"qa"}, "speaker": {"Jean Ross"}}}
	if fmt.Sprint(req) != fmt.Sprint(want) {
		t.Errorf("request = %+v, want %+v", req, want)
	}
	wantParams := "collapse=article&council=Kent+County+Council&council=Essex+County+Council&kind=qa&q=caseloads&speaker=Jean+Ross&topic=caseloads"
	if got := q.params().Encode(); got != wantParams {
		t.Errorf("params = %s, want %s", got, wantParams)
	}
	if _, err := (Query{Text: "x", Filters: map[string][]string{"colour": {"red"}}}).request(); err == nil || !strings.Contains(err.Error(), `"colour"`) {
		t.Errorf("a filter on no facet gave %v, want an error naming it", err)
	}
}

func TestQueryMix(t *testing.T) {
	var sample []ingest.Passage
	for _, a := range parsedArticles(t, 3, 30) {
		sample = append(sample, a.Passages...)
	}
	mix := QueryMix(sample, 1)
	if again := QueryMix(sample, 1); fmt.Sprint(again) != fmt.Sprint(mix) {
		t.Errorf("the same sample and seed gave different mixes")
	}
	if other := QueryMix(sample, 2); fmt.Sprint(other) == fmt.Sprint(mix) {
		t.Errorf("seeds 1 and 2 gave the same mix")
	}
	count := map[string]int{}
	for _, q := range mix {
		count[q.Shape]++
		ok := q.Text != ""
		switch q.Shape {
		case "words":
			ok = len(strings.Fields(q.Text)) >= 2
		case "phrase":
			ok = strings.HasPrefix(q.Text, `"`) && strings.HasSuffix(q.Text, `"`) && strings.Contains(q.Text, " ")
		case "filtered":
			ok = len(q.Filters) == 1
			for _, values := range q.Filters {
				ok = ok && len(values) == 1 && values[0] != ""
			}
		case "prefix":
			ok = strings.HasSuffix(q.Text, "*") && len(q.Text) >= 5
		case "collapse":
			ok = q.Collapse == index.CollapseArticle
		}
		if _, err := q.request(); err != nil {
			t.Errorf("%s query %+v: %v", q.Shape, q, err)
		}
		if !ok {
			t.Errorf("%s query %+v is not of its shape", q.Shape, q)
		}
	}
	for _, s := range mixShapes {
		if count[s.shape] != s.count {
			t.Errorf("%d %s queries, want %d", count[s.shape], s.shape, s.count)
		}
	}
	if QueryMix(nil, 1) != nil {
		t.Errorf("a mix drawn from no passages is not empty")
	}
}

func TestPercentileMS(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]float64{50: 50, 95: 95, 99: 99, 100: 100} {
		if got := percentileMS(lat, p); got != want {
			t.Errorf("p%v = %v ms, want %v", p, got, want)
		}
	}
	if got := percentileMS(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v, want 0", got)
	}
}

// TestExportWaitsForEarlierFiles hands the loader files out of order, as
// parallel parsers do, and checks that each is written once, in file
// order, and that nothing is held once the gap before it is filled.
func TestExportWaitsForEarlierFiles(t *testing.T) {
	arts := parsedArticles(t, 5, 6)
	var out bytes.Buffer
	l := &loader{res: &loadResult{}, batchSize: 100, export: NewExporter(&out), waiting: map[int][]*ingest.Article{}}
	for _, k := range []int{1, 0, 3, 4, 2, 5} {
		if err := l.take(t.Context(), parsedFile{k, arts[k : k+1]}); err != nil {
			t.Fatal(err)
		}
		if k == 2 && len(l.waiting) != 0 {
			t.Errorf("after file 2, %d files still wait", len(l.waiting))
		}
	}
	if err := l.export.Flush(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range arts {
		for _, p := range a.Passages {
			want = append(want, p.ID)
		}
	}
	if got := exportedIDs(t, out.Bytes()); !slices.Equal(got, want) {
		t.Errorf("exported %v,\nwant %v", got, want)
	}
	if l.res.articles != 6 || len(l.batch) != 6 {
		t.Errorf("loader counted %d articles and queued %d, want 6", l.res.articles, len(l.batch))
	}
}

// exportedIDs checks every line of an export and returns their ids.
func exportedIDs(t testing.TB, data []byte) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("export line %d is not JSON: %v", len(ids)+1, err)
		}
		for _, k := range []string{"id", "article_id", "council", "kind", "topics", "speaker", "text"} {
			if _, ok := rec[k]; !ok {
				t.Fatalf("export line %d has no %q: %s", len(ids)+1, k, sc.Text())
			}
		}
		id, _ := rec["id"].(string)
		if rec["council"] == "" || rec["text"] == "" || !strings.HasPrefix(id, rec["article_id"].(string)+"#") {
			t.Errorf("export line %d is incomplete: %s", len(ids)+1, sc.Text())
		}
		ids = append(ids, id)
	}
	return ids
}

// TestRun runs a small bench end to end: the report has figures a real
// run produces, the export holds every passage it counted, in article
// order, and the progress lines give the per-shape figures.
func TestRun(t *testing.T) {
	const articles = 30
	cfg := quickConfig(articles)
	var export bytes.Buffer
	var progress []string
	cfg.Export = &export
	cfg.Progress = func(line string) { progress = append(progress, line) }
	cfg.Dir = filepath.Join(t.TempDir(), "index")
	rep, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range parsedArticles(t, cfg.Seed, articles) {
		for _, p := range a.Passages {
			want = append(want, p.ID)
		}
	}
	if rep.Articles != articles || rep.Passages != len(want) {
		t.Errorf("report counts %d articles and %d passages, want %d and %d", rep.Articles, rep.Passages, articles, len(want))
	}
	if got := exportedIDs(t, export.Bytes()); !slices.Equal(got, want) {
		t.Errorf("the export holds %d passages, not the %d parsed in article order", len(got), len(want))
	}
	for name, v := range map[string]float64{
		"ingest_seconds": rep.IngestSeconds, "passages_per_second": rep.PassagesPerSecond, "index_bytes": float64(rep.IndexBytes),
		"query.p50_ms": rep.Query.P50MS, "query.p99_ms": rep.Query.P99MS, "query.qps": rep.Query.QPS,
		"http.p50_ms": rep.HTTP.P50MS, "http.rps": rep.HTTP.RPS,
	} {
		if v <= 0 {
			t.Errorf("%s = %v, want a positive figure", name, v)
		}
	}
	if rep.HTTP.Clients != cfg.Clients {
		t.Errorf("http.clients = %d, want %d", rep.HTTP.Clients, cfg.Clients)
	}
	all := strings.Join(progress, "\n")
	for _, s := range mixShapes {
		if !strings.Contains(all, "  "+s.shape+" ") {
			t.Errorf("no figures for %s queries in the progress:\n%s", s.shape, all)
		}
	}
	if !strings.Contains(all, fmt.Sprintf("exported %d passages", len(want))) {
		t.Errorf("the progress does not report the export:\n%s", all)
	}
	idx, err := index.Open(cfg.Dir, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the index in Dir was not kept: %v", err)
	}
	idx.Close()
}

// TestRunRejectedQueries checks that queries the index refuses are left
// out of the figures and reported, and that a run of nothing else fails.
func TestRunRejectedQueries(t *testing.T) {
	cfg := quickConfig(5)
	var progress []string
	cfg.Progress = func(line string) { progress = append(progress, line) }
	cfg.Queries = []Query{{Shape: "file", Text: "supervision"}, {Shape: "file", Text: "council:"}}
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(progress, "\n"); !strings.Contains(all, "refused as bad queries") || !strings.Contains(all, `"council:"`) {
		t.Errorf("the refused query is not reported:\n%s", all)
	}
	cfg.Queries = cfg.Queries[1:]
	if _, err := Run(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), "every query was refused") {
		t.Errorf("a run whose every query is refused gave %v", err)
	}
}

// benchIndex builds an on-disk index of n synthetic articles for the
// benchmarks below and returns it open read-only with a sample of its
// passages.
func benchIndex(b *testing.B, n int) (*index.Index, []ingest.Passage) {
	b.Helper()
	files, _, err := generateFiles(synth.New(1), n, ingest.FormatText)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "index")
	load, err := loadIndex(b.Context(), dir, files, 200, false, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	idx, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	return idx, load.sample
}

// BenchmarkIndexAdd measures batch indexing: Add of 200 new parsed
// synthetic articles (about 2,500 passages) at a time into an on-disk
// index. Generating and parsing them is not timed.
func BenchmarkIndexAdd(b *testing.B) {
	g := synth.New(1)
	idx, err := index.Open(filepath.Join(b.TempDir(), "index"), index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	next, added := 0, 0
	for b.Loop() {
		b.StopTimer()
		var batch []*ingest.Article
		for range 200 {
			a := g.Article(next)
			next++
			data, _ := a.Render(ingest.FormatText)
			arts, err := ingest.Parse(a.Name(ingest.FormatText), data, ingest.Options{})
			if err != nil {
				b.Fatal(err)
			}
			batch = append(batch, arts...)
			for _, art := range arts {
				added += len(art.Passages)
			}
		}
		b.StartTimer()
		if _, err := idx.Add(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(added)/b.Elapsed().Seconds(), "passages/s")
}

// BenchmarkSearch measures each query shape of the mix on an index of
// 1,000 synthetic articles (about 12,000 passages).
func BenchmarkSearch(b *testing.B) {
	idx, sample := benchIndex(b, 1000)
	mix, err := plan(QueryMix(sample, 1))
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range mixShapes {
		var qs []index.Request
		for _, q := range mix {
			if q.shape == s.shape {
				qs = append(qs, q.req)
			}
		}
		b.Run(s.shape, func(b *testing.B) {
			n := 0
			for b.Loop() {
				if _, err := idx.Search(b.Context(), qs[n%len(qs)]); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// BenchmarkExport measures Exporter.Write, which --export-passages adds to
// the indexing goroutine, per synthetic article (about 12 passages).
func BenchmarkExport(b *testing.B) {
	arts := parsedArticles(b, 1, 200)
	e := NewExporter(io.Discard)
	n := 0
	for b.Loop() {
		if err := e.Write(arts[n%len(arts)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(e.Passages())/b.Elapsed().Seconds(), "passages/s")
}
