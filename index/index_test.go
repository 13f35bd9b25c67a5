package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// article builds a small article whose passages hold the given texts.
func article(id, council string, texts ...string) *ingest.Article {
	a := &ingest.Article{ID: id, Title: "Working at " + council, Council: council, Published: "2020-01-01"}
	for i, t := range texts {
		a.Passages = append(a.Passages, ingest.Passage{
			ID: fmt.Sprintf("%s#%d", id, i+1), ArticleID: id, Ordinal: i + 1,
			Kind: ingest.KindSection, Text: t, ArticleTitle: a.Title, Council: council,
		})
	}
	return a
}

func mustSearch(tb testing.TB, ix *Index, q string) *Result {
	tb.Helper()
	res, err := ix.Search(context.Background(), Request{Query: q, Size: MaxSize})
	if err != nil {
		tb.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// ingestSeeds ingests the embedded corpus into ix.
func ingestSeeds(tb testing.TB, ix *Index) {
	tb.Helper()
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
			tb.Fatalf("Ingest(%s): %v", f.Name, err)
		}
	}
}

func TestSecondWriterGetsErrLocked(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	done := make(chan error, 1)
	go func() {
		second, err := Open(dir, Options{})
		if err == nil {
			second.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second Open: %v, want ErrLocked", err)
		}
		if pid := strconv.Itoa(os.Getpid()); !strings.Contains(err.Error(), pid) {
			t.Errorf("error %q does not name the holder, process %s", err, pid)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second Open hangs")
	}

	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only Open beside a writer: %v, want ErrLocked", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

// TestLockHeldByChild has a child process hold the index and checks the
// parent is refused with the child's PID.
func TestLockHeldByChild(t *testing.T) {
	if dir := os.Getenv("RECRUITSEARCH_TEST_HOLD"); dir != "" {
		ix, err := Open(dir, Options{})
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		time.Sleep(30 * time.Second) // the parent kills us long before
		ix.Close()
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHeldByChild$")
	cmd.Env = append(os.Environ(), "RECRUITSEARCH_TEST_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "holding") {
		t.Fatalf("child: %q", buf[:n])
	}
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("Open: %v, want ErrLocked naming process %d", err, cmd.Process.Pid)
	}
	// Killed, the child's lock goes with it.
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after the holder died: %v", err)
	}
	ix.Close()
}

func TestReingest(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	f := corpus.Files()[0]
	first, err := ix.Ingest(ctx, f.Name, f.Data)
	if err != nil || first.Added != 1 || first.Passages == 0 {
		t.Fatalf("first ingest: %+v, %v", first, err)
	}
	count := ix.DocCount()

	same, err := ix.Ingest(ctx, f.Name, f.Data)
	if err != nil || same != (AddReport{Unchanged: 1}) {
		t.Fatalf("unchanged ingest: %+v, %v; want only Unchanged 1", same, err)
	}
	if ix.DocCount() != count {
		t.Fatalf("unchanged ingest changed the passage count %d → %d", count, ix.DocCount())
	}

	changed := append([]byte(string(f.Data)), "\n\nZanzibar teams share flexible rotas across the county.\n"...)
	rep, err := ix.Ingest(ctx, f.Name, changed)
	if err != nil || rep.Replaced != 1 || rep.Added != 0 {
		t.Fatalf("changed ingest: %+v, %v; want Replaced 1", rep, err)
	}
	if got := mustSearch(t, ix, "zanzibar").Total; got != 1 {
		t.Fatalf("new passage found %d times, want 1", got)
	}

	// Back to the original: the Zanzibar passage must go, nothing stale.
	if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
		t.Fatal(err)
	}
	if got := mustSearch(t, ix, "zanzibar").Total; got != 0 {
		t.Fatalf("stale passage: zanzibar found %d times", got)
	}
	if got := ix.DocCount(); got != count {
		t.Fatalf("passages %d, want %d", got, count)
	}
}

