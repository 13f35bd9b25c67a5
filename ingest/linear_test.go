package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// linearShapes are inputs that once took time quadratic in their size,
// each as a function from a repeat count to a file.
var linearShapes = []struct {
	name string
	make func(n int) string
}{
	// Issue 11's reproduction: every capitalised word looked at all the
	// words before it.
	{"one sentence repeated", func(n int) string {
		return "Big text article\n\n" + strings.Repeat("Supervision is good. ", n)
	}},
	{"people and quotations in one paragraph", func(n int) string {
		var b strings.Builder
		b.WriteString("Big text article\n\n")
		for i := range n {
			fmt.Fprintf(&b, "“We meet weekly,” says Jean %s, team manager. She adds: “It helps.” ", surname(i))
		}
		return b.String()
	}},
	// A hard-wrapped paragraph was joined with +=.
	{"hard-wrapped paragraph", func(n int) string {
		return "Big text article\n\nThe team\n" + strings.Repeat("meets every week to talk about cases and\n", n) + "ends.\n"
	}},
	{"list item over many lines", func(n int) string {
		return "Big text article\n\nWhat we offer:\n\n• Pay\n" + strings.Repeat("   and more pay for the team\n", n)
	}},
	// Every apostrophe after a space looked for a closing mark to the
	// end of the paragraph.
	{"apostrophes", func(n int) string {
		return "Big text article\n\n" + strings.Repeat("rock 'n roll and ", n)
	}},
	{"straight quotation marks", func(n int) string {
		return "Big text article\n\n" + strings.Repeat(`they said "we can do it" and `, n)
	}},
	{"short paragraphs", func(n int) string {
		var b strings.Builder
		b.WriteString("Big text article\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Supervision %d is good, says Jean %s.\n\n", i, surname(i))
		}
		return b.String()
	}},
}

// TestParseIsLinear parses each shape at about 32 KB and at eight times
// that; the larger must not take more than three times as long per byte.
func TestParseIsLinear(t *testing.T) {
	for _, shape := range linearShapes {
		t.Run(shape.name, func(t *testing.T) {
			n := 1
			for len(shape.make(n)) < 32<<10 {
				n *= 2
			}
			small, large := []byte(shape.make(n)), []byte(shape.make(8*n))
			checkLinear(t, func() { parseOrFail(t, small) }, func() { parseOrFail(t, large) })
		})
	}
}

func parseOrFail(t testing.TB, data []byte) {
	t.Helper()
	// The cost of parsing is measured here, not the passage limit.
	if _, err := ParseContext(context.Background(), "big.txt", data, Options{MaxPassages: 1 << 30}); err != nil {
		t.Error(err)
	}
}

// checkLinear times small (the best of three runs) and then gives large,
// eight times the input, 24 times as long plus a second of slack: a
// quadratic cost takes 64 times as long and fails. The test does not
// wait for a quadratic run to end.
func checkLinear(t *testing.T, small, large func()) {
	t.Helper()
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		small()
		best = min(best, time.Since(start))
	}
	limit := 24*best + time.Second
	done := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		large()
		done <- time.Since(start)
	}()
	select {
	case took := <-done:
		t.Logf("small %v, large %v", best, took)
	case <-time.After(limit):
		t.Fatalf("8 times the input took over %v, the small one %v: not linear", limit, best)
	}
}

// surname makes the i'th of many distinct surnames: Ross, Rossb, … Rossba.
func surname(i int) string {
	s := "Ross"
	for ; i > 0; i /= 26 {
		s += string(rune('a' + i%26))
	}
	return s
}
