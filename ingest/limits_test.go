package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// paragraphs is a plain-text article of n distinct short paragraphs.
func paragraphs(n int) string {
	var b strings.Builder
	b.WriteString("Many short paragraphs\n\n")
	for i := range n {
		fmt.Fprintf(&b, "Supervision is good in team %d.\n\n", i)
	}
	return b.String()
}

// TestMaxPassages refuses an article of more passages than the limit,
// naming the file, and soon: issue 11's 4.9 MB file of 47,110 short
// paragraphs took 17 s and 1.9 GB to ingest as one article. A JSON lines
// file loses only the line that is too long.
func TestMaxPassages(t *testing.T) {
	if _, err := Parse("ok.txt", []byte(paragraphs(DefaultMaxPassages-1)), Options{}); err != nil {
		t.Fatalf("an article within the limit: %v", err)
	}
	start := time.Now()
	_, err := Parse("long.txt", []byte(paragraphs(47110)), Options{})
	if !errors.Is(err, ErrTooManyPassages) || !strings.HasPrefix(err.Error(), "long.txt: too many passages: more than 2000") {
		t.Errorf("error %v, want ErrTooManyPassages naming long.txt", err)
	}
	t.Logf("refused in %v", time.Since(start))

	if _, err := Parse("small.txt", []byte(paragraphs(11)), Options{MaxPassages: 10}); !errors.Is(err, ErrTooManyPassages) {
		t.Errorf("Options.MaxPassages 10, 11 paragraphs: error %v", err)
	}
	long := strings.ReplaceAll(paragraphs(11), "\n", `\n`)
	jsonl := `{"title":"Pods","text":"Medway has small pods."}` + "\n" + `{"title":"Long","text":"` + long + `"}` + "\n"
	arts, err := Parse("two.jsonl", []byte(jsonl), Options{MaxPassages: 10})
	var fe *FileError
	if len(arts) != 1 || !errors.As(err, &fe) || fe.Line != 2 || !errors.Is(err, ErrTooManyPassages) {
		t.Errorf("got %d articles, error %v; want the first line's article and line 2 refused", len(arts), err)
	}
}