func TestIDCollisionsGetSuffixes(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	f := corpus.Files()[2]
	if _, err := ix.Ingest(ctx, "a/"+f.Name, f.Data); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(ctx, "b/"+f.Name, f.Data); err != nil {
		t.Fatal(err)
	}
	arts, err := ix.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].ID+"-2" != arts[1].ID && arts[1].ID+"-2" != arts[0].ID {
		t.Fatalf("articles %+v, want one id and the same with -2", arts)
	}
	// Re-ingesting the second source keeps its own suffixed id.
	changed := append([]byte(string(f.Data)), "\n\nA new closing line about Zanzibar.\n"...)
	if _, err := ix.Ingest(ctx, "b/"+f.Name, changed); err != nil {
		t.Fatal(err)
	}
	res := mustSearch(t, ix, "zanzibar")
	if res.Total != 1 || !strings.HasSuffix(res.Hits[0].ArticleID, "-2") {
		t.Fatalf("changed second source: %+v", res.Hits)
	}
}

func TestDeleteLeavesNothing(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	ingestSeeds(t, ix)
	before := ix.DocCount()
	const medway = "how-this-council-supports-social-workers-to-take-pride-in"
	a, err := ix.Article(ctx, medway)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, medway); err != nil {
		t.Fatal(err)
	}
	if got := ix.DocCount(); got != before-uint64(len(a.Passages)) {
		t.Fatalf("passages %d after deleting %d of %d", got, len(a.Passages), before)
	}
	if res := mustSearch(t, ix, "council:Medway"); res.Total != 0 {
		t.Fatalf("%d Medway passages left", res.Total)
	}
	if _, err := ix.Article(ctx, medway); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Article after Delete: %v", err)
	}
	if _, err := ix.Passage(ctx, medway+"#1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Passage after Delete: %v", err)
	}
	if err := ix.Delete(ctx, medway); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete: %v", err)
	}
	// A rebuild from the kept sources does not bring it back.
	if err := ix.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, ix, "council:Medway"); res.Total != 0 {
		t.Fatalf("rebuild restored %d deleted passages", res.Total)
	}
	if got := ix.DocCount(); got != before-uint64(len(a.Passages)) {
		t.Fatalf("passages %d after rebuild", got)
	}
}

func TestRebuildFromKeptSourcesAndDamage(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ingestSeeds(t, ix)
	if _, err := ix.Add(ctx, []*ingest.Article{article("added", "Kent County Council", "Quokka supervision in Kent.")}); err != nil {
		t.Fatal(err)
	}
	want := ix.DocCount()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened, it holds the same.
	ix, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.DocCount(); got != want {
		t.Fatalf("reopened: %d passages, want %d", got, want)
	}
	if _, err := ix.Ingest(ctx, "x.txt", []byte("x")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Ingest into a read-only index: %v", err)
	}
	ix.Close()

	// Damage: the index files are overwritten with junk.
	gens, _ := filepath.Glob(filepath.Join(dir, "index", "gen-*"))
	if len(gens) != 1 {
		t.Fatalf("generations %v", gens)
	}
	if err := os.WriteFile(filepath.Join(gens[0], "index_meta.json"), []byte("{junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "recruitsearch rebuild") {
		t.Fatalf("Open of a damaged index: %v, want ErrDamaged naming recruitsearch rebuild", err)
	}

	ix, err = OpenRebuilt(ctx, dir, Options{}, RebuildOptions{})
	if err != nil {
		t.Fatalf("OpenRebuilt: %v", err)
	}
	defer ix.Close()
	if got := ix.DocCount(); got != want {
		t.Fatalf("rebuilt: %d passages, want %d", got, want)
	}
	if res := mustSearch(t, ix, "quokka"); res.Total != 1 {
		t.Fatalf("added article after rebuild: %d hits", res.Total)
	}
	if res := mustSearch(t, ix, "Signs of Safety"); res.Total == 0 {
		t.Fatal("seed articles missing after rebuild")
	}
	gens, _ = filepath.Glob(filepath.Join(dir, "index", "gen-*"))
	if len(gens) != 1 {
		t.Fatalf("generations after rebuild: %v", gens)
	}
}

// TestRebuildWhileSearching searches in a loop across several swaps: no
// search may fail or see a partial index.
func TestRebuildWhileSearching(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ingestSeeds(t, ix)
	ctx := context.Background()
	want := mustSearch(t, ix, "social").Total
	all := ix.DocCount()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	var searches [4]int
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := ix.Search(ctx, Request{Query: "social", Filters: map[string][]string{"council": nil}})
				if err == nil && res.Total != want {
					err = fmt.Errorf("total %d, want %d", res.Total, want)
				}
				if err == nil && g%2 == 1 {
					if _, err = ix.Article(ctx, "how-this-council-supports-social-workers-to-take-pride-in"); err == nil {
						if n := ix.DocCount(); n != all {
							err = fmt.Errorf("DocCount %d, want %d", n, all)
						}
					}
				}
				if err != nil {
					errs <- err
					return
				}
				searches[g]++
			}
		}(g)
	}
	for i := 0; i < 3; i++ {
		if err := ix.Rebuild(ctx); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for g, n := range searches {
		if n == 0 {
			t.Errorf("searcher %d ran no search during the rebuilds", g)
		}
	}
}

