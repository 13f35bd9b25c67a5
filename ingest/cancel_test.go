package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestParseContextStops gives up a long parse once its context ends: an
// abandoned request must not keep a core busy. The 4 MB paragraph of
// quotations takes seconds to parse (3 s on a loaded 2-core machine, many
// more under -race) before it fails on the passage limit; cancelled after
// 50 ms, ParseContext must be back within a few seconds (one was measured
// at 1.1 s at load average 15) with an error naming the file and wrapping
// context.Canceled, not the passage limit's.
func TestParseContextStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("Big text article\n\n")
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString("“We meet weekly,” says Jean " + surname(i) + ", team manager.\n\n")
	}
	data := []byte(b.String())
	for _, tt := range []struct {
		name  string
		after time.Duration
	}{{"cancelled before", 0}, {"cancelled during", 50 * time.Millisecond}} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			if tt.after == 0 {
				cancel()
			} else {
				time.AfterFunc(tt.after, cancel)
			}
			start := time.Now()
			arts, err := ParseContext(ctx, "big.txt", data, Options{})
			took := time.Since(start)
			if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "big.txt: ") || len(arts) != 0 {
				t.Fatalf("got %d articles, error %v; want none and context.Canceled naming big.txt", len(arts), err)
			}
			if took > tt.after+5*time.Second {
				t.Errorf("took %v to stop, cancelled after %v", took, tt.after)
			}
		})
	}
}

// TestParseContextStopsJSONLines stops between the lines of a JSON lines
// file as well.
func TestParseContextStopsJSONLines(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := []byte(strings.Repeat(`{"title":"Pods","text":"Medway has small pods and a manager in each."}`+"\n", 1000))
	if _, err := ParseContext(ctx, "many.jsonl", data, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}
