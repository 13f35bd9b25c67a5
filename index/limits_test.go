package index

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestManyArticlesInOneSourceAreWrittenInBatches ingests a JSON lines
// file of 12,000 one-line articles. It used to go into one Bleve batch,
// and a 4.9 MB file of 37,000 took 1.2 GB (issue 11); now it is written in
// batches of batchPassages, each recorded in the manifest first, and every
// article is there afterwards.
func TestManyArticlesInOneSourceAreWrittenInBatches(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const n = 12000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"title":"Article %d","text":"Supervision is good in team %d."}`+"\n", i, i)
	}
	before := ix.gen.Load()
	rep, err := ix.Ingest(t.Context(), "many.jsonl", []byte(b.String()))
	if err != nil || rep.Added != n {
		t.Fatalf("added %d, error %v; want %d", rep.Added, err, n)
	}
	if batches := ix.gen.Load() - before; batches < n/batchPassages {
		t.Errorf("written in %d batch(es), want at least %d of %d passages", batches, n/batchPassages, batchPassages)
	}
	if got := len(articleIDs(t, ix)); got != n {
		t.Errorf("%d articles in the index, want %d", got, n)
	}
}

// TestReadAheadIsBoundedByBytes stops reading files ahead of a writer
// that does not keep up once the parsed ones hold readAheadBytes of
// source: a window of 256 files near the size limit could hold gigabytes
// of parsed articles (six 5 MB files took 971 MB).
func TestReadAheadIsBoundedByBytes(t *testing.T) {
	defer func(old int) { readAheadBytes = old }(readAheadBytes)
	readAheadBytes = 1 << 20
	const size = 200 << 10
	var body strings.Builder
	body.WriteString("Pods in Medway\n\n")
	for i := 0; body.Len() < size; i++ {
		// Long paragraphs, to stay under ingest's passage limit.
		fmt.Fprintf(&body, "%s\n\n", strings.Repeat(fmt.Sprintf("Supervision is good in team %d. ", i), 20))
	}
	var reads atomic.Int32
	files := make([]SourceFile, 100)
	for i := range files {
		files[i] = SourceFile{Name: fmt.Sprintf("f%03d.txt", i), Read: func() ([]byte, error) {
			reads.Add(1)
			return []byte(body.String()), nil
		}}
	}
	ctx, cancel := context.WithCancel(t.Context())
	parsed, ahead, wait := parseAll(ctx, slog.New(slog.DiscardHandler), files)
	// Nobody takes the parsed files: the reads must stop.
	last := int32(-1)
	for reads.Load() != last {
		last = reads.Load()
		time.Sleep(300 * time.Millisecond)
	}
	workers := int32(runtime.GOMAXPROCS(0))
	if want := int32(readAheadBytes/size) + 2*workers + 1; last > want {
		t.Errorf("%d files read ahead, want at most %d", last, want)
	}
	// Taking the files read so far lets more be read.
	for range last {
		p := <-<-parsed
		if p.err != nil {
			t.Fatal(p.err)
		}
		ahead.release(len(p.data))
	}
	deadline := time.Now().Add(10 * time.Second)
	for reads.Load() == last && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if reads.Load() == last {
		t.Error("no file was read after the others were taken")
	}
	cancel()
	wait()
}