func TestHighlightsEscapeHTML(t *testing.T) {
	ix, err := OpenMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = ix.Add(context.Background(), []*ingest.Article{
		article("xss", "Kent County Council", `Our <script>alert("x")</script> supervision & <b>support</b>.`),
	})
	if err != nil {
		t.Fatal(err)
	}
	res := mustSearch(t, ix, "supervision")
	if res.Total != 1 || len(res.Hits[0].Highlights) == 0 {
		t.Fatalf("hits %+v", res.Hits)
	}
	hl := strings.Join(res.Hits[0].Highlights, " ")
	if strings.Contains(hl, "<script") || strings.Contains(hl, "<b>") {
		t.Fatalf("highlight carries markup from the text: %s", hl)
	}
	if !strings.Contains(hl, "&lt;script&gt;") || !strings.Contains(hl, "<mark>supervision</mark>") {
		t.Fatalf("highlight %s: want escaped text with the match marked", hl)
	}
	// The stored text itself is returned as it was, for the caller to escape.
	if !strings.Contains(res.Hits[0].Text, "<script>") {
		t.Fatalf("text changed: %s", res.Hits[0].Text)
	}
}

func TestArticlePassageFacetsSuggestStats(t *testing.T) {
	ix := seedCorpus(t)
	ctx := context.Background()
	arts, err := ix.Articles(ctx)
	if err != nil || len(arts) != 5 {
		t.Fatalf("Articles: %d, %v", len(arts), err)
	}
	for i := 1; i < len(arts); i++ {
		if arts[i-1].Council > arts[i].Council {
			t.Errorf("articles not sorted by council: %s before %s", arts[i-1].Council, arts[i].Council)
		}
	}
	const kent = "in-a-good-place-what-is-it-like-to-be-a-social-worker-in"
	a, err := ix.Article(ctx, kent)
	if err != nil {
		t.Fatal(err)
	}
	if a.Council != "Kent County Council" || len(a.Passages) == 0 {
		t.Fatalf("article %+v", a)
	}
	for i, p := range a.Passages {
		if p.Ordinal != i+1 || p.ID != fmt.Sprintf("%s#%d", kent, i+1) {
			t.Fatalf("passage %d is %s (ordinal %d)", i, p.ID, p.Ordinal)
		}
	}
	pc, err := ix.Passage(ctx, kent+"#6")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pc.Text, "Signs of Safety") || pc.Previous == nil || pc.Previous.Ordinal != 5 || pc.Next == nil || pc.Next.Ordinal != 7 {
		t.Fatalf("passage context %+v", pc)
	}
	if first, err := ix.Passage(ctx, kent+"#1"); err != nil || first.Previous != nil {
		t.Fatalf("first passage: %+v, %v", first, err)
	}
	for _, id := range []string{"nope", kent + "#0", kent + "#999", kent + "#x", "#1"} {
		if _, err := ix.Passage(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Passage(%q): %v, want ErrNotFound", id, err)
		}
	}

	facets, err := ix.Facets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, fv := range facets["kind"] {
		total += fv.Count
	}
	if uint64(total) != ix.DocCount() || len(facets["council"]) != 4 {
		t.Fatalf("facets %v: kinds sum to %d of %d passages", facets, total, ix.DocCount())
	}

	sugg, err := ix.Suggest(ctx, "superv", 5)
	if err != nil || len(sugg) < 2 || sugg[0] != (Suggestion{Text: "Supervision", Kind: "topic", Count: 5, Apply: `topic:"Supervision"`}) ||
		sugg[1].Text != "supervision" || sugg[1].Kind != "term" {
		t.Fatalf("Suggest(superv): %+v, %v; want the topic, then the word", sugg, err)
	}
	sugg, err = ix.Suggest(ctx, "jea", 5)
	if err != nil || len(sugg) == 0 || sugg[0] != (Suggestion{Text: "Jean Ross", Kind: "speaker", Count: 12}) {
		t.Fatalf("Suggest(jea): %+v, %v", sugg, err)
	}
	sugg, err = ix.Suggest(ctx, "signs of saf", 5)
	if err != nil || len(sugg) == 0 || sugg[0].Text != "signs of safety" {
		t.Fatalf("Suggest(signs of saf): %+v, %v", sugg, err)
	}
	// A phrase whose first word has synonyms (practice, practise) is
	// completed: Bleve's phrase searcher found no passage for it.
	sugg, err = ix.Suggest(ctx, "practice ed", 5)
	if err != nil || !slices.Contains(sugg, Suggestion{Text: "practice educator", Kind: "term", Count: 1}) {
		t.Fatalf("Suggest(practice ed): %+v, %v; want practice educator", sugg, err)
	}
	if sugg, err := ix.Suggest(ctx, "", 5); err != nil || len(sugg) != 0 {
		t.Fatalf("Suggest(empty): %+v, %v", sugg, err)
	}

	st, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 5 || uint64(st.Passages) != ix.DocCount() || len(st.Topics) == 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestTopicSuggestionApplies: choosing a topic from the suggestions
