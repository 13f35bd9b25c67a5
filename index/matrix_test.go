package index

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// matrixBySearch is the councils × topics matrix the slow way: the
// council facet over everything, then one search per council with its
// total and topic facet.
func matrixBySearch(tb testing.TB, ix *Index) map[string]CouncilTopicRow {
	tb.Helper()
	ctx := context.Background()
	facets, err := ix.Facets(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	want := map[string]CouncilTopicRow{}
	for _, c := range facets[fieldCouncil] {
		if c.Value == "" {
			continue
		}
		res, err := ix.Search(ctx, Request{Size: 1, Filters: map[string][]string{"council": {c.Value}}})
		if err != nil {
			tb.Fatal(err)
		}
		want[c.Value] = CouncilTopicRow{Council: c.Value, Total: int(res.Total), Topics: res.Facets[fieldTopic]}
	}
	return want
}

// checkMatrix compares CouncilTopics with matrixBySearch and returns the
// rows by council.
func checkMatrix(tb testing.TB, ix *Index) map[string]CouncilTopicRow {
	tb.Helper()
	rows, err := ix.CouncilTopics(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	want := matrixBySearch(tb, ix)
	got := map[string]CouncilTopicRow{}
	for i, r := range rows {
		got[r.Council] = r
		if i > 0 && (rows[i-1].Total < r.Total || rows[i-1].Total == r.Total && rows[i-1].Council > r.Council) {
			tb.Errorf("row %d (%s, %d) is out of order after %s, %d", i, r.Council, r.Total, rows[i-1].Council, rows[i-1].Total)
		}
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		tb.Fatalf("councils %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for c, w := range want {
		g := got[c]
		if g.Total != w.Total {
			tb.Errorf("%s: total %d, a council search finds %d", c, g.Total, w.Total)
		}
		if !slices.Equal(g.Topics, w.Topics) {
			tb.Errorf("%s: topics %v, a council search's facet is %v", c, g.Topics, w.Topics)
		}
	}
	return got
}

func TestCouncilTopicsMatchesCouncilSearches(t *testing.T) {
	got := checkMatrix(t, seedCorpus(t))
	if len(got) < 2 {
		t.Fatalf("%d council rows from the seed corpus; the test needs several", len(got))
	}
	kent := got["Kent County Council"]
	if kent.Total == 0 || len(kent.Topics) == 0 {
		t.Errorf("Kent County Council row %+v: want passages and topics", kent)
	}
}

func TestCouncilTopicsFollowsWrites(t *testing.T) {
	ctx := context.Background()
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	files := corpus.Files()
	for _, f := range files {
		if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d segments after ingesting %d files one by one", segmentCount(t, ix), len(files))
	before := checkMatrix(t, ix)

	// Replacing a source with a shorter version: its old passages must
	// no longer count.
	first := files[0]
	paras := strings.Split(string(first.Data), "\n\n")
	shorter := strings.Join(paras[:len(paras)/2], "\n\n")
	if _, err := ix.Ingest(ctx, first.Name, []byte(shorter)); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d segments after replacing %s", segmentCount(t, ix), first.Name)
	after := checkMatrix(t, ix)
	const kent = "Kent County Council"
	if after[kent].Total >= before[kent].Total {
		t.Errorf("%s has %d passages after half of %s was cut, %d before", kent, after[kent].Total, first.Name, before[kent].Total)
	}

	// Deleting the only article of a council removes its row.
	articles, err := ix.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perCouncil := map[string]int{}
	for _, a := range articles {
		perCouncil[a.Council]++
	}
	var gone ArticleSummary
	for _, a := range articles {
		if perCouncil[a.Council] == 1 && after[a.Council].Total > 0 {
			gone = a
			break
		}
	}
	if gone.ID == "" {
		t.Fatal("no council has a single article in the seed corpus")
	}
	if err := ix.Delete(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	final := checkMatrix(t, ix)
	if r, ok := final[gone.Council]; ok {
		t.Errorf("%s still has a row after its only article was deleted: %+v", gone.Council, r)
	}
	if len(final) != len(after)-1 {
		t.Errorf("%d rows after deleting one council's article, want %d", len(final), len(after)-1)
	}
}

func TestCouncilTopicsEmptyIndex(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rows, err := ix.CouncilTopics(context.Background())
	if err != nil || len(rows) != 0 {
		t.Errorf("empty index: %v, %v; want no rows and no error", rows, err)
	}
}

func TestCouncilTopicsClosed(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.CouncilTopics(context.Background()); err == nil {
		t.Error("CouncilTopics on a closed index: no error")
	}
}

// segmentCount is the number of segments the index's current snapshot
// holds.
func segmentCount(tb testing.TB, ix *Index) int {
	tb.Helper()
	var n int
	err := ix.read(func() error {
		adv, err := ix.cur.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		n = len(r.(*scorch.IndexSnapshot).Segments())
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkCouncilTopics counts the councils × topics matrix of the
// synthetic corpus in one pass (matrix), and as the compare page used to:
// the council facet, then one size-1 search per council (per-council).
func BenchmarkCouncilTopics(b *testing.B) {
	c := synthArticles(b, *benchPassages)
	ix, err := OpenMemory(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	addInBatches(b, ix, c.articles, 1000)
	ctx := context.Background()
	rows, err := ix.CouncilTopics(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("matrix", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ix.CouncilTopics(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(rows)), "councils")
		b.ReportMetric(float64(c.passages), "passages")
	})
	b.Run("per-council", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			facets, err := ix.Facets(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, fv := range facets[fieldCouncil] {
				if _, err := ix.Search(ctx, Request{Size: 1, Filters: map[string][]string{"council": {fv.Value}}}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(rows)), "councils")
	})
}
