package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// seedSourceFiles is the embedded corpus as IngestFiles input.
func seedSourceFiles() []SourceFile {
	var files []SourceFile
	for _, f := range corpus.Files() {
		files = append(files, SourceFile{Name: f.Name, Data: f.Data})
	}
	return files
}

// smallFiles makes n short articles, each with a word no other has
// (returned by file name).
func smallFiles(n int) ([]SourceFile, map[string]string) {
	files := make([]SourceFile, n)
	words := make(map[string]string, n)
	for i := range n {
		word := fmt.Sprintf("zq%05dx", i)
		name := fmt.Sprintf("small/a%05d.txt", i)
		text := fmt.Sprintf("Employer Zone\n\nWorking in children's services: feature %d\n\n"+
			"A sponsored feature from Kent County Council\n\n"+
			"Our social workers talk about supervision in team %s.\n", i, word)
		files[i] = SourceFile{Name: name, Data: []byte(text)}
		words[name] = word
	}
	return files, words
}

// collectAcks returns an ack func recording every result, and the results.
func collectAcks() (func(FileResult), *[]FileResult) {
	var got []FileResult
	return func(r FileResult) { got = append(got, r) }, &got
}

func TestIngestFilesMixedGoodAndBad(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()

	jsonLine, err := synth.New(1).Article(0).Render(ingest.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	seeds := seedSourceFiles()
	files := []SourceFile{
		seeds[0],
		{Name: "empty.txt", Data: nil},
		seeds[1],
		{Name: "binary.txt", Data: []byte{0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3, 0, 0}},
		{Name: "gone.txt", Read: func() ([]byte, error) {
			return nil, &fs.PathError{Op: "open", Path: "gone.txt", Err: fs.ErrNotExist}
		}},
		{Name: "mixed.jsonl", Data: append(append([]byte(nil), jsonLine...), "{not json\n"...)},
		{Name: seeds[2].Name, Read: func() ([]byte, error) { return seeds[2].Data, nil }},
	}
	ack, got := collectAcks()
	total, err := ix.IngestFiles(ctx, files, ack)
	if err != nil {
		t.Fatalf("IngestFiles: %v (one file's failure must not stop the others)", err)
	}
	if len(*got) != len(files) {
		t.Fatalf("%d acknowledgements for %d files", len(*got), len(files))
	}
	var sum AddReport
	for i, r := range *got {
		if r.Name != files[i].Name {
			t.Errorf("acknowledgement %d is for %s, want %s (file order)", i, r.Name, files[i].Name)
		}
		addReport(&sum, r.Report)
		switch r.Name {
		case "empty.txt", "binary.txt", "gone.txt":
			if r.Err == nil || !strings.Contains(r.Err.Error(), r.Name) || r.Report != (AddReport{}) {
				t.Errorf("%s: %+v, want an error naming the file and nothing added", r.Name, r)
			}
		case "mixed.jsonl":
			if r.Err == nil || !strings.Contains(r.Err.Error(), "mixed.jsonl:2") || r.Report.Added != 1 {
				t.Errorf("mixed.jsonl: %+v, want its good line added and its bad line 2 named", r)
			}
		default:
			if r.Err != nil || r.Report.Added != 1 || r.Report.Passages == 0 {
				t.Errorf("%s: %+v, want one article added", r.Name, r)
			}
		}
	}
	if total != sum {
		t.Errorf("total %+v, but the acknowledgements add up to %+v", total, sum)
	}
	list, err := ix.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Errorf("%d articles in the index, want 4 (three seeds and the good JSON line)", len(list))
	}
	if got := ix.DocCount(); got != uint64(total.Passages) {
		t.Errorf("%d passages in the index, the report says %d", got, total.Passages)
	}
}