// applies the topic (issue 13): its Apply clause finds every passage the
// topic tags, as many as the suggestion counts.
func TestTopicSuggestionApplies(t *testing.T) {
	ix := seedCorpus(t)
	ctx := context.Background()
	for _, typed := range []string{"wellb", "flexib", "Wellbeing"} {
		t.Run(typed, func(t *testing.T) {
			sugg, err := ix.Suggest(ctx, typed, 8)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(sugg, func(s Suggestion) bool { return s.Kind == "topic" })
			if i < 0 {
				t.Fatalf("Suggest(%q) = %+v: no topic", typed, sugg)
			}
			s := sugg[i]
			if !strings.HasPrefix(s.Apply, "topic:") {
				t.Fatalf("topic suggestion %+v applies %q, want a topic: clause", s, s.Apply)
			}
			res, err := ix.Search(ctx, Request{Query: s.Apply, Size: 100})
			if err != nil {
				t.Fatalf("Search(%q): %v", s.Apply, err)
			}
			if res.Total != uint64(s.Count) || len(res.Selected["topic"]) != 1 {
				t.Errorf("Search(%q): %d passages, selected %v; the suggestion counts %d", s.Apply, res.Total, res.Selected, s.Count)
			}
			for _, h := range res.Hits {
				if !slices.Contains(h.Topics, res.Selected["topic"][0]) {
					t.Errorf("hit %s has topics %v", h.ID, h.Topics)
				}
			}
		})
	}
}

// TestCouncilFilterNames: a council name neither the index nor the
// gazetteer knows is a QueryError naming the closest councils; a council
// the gazetteer knows with no passages is a valid filter whose Result
// says no passage has it.
func TestCouncilFilterNames(t *testing.T) {
	ix := seedCorpus(t)
	var req Request
	req.Query = "supervision"
	req.SetFilter("council", "Bristl")
	_, err := ix.Search(t.Context(), req)
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Param != "council" || !strings.Contains(qe.Message, "closest: Bristol City Council") {
		t.Errorf("council Bristl: err = %v, want a QueryError on council naming Bristol City Council", err)
	}

	req.SetFilter("council", "Bristol", "Kent")
	res, err := ix.Search(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.NoPassages["council"]; !slices.Equal(got, []string{"Bristol City Council"}) {
		t.Errorf("NoPassages = %v, want Bristol City Council alone", res.NoPassages)
	}
	if res.Total == 0 {
		t.Error("Kent's passages were lost")
	}
	if got, want := res.NoPassagesNote(), "Bristol City Council has no passages in this index."; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	if res := mustSearch(t, ix, "supervision council:Kent"); res.NoPassages != nil {
		t.Errorf("a council with passages is reported without: %v", res.NoPassages)
	}
}
