package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The fault-injection suite: each test damages an index directory the way
// a crash, a full disk or a bad sector would, then asserts what a user
// relies on: Check names the damage, nothing acknowledged is lost, and a
// rebuild either restores everything or refuses loudly. `go test ./...
// -run Fault` runs all of them, in a few seconds.

// faultIndex makes an index in a fresh directory holding the seed corpus
// and n small articles, closes it and returns the directory with the
// word of each small article.
func faultIndex(t *testing.T, n int) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, words := smallFiles(n)
	if _, err := ix.IngestFiles(t.Context(), append(seedSourceFiles(), files...), nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, words
}

// mustCheck runs Check and fails the test when it could not run.
func mustCheck(t *testing.T, dir string) *CheckReport {
	t.Helper()
	rep, err := Check(t.Context(), dir, Options{})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

// wantProblem asserts Check found a problem mentioning every part.
func wantProblem(t *testing.T, rep *CheckReport, parts ...string) {
	t.Helper()
	for _, p := range rep.Problems {
		if containsAll(p, parts) {
			return
		}
	}
	t.Errorf("Check found %q; want a problem naming %q", rep.Problems, parts)
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// assertHolds opens dir read-only and asserts every word is found once
// and that it holds articles articles.
func assertHolds(t *testing.T, dir string, words map[string]string, articles int) {
	t.Helper()
	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer ix.Close()
	for name, w := range words {
		if res := mustSearch(t, ix, w); res.Total != 1 {
			t.Errorf("%s (%s): %d hits, want 1", name, w, res.Total)
		}
	}
	list, err := ix.Articles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != articles {
		t.Errorf("%d articles, want %d", len(list), articles)
	}
}

// rebuild runs OpenRebuilt and closes the index.
func rebuild(t *testing.T, dir string, force bool) error {
	t.Helper()
	ix, err := OpenRebuilt(t.Context(), dir, Options{}, RebuildOptions{Force: force})
	if err != nil {
		return err
	}
	return ix.Close()
}

func liveGen(t *testing.T, dir string) string {
	t.Helper()
	cur, err := readCurrent(filepath.Join(dir, "index"))
	if err != nil || cur.gen == "" {
		t.Fatalf("CURRENT: %+v %v", cur, err)
	}
	return filepath.Join(dir, "index", cur.gen)
}

// largestSegment is the biggest .zap file of the live generation.
func largestSegment(t *testing.T, dir string) string {
	t.Helper()
	zaps, _ := filepath.Glob(filepath.Join(liveGen(t, dir), "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment")
	}
	slices.SortFunc(zaps, func(a, b string) int { return int(fileSize(t, b) - fileSize(t, a)) })
	return zaps[0]
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// scribble overwrites n bytes at offset with seeded garbage.
func scribble(t *testing.T, path string, offset int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := rand.New(rand.NewPCG(1, uint64(offset)))
	junk := make([]byte, n)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	if _, err := f.WriteAt(junk, offset); err != nil {
		t.Fatal(err)
	}
}

const faultSmall = 40
const faultArticles = faultSmall + 5

// TestFaultIndexFiles damages each kind of file Bleve keeps. Opening must
// give ErrDamaged naming `recruitsearch rebuild` (never a panic), Check
// must say what is wrong, and a rebuild from the kept sources must
// restore every article.
func TestFaultIndexFiles(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   []string
	}{
		{"garbage in root.bolt", func(t *testing.T, dir string) {
			// Past the two meta pages, which bbolt keeps in duplicate.
			bolt := filepath.Join(liveGen(t, dir), "store", "root.bolt")
			scribble(t, bolt, 8192, int(fileSize(t, bolt))-8192)
		}, []string{"reading it failed"}},
		{"garbage in a segment", func(t *testing.T, dir string) {
			seg := largestSegment(t, dir)
			scribble(t, seg, fileSize(t, seg)/2, 4096)
		}, []string{".zap", "checksum"}},
		{"truncated segment", func(t *testing.T, dir string) {
			seg := largestSegment(t, dir)
			if err := os.Truncate(seg, fileSize(t, seg)-5000); err != nil {
				t.Fatal(err)
			}
		}, []string{"index cannot be opened"}},
		{"missing segment", func(t *testing.T, dir string) {
			if err := os.Remove(largestSegment(t, dir)); err != nil {
				t.Fatal(err)
			}
		}, []string{"index cannot be opened"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, words := faultIndex(t, faultSmall)
			c.damage(t, dir)
			_, err := Open(dir, Options{ReadOnly: true})
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "recruitsearch rebuild") {
				t.Fatalf("Open: %v; want ErrDamaged naming recruitsearch rebuild", err)
			}
			wantProblem(t, mustCheck(t, dir), c.want...)
			if err := rebuild(t, dir, false); err != nil {
				t.Fatalf("rebuild from intact sources: %v", err)
			}
			assertHolds(t, dir, words, faultArticles)
			if rep := mustCheck(t, dir); !rep.OK() {
				t.Errorf("after the rebuild Check still finds %q", rep.Problems)
			}
		})
	}
}

// TestFaultBoltMetaPage damages the meta pages at the head of root.bolt.
// bbolt would fall back silently to the other page, an older transaction,
// or trust a page that points into garbage and panic; the index must be
// reported damaged instead, by Open (read-only and for writing) and by
// Check, and a rebuild must restore every article.
func TestFaultBoltMetaPage(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, bolt string, page int64)
		want   string
	}{
		{"garbage over meta page 0", func(t *testing.T, bolt string, page int64) { scribble(t, bolt, 0, int(page)) }, "meta page 0"},
		{"checksum of meta page 1", func(t *testing.T, bolt string, page int64) { scribble(t, bolt, page+16+56, 8) }, "meta page 1 is damaged (checksum mismatch)"},
		{"txid of meta page 0", func(t *testing.T, bolt string, page int64) { scribble(t, bolt, 16+48, 8) }, "meta page 0 is damaged (checksum mismatch)"},
		{"both meta pages", func(t *testing.T, bolt string, page int64) { scribble(t, bolt, 0, 2*int(page)) }, "meta page 0"},
		{"cut short", func(t *testing.T, bolt string, page int64) {
			if err := os.Truncate(bolt, 100); err != nil {
				t.Fatal(err)
			}
		}, "root.bolt is cut short before meta page 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, words := faultIndex(t, faultSmall)
			bolt := filepath.Join(liveGen(t, dir), "store", "root.bolt")
			if err := checkBoltMeta(bolt); err != nil {
				t.Fatalf("undamaged root.bolt: %v", err)
			}
			head, err := os.ReadFile(bolt)
			if err != nil {
				t.Fatal(err)
			}
			c.damage(t, bolt, int64(binary.NativeEndian.Uint32(head[16+8:]))) // the page size bbolt chose
			for _, readOnly := range []bool{true, false} {
				ix, err := Open(dir, Options{ReadOnly: readOnly})
				if err == nil {
					ix.Close()
				}
				if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "recruitsearch rebuild") {
					t.Fatalf("Open (read-only %v): %v; want ErrDamaged naming %q and recruitsearch rebuild", readOnly, err, c.want)
				}
			}
			wantProblem(t, mustCheck(t, dir), "root.bolt", c.want)
			if err := rebuild(t, dir, false); err != nil {
				t.Fatalf("rebuild from intact sources: %v", err)
			}
			assertHolds(t, dir, words, faultArticles)
			if rep := mustCheck(t, dir); !rep.OK() {
				t.Errorf("after the rebuild Check still finds %q", rep.Problems)
			}
		})
	}
}

