package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestIngestStopsWhenTheCallerGoesAway cancels an ingest while a long
// file is being parsed, as the server does when a client disconnects:
// issue 11 saw abandoned 512 KB POSTs keep a core busy for 3 minutes.
// Ingest must return soon after the cancel, and nothing is indexed.
func TestIngestStopsWhenTheCallerGoesAway(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var b strings.Builder
	b.WriteString("Big text article\n\n")
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "“We meet weekly,” says Jean Ross, manager of team %d. Supervision is good.\n\n", i)
	}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = ix.Ingest(ctx, "big.txt", []byte(b.String()))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Ingest took %v, cancelled at 100ms", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if ids := articleIDs(t, ix); len(ids) != 0 {
		t.Errorf("indexed %v after the cancel", ids)
	}
}