func TestIngestFilesReingest(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	seeds := seedSourceFiles()

	first, err := ix.IngestFiles(ctx, seeds, nil)
	if err != nil || first.Added != len(seeds) {
		t.Fatalf("first ingest: %+v, %v; want %d added", first, err, len(seeds))
	}
	count := ix.DocCount()
	ids := articleIDs(t, ix)

	again, err := ix.IngestFiles(ctx, seeds, nil)
	if err != nil || again != (AddReport{Unchanged: len(seeds)}) {
		t.Fatalf("unchanged re-ingest: %+v, %v; want only Unchanged %d", again, err, len(seeds))
	}
	if ix.DocCount() != count {
		t.Fatalf("an unchanged re-ingest changed the passage count %d → %d", count, ix.DocCount())
	}

	changed := append([]SourceFile(nil), seeds...)
	changed[3].Data = append([]byte(string(seeds[3].Data)), "\n\nZanzibar teams share flexible rotas across the county.\n"...)
	ack, got := collectAcks()
	rep, err := ix.IngestFiles(ctx, changed, ack)
	if err != nil || rep.Replaced != 1 || rep.Added != 0 || rep.Unchanged != len(seeds)-1 {
		t.Fatalf("one changed file: %+v, %v; want Replaced 1, the rest unchanged", rep, err)
	}
	if r := (*got)[3]; r.Report.Replaced != 1 {
		t.Errorf("the changed file's acknowledgement: %+v, want Replaced 1", r)
	}
	if n := mustSearch(t, ix, "zanzibar").Total; n != 1 {
		t.Fatalf("the new passage is found %d times, want 1", n)
	}
	if ix.DocCount() != count+1 {
		t.Errorf("%d passages after adding one, want %d", ix.DocCount(), count+1)
	}

	// The same file twice in one call: the later version wins, under the
	// article's own id, with nothing of the earlier one left.
	twice := append(append([]SourceFile(nil), changed[3]), seeds[3])
	if _, err := ix.IngestFiles(ctx, twice, nil); err != nil {
		t.Fatal(err)
	}
	if n := mustSearch(t, ix, "zanzibar").Total; n != 0 {
		t.Errorf("stale passage: zanzibar found %d times", n)
	}
	if ix.DocCount() != count {
		t.Errorf("%d passages, want %d", ix.DocCount(), count)
	}
	if after := articleIDs(t, ix); strings.Join(after, " ") != strings.Join(ids, " ") {
		t.Errorf("article ids changed across re-ingests:\n%v\nwant\n%v", after, ids)
	}
}

func articleIDs(tb testing.TB, ix *Index) []string {
	tb.Helper()
	list, err := ix.Articles(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, a := range list {
		ids = append(ids, a.ID)
	}
	return ids
}

// TestIngestFilesAcksOnlyDurableFiles checks, at each acknowledgement,
// that the file is already in the manifest on disk and searchable, then
// stops the ingest part way (as a crash would) and checks a reopened index
// holds every acknowledged file exactly once.
func TestIngestFilesAcksOnlyDurableFiles(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 2*batchFiles + 40
	files, words := smallFiles(n)
	stopAfter := batchFiles + 10
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var acked []string
	ack := func(r FileResult) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Name, r.Err)
			return
		}
		if len(acked) < len(files) && r.Name != files[len(acked)].Name {
			t.Errorf("acknowledgement %d is for %s, want %s", len(acked), r.Name, files[len(acked)].Name)
		}
		acked = append(acked, r.Name)
		// Spot checks: reading the manifest each time would be slow.
		if len(acked)%37 == 1 {
			if !manifestNames(t, dir)[r.Name] {
				t.Errorf("%s acknowledged before the manifest on disk names it", r.Name)
			}
			if got := mustSearch(t, ix, words[r.Name]).Total; got != 1 {
				t.Errorf("%s acknowledged, but its word is found %d times", r.Name, got)
			}
		}
		if len(acked) == stopAfter {
			cancel()
		}
	}
	_, err = ix.IngestFiles(ctx, files, ack)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("IngestFiles after cancel: %v, want context.Canceled", err)
	}
	if len(acked) < stopAfter || len(acked) >= n {
		t.Fatalf("%d files acknowledged; want the ingest to stop soon after %d of %d", len(acked), stopAfter, n)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, name := range acked {
		if got := mustSearch(t, ix, words[name]).Total; got != 1 {
			t.Errorf("after reopening, %s's word is found %d times, want 1", name, got)
		}
	}
	ids := articleIDs(t, ix)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("article %s twice", id)
		}
		seen[id] = true
	}
	if len(ids) < len(acked) {
		t.Errorf("%d articles after reopening, %d acknowledged", len(ids), len(acked))
	}
}

// manifestNames reads the names in the kept sources' manifest on disk.
func manifestNames(tb testing.TB, dir string) map[string]bool {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, "sources", manifestName))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	names := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var e sourceEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			names[e.Name] = true
		}
	}
	return names
}

func TestIngestFilesReadOnly(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	called := false
	_, err = ro.IngestFiles(context.Background(), seedSourceFiles(), func(FileResult) { called = true })
	if !errors.Is(err, ErrReadOnly) || called {
		t.Errorf("IngestFiles on a read-only index: %v (acknowledged: %v), want ErrReadOnly and no acknowledgement", err, called)
	}
}

// BenchmarkIngestFiles ingests 500 synthetic text files into a fresh disk
// index, as `recruitsearch ingest DIR` does, and reports files/s and
// passages/s.
func BenchmarkIngestFiles(b *testing.B) {
	g := synth.New(1)
	files := make([]SourceFile, 500)
	for k := range files {
		a := g.Article(k)
		data, err := a.Render(ingest.FormatText)
		if err != nil {
			b.Fatal(err)
		}
		files[k] = SourceFile{Name: a.Name(ingest.FormatText), Data: data}
	}
	var passages int
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		ix, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := ix.IngestFiles(context.Background(), files, nil)
		if err != nil {
			b.Fatal(err)
		}
		passages += rep.Passages
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(files)*b.N)/s, "files/s")
	b.ReportMetric(float64(passages)/s, "passages/s")
}