// TestFaultDirectoriesSynced: every directory in which recruitsearch
// creates or renames a file (the index directory and its parent, index/,
// the kept sources and their packs, through ingest, a rebuild and a
// Replace) is fsynced, so a power loss cannot forget a file whose bytes
// were synced. Bleve's own directories (index/gen-*) are not ours to
// sync; the README says so.
func TestFaultDirectoriesSynced(t *testing.T) {
	synced := map[string]bool{}
	dirSynced = func(dir string) { synced[filepath.Clean(dir)] = true }
	t.Cleanup(func() { dirSynced = nil })

	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := smallFiles(3)
	if _, err := ix.IngestFiles(t.Context(), files, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Replace(t.Context(), files[:2], nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	if !synced[filepath.Dir(dir)] {
		t.Errorf("the parent of the index directory was never synced")
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), "gen-") {
			return filepath.SkipDir // Bleve's
		}
		entries, _ := os.ReadDir(path)
		if len(entries) > 0 && !synced[filepath.Clean(path)] {
			t.Errorf("%s holds %d entries but was never synced", path, len(entries))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFaultKeptSources damages the kept sources. The index still opens
// (it holds everything); Check must name the damage and a rebuild must
// refuse rather than drop articles, unless forced; forced, it keeps every
// article, reading back from the index what no source holds.
func TestFaultKeptSources(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   []string
	}{
		{"garbage in a pack", func(t *testing.T, dir string) {
			pack := filepath.Join(dir, "sources", "packs", "000000.pack")
			scribble(t, pack, fileSize(t, pack)/2, 512)
		}, []string{"kept source"}},
		{"missing pack", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "sources", "packs", "000000.pack")); err != nil {
				t.Fatal(err)
			}
		}, []string{"000000.pack"}},
		{"garbage line in the manifest", func(t *testing.T, dir string) {
			scribble(t, filepath.Join(dir, "sources", manifestName), 200, 40)
		}, []string{manifestName, "not a manifest entry"}},
		{"manifest cut to half", func(t *testing.T, dir string) {
			m := filepath.Join(dir, "sources", manifestName)
			data, _ := os.ReadFile(m)
			half := data[:len(data)/2]
			half = half[:strings.LastIndexByte(string(half), '\n')+1]
			if err := os.WriteFile(m, half, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"in no kept source"}},
		{"missing manifest", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "sources", manifestName)); err != nil {
				t.Fatal(err)
			}
		}, []string{"in no kept source"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, words := faultIndex(t, faultSmall)
			c.damage(t, dir)
			wantProblem(t, mustCheck(t, dir), c.want...)
			err := rebuild(t, dir, false)
			if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "left as it was") {
				t.Fatalf("rebuild over damaged sources: %v; want ErrIncomplete", err)
			}
			assertHolds(t, dir, words, faultArticles) // refused: nothing changed
			if err := rebuild(t, dir, true); err != nil {
				t.Fatalf("forced rebuild: %v", err)
			}
			if rep := mustCheck(t, dir); !rep.OK() {
				t.Errorf("after a forced rebuild Check still finds %q", rep.Problems)
			}
			assertHolds(t, dir, words, faultArticles)
		})
	}
}

