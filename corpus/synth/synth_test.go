package synth

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestArticleIsDeterministic(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			const n = 40
			// One generator sequentially, another from many goroutines in
			// reverse order: the bytes must be the same.
			want := make([][]byte, n)
			g1 := New(7)
			for i := range n {
				want[i] = render(t, g1.Article(i), f)
			}
			got := make([][]byte, n)
			g2 := New(7)
			var wg sync.WaitGroup
			for i := n - 1; i >= 0; i-- {
				wg.Go(func() {
					b, err := g2.Article(i).Render(f)
					if err != nil {
						t.Error(err)
					}
					got[i] = b
				})
			}
			wg.Wait()
			for i := range n {
				if !bytes.Equal(got[i], want[i]) {
					t.Fatalf("article %d differs between runs with the same seed", i)
				}
			}
			other := render(t, New(8).Article(0), f)
			if bytes.Equal(other, want[0]) {
				t.Errorf("seeds 7 and 8 gave the same article 0")
			}
		})
	}
}

func TestArticlesSaySynthetic(t *testing.T) {
	g := New(1)
	for i := range 50 {
		a := g.Article(i)
		if !strings.HasPrefix(a.Title, "Synthetic article ") {
			t.Errorf("article %d title %q does not start with %q", i, a.Title, "Synthetic article ")
		}
		for _, f := range Formats {
			if name := a.Name(f); !strings.HasPrefix(name, "synthetic-") {
				t.Errorf("article %d file name %q does not start with synthetic-", i, name)
			}
		}
		if _, ok := ingest.LookupCouncil(a.Council.Name); !ok {
			t.Errorf("article %d sponsor %q is not in the gazetteer", i, a.Council.Name)
		}
	}
}

func TestArticlesHaveEveryShape(t *testing.T) {
	kinds := map[ingest.Kind]int{}
	interviews, headings, pullQuotes := 0, 0, 0
	g := New(3)
	for i := range 200 {
		a := g.Article(i)
		if a.Interview {
			interviews++
		}
		for _, p := range a.Parts {
			kinds[p.Passage]++
			switch p.Kind {
			case PartHeading:
				headings++
			case PartPullQuote:
				pullQuotes++
			}
		}
	}
	for _, k := range ingest.Kinds {
		if kinds[k] == 0 {
			t.Errorf("200 articles have no %s passage", k)
		}
	}
	if interviews < 40 || interviews > 120 {
		t.Errorf("%d of 200 articles are interviews, want about 80", interviews)
	}
	if headings == 0 || pullQuotes == 0 {
		t.Errorf("200 articles have %d headings and %d pull quotes, want some of each", headings, pullQuotes)
	}
}

// TestWordFrequenciesAreZipfLike checks the running text has the shape of
// real prose: a vocabulary of thousands of words whose frequencies fall
// off roughly as 1/rank, not a few sentences repeated.
func TestWordFrequenciesAreZipfLike(t *testing.T) {
	freq := map[string]int{}
	g := New(11)
	for i := range 500 {
		for _, w := range strings.FieldsFunc(strings.ToLower(string(render(t, g.Article(i), ingest.FormatText))), func(r rune) bool {
			return !unicode.IsLetter(r)
		}) {
			freq[w]++
		}
	}
	counts := make([]int, 0, len(freq))
	for _, c := range freq {
		counts = append(counts, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if len(counts) < 2000 {
		t.Fatalf("500 articles use %d distinct words, want at least 2,000", len(counts))
	}
	// Least-squares slope of log(frequency) against log(rank) over ranks
	// 10 to 1,000; Zipf's law in English prose gives about -1.
	var sx, sy, sxx, sxy, n float64
	for r := 10; r <= 1000; r++ {
		x, y := math.Log(float64(r)), math.Log(float64(counts[r-1]))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	if slope > -0.7 || slope < -1.5 {
		t.Errorf("rank-frequency slope %.2f, want between -1.5 and -0.7 (Zipf-like)", slope)
	}
}

func TestTownsAreNotCouncils(t *testing.T) {
	// A town that is also a council would be a second council in the text
	// and could be taken for the sponsor.
	for _, town := range loadWords().towns {
		if cs := ingest.FindCouncils(town); len(cs) > 0 {
			t.Errorf("town %q is the council %q; remove it from data/towns.txt", town, cs[0].Name)
		}
	}
}

func TestRenderRejectsUnknownFormat(t *testing.T) {
	_, err := New(1).Article(0).Render("docx")
	if err == nil || !strings.Contains(err.Error(), `"docx"`) {
		t.Errorf("Render(docx) error = %v, want one naming the format", err)
	}
}

func render(tb testing.TB, a *Article, f ingest.Format) []byte {
	tb.Helper()
	b, err := a.Render(f)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
