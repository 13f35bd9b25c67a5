package index

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// TestSearchesTakeTurns: beyond Options.Searches, a search waits for a
// turn rather than sharing the cores with every other, and one that
// cannot get a turn within Options.SearchWait fails as timed out (503).
func TestSearchesTakeTurns(t *testing.T) {
	ctx := context.Background()
	ix, err := OpenMemory(Options{Searches: 1, SearchWait: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	f := corpus.Files()[0]
	if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
		t.Fatal(err)
	}
	release, err := ix.turn(ctx) // a search running
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, Request{Query: "supervision"}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("no turn within the wait: %v, want ErrTimeout", err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := ix.Search(ctx, Request{Query: "supervision"})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a second search ran alongside the first (err %v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	release()
	if err := <-done; err != nil {
		t.Errorf("the waiting search, once its turn came: %v", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	release, _ = ix.turn(ctx)
	defer release()
	go cancel()
	if _, err := ix.Search(cancelled, Request{Query: "supervision"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a caller that gave up while waiting: %v, want context.Canceled", err)
	}
}