// TestFaultTornManifestTail cuts the manifest mid-line, as a crash
// mid-append does, then writes more: every article acknowledged after the
// tear must survive a rebuild (it was glued to the torn line and lost).
// The torn line was acknowledged too, as the index holds its article:
// check names it, rebuild refuses, and a forced rebuild keeps it from the
// index's stored copy rather than dropping it.
func TestFaultTornManifestTail(t *testing.T) {
	dir, words := faultIndex(t, 3)
	m := filepath.Join(dir, "sources", manifestName)
	data, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	var last sourceEntry
	if err := json.Unmarshal(lines[len(lines)-1], &last); err != nil || len(last.Articles) != 1 {
		t.Fatalf("last manifest line: %+v %v", last, err)
	}
	torn := last.Articles[0]
	before := storedJSON(t, dir, torn)
	if err := os.Truncate(m, fileSize(t, m)-40); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, mustCheck(t, dir), "cut short")

	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := map[string]string{"after1": "quaggaone", "after2": "quaggatwo", "after3": "quaggathree"}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		data := fmt.Sprintf("Torn tail %s\n\nWorking in Kent: the %s team meets every week.\n", name, after[name])
		if rep, err := ix.Ingest(t.Context(), name+".txt", []byte(data)); err != nil || rep.Added != 1 {
			t.Fatalf("Ingest(%s): %+v %v", name, rep, err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, mustCheck(t, dir), "1 articles in the index are in no kept source")

	if err := rebuild(t, dir, false); !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), torn) {
		t.Fatalf("rebuild: %v; want ErrIncomplete naming the torn line's article", err)
	}
	var notices []string
	ix, err = OpenRebuilt(t.Context(), dir, Options{}, RebuildOptions{Force: true, Notice: func(msg string) { notices = append(notices, msg) }})
	if err != nil {
		t.Fatalf("forced rebuild: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if len(notices) != 1 || !strings.Contains(notices[0], torn) || !strings.Contains(notices[0], "stored copy") {
		t.Errorf("notices %q; want one naming %s, read back from the stored copy", notices, torn)
	}
	maps.Copy(words, after)
	assertHolds(t, dir, words, len(seedSourceFiles())+3+3)
	if got := storedJSON(t, dir, torn); got != before {
		t.Errorf("the recovered article differs from what was acknowledged:\n got %s\nwant %s", got, before)
	}
	if rep := mustCheck(t, dir); len(rep.Problems) > 0 {
		t.Errorf("check after the recovery: %q", rep.Problems)
	}
	// Kept from now on: a plain rebuild needs nothing forced.
	if err := rebuild(t, dir, false); err != nil {
		t.Fatalf("rebuild after the recovery: %v", err)
	}
	assertHolds(t, dir, words, len(seedSourceFiles())+3+3)
}

// storedJSON is an article as the index in dir holds it, as JSON.
func storedJSON(t *testing.T, dir, id string) string {
	t.Helper()
	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a, err := ix.Article(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// fullDisk fails every write once limit bytes have been written, as a
// full disk does, after writing what fits.
type fullDisk struct {
	f     appendFile
	limit *int
}

func (d fullDisk) Write(p []byte) (int, error) {
	if len(p) <= *d.limit {
		*d.limit -= len(p)
		return d.f.Write(p)
	}
	n, _ := d.f.Write(p[:*d.limit])
	*d.limit = 0
	return n, syscall.ENOSPC
}
func (d fullDisk) Sync() error  { return d.f.Sync() }
func (d fullDisk) Close() error { return d.f.Close() }

// TestFaultDiskFull fills the disk at each point of a write (in the pack,
// in the manifest line): the write fails with ENOSPC, nothing of it is
// acknowledged or kept, and once space is back the index takes writes
// and checks clean.
func TestFaultDiskFull(t *testing.T) {
	// Words from a seeded generator: the text does not compress away,
	// so the disk fills inside the pack at the first limits and inside
	// the manifest line at the last.
	r := rand.New(rand.NewPCG(2, 2))
	var words []string
	for range 300 {
		words = append(words, fmt.Sprintf("w%x", r.Uint32()))
	}
	big := "Disk full\n\nThe quaggafull team: " + strings.Join(words, " ") + "\n"
	frame := len(zstdEncoder.EncodeAll([]byte(big), nil))
	for _, limit := range []int{0, frame / 2, frame + 40} {
		t.Run(fmt.Sprintf("after %d bytes", limit), func(t *testing.T) {
			dir, words := faultIndex(t, 5)
			ix, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			ds := ix.sources.(*dirSources)
			left := limit
			ds.openFile = func(name string, flag int, perm os.FileMode) (appendFile, error) {
				f, err := openOSFile(name, flag, perm)
				if err != nil {
					return nil, err
				}
				return fullDisk{f, &left}, nil
			}
			_, err = ix.Ingest(t.Context(), "full.txt", []byte(big))
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("Ingest on a full disk: %v; want ENOSPC", err)
			}
			if res := mustSearch(t, ix, "quaggafull"); res.Total != 0 {
				t.Errorf("a write that failed is searchable")
			}
			left = 1 << 30 // space is back
			if _, err := ix.Ingest(t.Context(), "after.txt", []byte("After\n\nThe quaggaafter team meets.\n")); err != nil {
				t.Fatalf("Ingest once space is back: %v", err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if rep := mustCheck(t, dir); !rep.OK() {
				t.Fatalf("Check after a full disk: %q", rep.Problems)
			}
			if err := rebuild(t, dir, false); err != nil {
				t.Fatal(err)
			}
			words["after.txt"] = "quaggaafter"
			assertHolds(t, dir, words, 5+5+1)
			ix, err = Open(dir, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if res := mustSearch(t, ix, "quaggafull"); res.Total != 0 {
				t.Errorf("the failed write came back after a rebuild")
			}
		})
	}
}

// TestFaultIndexBehindManifest: an index more than one write behind its
// kept sources (an old copy of index/ restored, a snapshot lost) has lost
// acknowledged writes. Open, read-only or for writing, reports it as
// damage rather than serving it or dropping the lines as a crash's
// leftovers; Check names it and the articles missing; a rebuild restores
// them.
func TestFaultIndexBehindManifest(t *testing.T) {
	dir, words := faultIndex(t, 3)
	behind := filepath.Join(t.TempDir(), "behind")
	if err := os.CopyFS(behind, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	later := map[string]string{"later1.txt": "quaggalaterone", "later2.txt": "quaggalatertwo"}
	for _, name := range []string{"later1.txt", "later2.txt"} { // two writes, both acknowledged
		if _, err := ix.Ingest(t.Context(), name, []byte("Later\n\nThe "+later[name]+" team meets.\n")); err != nil {
			t.Fatal(err)
		}
		words[name] = later[name]
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The index from before both writes, the kept sources from after.
	if err := os.RemoveAll(filepath.Join(behind, "sources")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(behind, "sources"), os.DirFS(filepath.Join(dir, "sources"))); err != nil {
		t.Fatal(err)
	}

	for _, readOnly := range []bool{true, false} {
		ix, err := Open(behind, Options{ReadOnly: readOnly})
		if err == nil {
			ix.Close()
		}
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "lost writes") || !strings.Contains(err.Error(), "recruitsearch rebuild") {
			t.Fatalf("Open (read-only %v) of an index two writes behind: %v; want ErrDamaged naming lost writes", readOnly, err)
		}
	}
	rep := mustCheck(t, behind)
	wantProblem(t, rep, "lost writes")
	wantProblem(t, rep, "2 articles of the kept sources are not in the index")

	if err := rebuild(t, behind, false); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	assertHolds(t, behind, words, 3+5+2)
	if rep := mustCheck(t, behind); !rep.OK() {
		t.Errorf("after the rebuild Check still finds %q", rep.Problems)
	}
}

// TestFaultUnacknowledgedWrite leaves the state a crash between the
// manifest append and the Bleve batch leaves: the manifest lists a write
// the index never received. On reopening, the write is dropped: a
// rebuild does not bring it back and ingesting the file again calls it
// added, not replaced.
func TestFaultUnacknowledgedWrite(t *testing.T) {
	dir, words := faultIndex(t, 3)
	crashed := filepath.Join(t.TempDir(), "crashed")
	if err := os.CopyFS(crashed, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	unacked := []byte("Never acknowledged\n\nThe quagganever team meets every week.\n")
	if _, err := ix.Ingest(t.Context(), "never.txt", unacked); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The crashed copy: its index from before the write, its kept
	// sources from after.
	for _, p := range []string{"sources"} {
		if err := os.RemoveAll(filepath.Join(crashed, p)); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(crashed, p), os.DirFS(filepath.Join(dir, p))); err != nil {
			t.Fatal(err)
		}
	}
	wantProblem(t, mustCheck(t, crashed), "never received")

	if err := rebuild(t, crashed, false); err != nil {
		t.Fatal(err)
	}
	assertHolds(t, crashed, words, 3+5)
	ix, err = Open(crashed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res := mustSearch(t, ix, "quagganever"); res.Total != 0 {
		t.Fatal("a write never acknowledged came back after a rebuild")
	}
	rep, err := ix.Ingest(t.Context(), "never.txt", unacked)
	if err != nil || rep.Added != 1 || rep.Replaced != 0 {
		t.Fatalf("re-ingesting the unacknowledged file: %+v %v; want 1 added, 0 replaced", rep, err)
	}
}

// TestFaultNotAnIndex gives a directory of someone's files as an index:
// nothing is written there and nothing removed.
func TestFaultNotAnIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("thesis"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNotIndex) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Open: %v; want ErrNotIndex naming %s", err, dir)
	}
	if _, err := OpenRebuilt(t.Context(), dir, Options{}, RebuildOptions{Force: true}); !errors.Is(err, ErrNotIndex) {
		t.Fatalf("OpenRebuilt: %v; want ErrNotIndex", err)
	}
	if _, err := Check(t.Context(), dir, Options{}); !errors.Is(err, ErrNotIndex) {
		t.Fatalf("Check: %v; want ErrNotIndex", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"photos", "thesis.docx"}) {
		t.Errorf("the directory now holds %v", names)
	}
}
