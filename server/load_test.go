package server

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

var loadDuration = flag.Duration("load.duration", 8*time.Second,
	"how long TestLoad's clients run (the figures in BENCHMARKS.md use 60s)")

const (
	loadClients   = 32  // concurrent readers
	loadSynthetic = 300 // synthetic articles indexed beside the seeds
	loadToken     = "load-test-token"
	// loadSeed makes every run send the same mix of requests.
	loadSeed = 20140113
)

// TestLoad serves a real on-disk index on a loopback port and runs 32
// readers (searches with filters, facets, suggestions, article views)
// while one editor posts articles and deletes them again. It fails on any
// transport error or non-2xx answer, on an article that is not searchable
// as soon as its POST returns or that is still found after its DELETE, and
// on goroutines or heap that do not come back near their starting level.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test does not run with -short")
	}
	ix := loadIndex(t)
	base := serveLoopback(t, New(Deps{Searcher: ix, Writer: ix, Token: loadToken}))
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			// Keep a connection per client: without this, net/http keeps
			// two idle connections per host and the rest are redialled on
			// every request, which measures the kernel rather than us.
			MaxIdleConns:        2 * loadClients,
			MaxIdleConnsPerHost: 2 * loadClients,
			IdleConnTimeout:     time.Minute,
		},
	}
	lc := &loadClient{client: client, base: base, fails: &failures{}}
	mix := newReadMix(t, lc, ix)

	// Warm up: every request of the mix once, so first-use set-up
	// (templates, caches, pools) is in the baseline rather than counted
	// as growth; and any request the mix gets wrong fails here, clearly.
	for _, op := range mix.everyRequest() {
		lc.do(op, nil)
	}
	if lc.fails.count() > 0 {
		t.Fatalf("warm-up: %s", lc.fails)
	}
	client.CloseIdleConnections()
	before := measure()
	startArticles := len(mustArticles(t, ix))

	ctx, cancel := context.WithTimeout(context.Background(), *loadDuration)
	defer cancel()
	start := time.Now()
	cpuStart, cpuKnown := processCPU()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		reads   = latencies{}
		writes  = latencies{}
		editRun editorRun
	)
	for i := range loadClients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(loadSeed, uint64(i)))
			mine := latencies{}
			for ctx.Err() == nil {
				lc.do(mix.next(rng), mine)
			}
			mu.Lock()
			reads.merge(mine)
			mu.Unlock()
		})
	}
	wg.Go(func() { editRun = runEditor(ctx, lc, writes) })
	wg.Wait()
	elapsed := time.Since(start)
	cpuEnd, _ := processCPU()

	all := reads.all()
	t.Logf("%d readers + 1 editor for %s: %d reads (%.0f/s), %s",
		loadClients, elapsed.Round(time.Millisecond), len(all), float64(len(all))/elapsed.Seconds(), summary(all))
	for _, op := range slices.Sorted(maps.Keys(reads)) {
		t.Logf("  read %-13s %s", op, summary(reads[op]))
	}
	if cpuKnown {
		// Clients and server share the process, so this is an upper bound
		// on the server's cost.
		cpu := cpuEnd - cpuStart
		t.Logf("CPU used by clients and server: %s over %s (%.2f cores of %d); %.2f ms per request",
			cpu.Round(time.Millisecond), elapsed.Round(time.Millisecond), cpu.Seconds()/elapsed.Seconds(),
			runtime.NumCPU(), float64(cpu.Milliseconds())/float64(len(all)+len(writes.all())))
	}
	t.Logf("editor: %d articles posted, found and deleted; %s", editRun.cycles, summary(writes.all()))
	for _, op := range []string{"post", "find-posted", "delete", "find-deleted"} {
		t.Logf("  write %-12s %s", op, summary(writes[op]))
	}

	if n := lc.fails.count(); n > 0 {
		t.Errorf("%s", lc.fails)
	}
	if editRun.cycles == 0 {
		t.Errorf("the editor completed no post-search-delete cycle in %s", elapsed)
	}
	if got := len(mustArticles(t, ix)); got != startArticles {
		t.Errorf("after the run the index has %d articles, want the %d it started with", got, startArticles)
	}
	checkNoLeak(t, client, before)
}

// checkNoLeak fails when goroutines or heap stay well above their level
// before the load. Goroutines: the server's per-connection goroutines end
// once the client closes its idle connections, and Bleve's persister,
// merger and introducer run in both measurements; the margin of 10 lets
// a few short-lived merge workers finish, where a leak of one goroutine
// per request or per connection would be hundreds. Heap: the live heap
// after a collection may still hold the index's query caches and the
// deleted articles' documents in segments Bleve has not merged yet (about
// 0.5 MB after a 60 s run), so it may grow by 8 MB: a leak of 400 bytes a
// request shows in the full run (some 20,000 requests on 2 shared cores),
// of 3 KB a request in the short form.
func checkNoLeak(t *testing.T, client *http.Client, before resources) {
	t.Helper()
	client.CloseIdleConnections()
	var after resources
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		after = measure()
		if len(leaks(before, after)) == 0 || time.Now().After(deadline) {
			break
		}
	}
	t.Logf("resources before the load: %s; after: %s", before, after)
	if problems := leaks(before, after); len(problems) > 0 {
		var dump bytes.Buffer
		_ = pprof.Lookup("goroutine").WriteTo(&dump, 1)
		t.Errorf("%s\n%s", strings.Join(problems, "\n"), clip(dump.String(), 6000))
	}
}

// Margins for checkNoLeak, explained there.
const (
	goroutineMargin = 10
	heapMargin      = 8 << 20
)

// leaks says how after has grown beyond before and its margins.
func leaks(before, after resources) []string {
	var out []string
	if after.goroutines > before.goroutines+goroutineMargin {
		out = append(out, fmt.Sprintf("goroutines did not come back: %d before the load, %d after (margin %d)",
			before.goroutines, after.goroutines, goroutineMargin))
	}
	if after.heap > before.heap+heapMargin {
		out = append(out, fmt.Sprintf("heap did not come back: %.1f MB before the load, %.1f MB after (margin %d MB)",
			float64(before.heap)/(1<<20), float64(after.heap)/(1<<20), heapMargin>>20))
	}
	return out
}

// TestLeakCheckSeesLeaks shows the load test's leak check fails when
// goroutines or heap are left behind.
func TestLeakCheckSeesLeaks(t *testing.T) {
	before := measure()
	if p := leaks(before, measure()); len(p) > 0 {
		t.Fatalf("nothing leaked, yet: %q", p)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 * goroutineMargin {
		wg.Go(func() { <-stop })
	}
	kept := make([]byte, 2*heapMargin)
	for i := range kept {
		kept[i] = byte(i)
	}
	p := leaks(before, measure())
	close(stop)
	wg.Wait()
	runtime.KeepAlive(kept)
	if len(p) != 2 || !strings.Contains(p[0], "goroutines") || !strings.Contains(p[1], "heap") {
		t.Errorf("%d goroutines and %d MB left behind, leak check said %q", 2*goroutineMargin, 2*heapMargin>>20, p)
	}
}

// loadIndex opens an index in a temporary directory holding the seed
// articles and loadSynthetic synthetic ones (one JSON lines file).
func loadIndex(tb testing.TB) *index.Index {
	tb.Helper()
	opts := index.Options{}
	if raceEnabled || *loadDuration < time.Minute {
		// The short form (CI, often under the race detector, on shared
		// machines) checks correctness, not speed: a search past the 2 s
		// production deadline would fail it for the machine's sake. The
		// full run holds the production deadline.
		opts.SearchTimeout = time.Minute
	}
	tb.Logf("per-search deadline: %s", cmp.Or(opts.SearchTimeout, index.DefaultSearchTimeout))
	ix, err := index.Open(tb.TempDir(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := ix.Close(); err != nil {
			tb.Errorf("closing the index: %v", err)
		}
	})
	ctx := context.Background()
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
			tb.Fatalf("ingesting %s: %v", f.Name, err)
		}
	}
	g := synth.New(loadSeed)
	var lines bytes.Buffer
	for n := range loadSynthetic {
		line, err := g.Article(n).Render(ingest.FormatJSONL)
		if err != nil {
			tb.Fatal(err)
		}
		lines.Write(line)
	}
	rep, err := ix.Ingest(ctx, "synthetic.jsonl", lines.Bytes())
	if err != nil {
		tb.Fatalf("ingesting %d synthetic articles: %v", loadSynthetic, err)
	}
	if rep.Added != loadSynthetic {
		tb.Fatalf("ingesting %d synthetic articles added %d", loadSynthetic, rep.Added)
	}
	if st, err := ix.Stats(ctx); err == nil {
		tb.Logf("index: %d articles, %d passages, %.1f MB on disk", st.Articles, st.Passages, float64(st.DiskBytes)/(1<<20))
	}
	return ix
}

// serveLoopback serves h with the production http.Server settings on a
// loopback port until the test ends, and returns its base URL.
func serveLoopback(tb testing.TB, h http.Handler) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := NewHTTPServer(ln.Addr().String(), h)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			tb.Errorf("shutting the server down: %v", err)
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			tb.Errorf("serving: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

func mustArticles(tb testing.TB, ix *index.Index) []index.ArticleSummary {
	tb.Helper()
	list, err := ix.Articles(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

// request is one HTTP request of the load and what its answer must be.
type request struct {
	op     string // the kind of request, for the latency report
	method string
	path   string // with the query string
	body   []byte
	want   int // status; 0 means 200
	// check looks at a successful answer's body; nil accepts any.
	check func(body []byte) error
}

// loadClient sends requests and records their latency and failures.
type loadClient struct {
	client *http.Client
	base   string
	fails  *failures
}

// do sends r and returns the body of a successful answer, nil after a
// failure (which it has recorded). Latencies go into lat when not nil.
func (c *loadClient) do(r request, lat latencies) []byte {
	req, err := http.NewRequest(r.method, c.base+r.path, bytes.NewReader(r.body))
	if err != nil {
		c.fails.add("%s %s: %v", r.method, r.path, err)
		return nil
	}
	if r.method != http.MethodGet {
		req.Header.Set("Authorization", "Bearer "+loadToken)
	}
	start := time.Now()
	resp, err := c.client.Do(req)
	if err != nil {
		c.fails.add("%s %s: %v", r.method, r.path, err)
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		c.fails.add("%s %s: reading the body: %v", r.method, r.path, err)
		return nil
	}
	want := r.want
	if want == 0 {
		want = http.StatusOK
	}
	if resp.StatusCode != want {
		c.fails.add("%s %s: status %d, want %d: %s", r.method, r.path, resp.StatusCode, want, clip(string(body), 200))
		return nil
	}
	if r.check != nil {
		if err := r.check(body); err != nil {
			c.fails.add("%s %s: %v", r.method, r.path, err)
			return nil
		}
	}
	if lat != nil {
		lat[r.op] = append(lat[r.op], took)
	}
	return body
}

// decodeInto returns a check that body decodes as T and passes ok.
func decodeInto[T any](ok func(v *T) error) func([]byte) error {
	return func(body []byte) error {
		var v T
		if err := json.Unmarshal(body, &v); err != nil {
			return fmt.Errorf("answer is not JSON of the expected shape: %v: %s", err, clip(string(body), 200))
		}
		if ok == nil {
			return nil
		}
		return ok(&v)
	}
}

func get(op, path string, check func([]byte) error) request {
	return request{op: op, method: http.MethodGet, path: path, check: check}
}

// loadSearchWords are searches a reader types: words, phrases, prefixes,
// exclusions, OR, field terms, acronyms and spelling variants.
var loadSearchWords = []string{
	"supervision", "caseloads", "case load", `"signs of safety"`, "ASYE", "NQSW",
	"newly qualified social worker", "career progression", "flexible working",
	"superv*", "progr*", "training -kent", "kent OR medway", "manager support",
	"family safeguarding", "Ofsted", "reflective practice", "pay", "team",
	"council:kent supervision", "kind:qa", "topic:supervision", "social work",
	"principal social worker", "child protection", "agency staff", "",
}

// loadPrefixes are what a reader has typed when suggestions are asked for.
var loadPrefixes = []string{"su", "sup", "car", "ke", "soc", "ofs", "fam", "nq", "pra", "ca", "tr", "ma"}

// readMix is the readers' requests, built from what the index holds.
type readMix struct {
	councils, topics, speakers []string
	articles                   []string // ids of articles no one deletes
}

// newReadMix reads the facet values and article ids the readers pick
// from.
func newReadMix(tb testing.TB, lc *loadClient, ix *index.Index) *readMix {
	tb.Helper()
	facets, err := ix.Facets(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	values := func(name string) []string {
		var out []string
		for _, v := range facets[name] {
			out = append(out, v.Value)
		}
		if len(out) == 0 {
			tb.Fatalf("facet %q has no values", name)
		}
		return out
	}
	m := &readMix{councils: values("council"), topics: values("topic"), speakers: values("speaker")}
	for _, a := range mustArticles(tb, ix) {
		m.articles = append(m.articles, a.ID)
	}
	return m
}

// everyRequest is one request of each shape the mix sends.
func (m *readMix) everyRequest() []request {
	var out []request
	for _, q := range loadSearchWords {
		out = append(out, m.search(url.Values{"q": {q}}))
	}
	out = append(out,
		m.search(url.Values{"q": {"supervision"}, "council": {m.councils[0]}, "kind": {"qa", "quote"}}),
		m.search(url.Values{"topic": {m.topics[0]}, "speaker": {m.speakers[0]}, "sort": {"newest"}}),
		m.search(url.Values{"q": {"social"}, "collapse": {"article"}, "size": {"50"}, "from": {"10"}, "sort": {"document"}}),
		m.facets(), m.suggest(loadPrefixes[0]),
		m.article(m.articles[0]), m.articlePage(m.articles[0]), m.passage(m.articles[0]+"#1"),
	)
	return out
}

// next picks a request: half are searches, the rest facets, suggestions
// and article views.
func (m *readMix) next(rng *rand.Rand) request {
	switch n := rng.IntN(100); {
	case n < 50:
		return m.search(m.randomSearch(rng))
	case n < 60:
		return m.facets()
	case n < 75:
		return m.suggest(loadPrefixes[rng.IntN(len(loadPrefixes))])
	case n < 85:
		return m.article(m.articles[rng.IntN(len(m.articles))])
	case n < 93:
		return m.articlePage(m.articles[rng.IntN(len(m.articles))])
	default:
		return m.passage(m.articles[rng.IntN(len(m.articles))] + "#1")
	}
}

// randomSearch is a query with, sometimes, filters, a sort, a page and a
// collapse.
func (m *readMix) randomSearch(rng *rand.Rand) url.Values {
	v := url.Values{}
	if q := loadSearchWords[rng.IntN(len(loadSearchWords))]; q != "" {
		v.Set("q", q)
	}
	pick := func(param string, from []string) {
		if rng.IntN(4) == 0 {
			v.Add(param, from[rng.IntN(len(from))])
		}
	}
	pick("council", m.councils)
	pick("topic", m.topics)
	pick("speaker", m.speakers)
	pick("kind", []string{"intro", "section", "qa", "quote", "list", "comment"})
	pick("sort", []string{"newest", "document", "relevance"})
	pick("size", []string{"5", "20", "50", "100"})
	pick("from", []string{"10", "20", "100"})
	pick("collapse", []string{"article"})
	return v
}

// search asks for v and checks the hits keep to the page size and to the
// councils and kinds selected.
func (m *readMix) search(v url.Values) request {
	size := index.DefaultSize
	if n, err := strconv.Atoi(v.Get("size")); err == nil {
		size = n
	}
	return get("search", "/api/search?"+v.Encode(), decodeInto(func(res *index.Result) error {
		if res.Hits == nil || res.Facets == nil {
			return errors.New("result without hits or facets")
		}
		if len(res.Hits) > size {
			return fmt.Errorf("%d hits for size %d", len(res.Hits), size)
		}
		// A council:… or kind:… clause of the query selects as a ticked
		// filter does, ORed with the filter's values: the hits keep to
		// what the result says it selected, which holds every filter
		// value asked for.
		for _, facet := range []string{"council", "kind"} {
			for _, want := range v[facet] {
				if !slices.Contains(res.Selected[facet], want) {
					return fmt.Errorf("the %s filter %q is not among the selected %q", facet, want, res.Selected[facet])
				}
			}
		}
		for _, h := range res.Hits {
			if cs := res.Selected["council"]; len(cs) > 0 && !slices.Contains(cs, h.Council) {
				return fmt.Errorf("hit %s is from %q, outside the councils selected %q", h.ID, h.Council, cs)
			}
			if ks := res.Selected["kind"]; len(ks) > 0 && !slices.Contains(ks, h.Kind) {
				return fmt.Errorf("hit %s is a %q, outside the kinds selected %q", h.ID, h.Kind, ks)
			}
		}
		return nil
	}))
}

func (m *readMix) facets() request {
	return get("facets", "/api/facets", decodeInto(func(f *map[string][]index.FacetValue) error {
		if len((*f)["council"]) == 0 {
			return errors.New("no council facet values")
		}
		return nil
	}))
}

func (m *readMix) suggest(prefix string) request {
	return get("suggest", "/api/suggest?q="+url.QueryEscape(prefix), decodeInto(func(s *suggestResponse) error {
		if s.Query != prefix {
			return fmt.Errorf("suggestions for %q, asked for %q", s.Query, prefix)
		}
		return nil
	}))
}

func (m *readMix) article(id string) request {
	return get("article", "/api/articles/"+url.PathEscape(id), decodeInto(func(a *ingest.Article) error {
		if a.ID != id || len(a.Passages) == 0 {
			return fmt.Errorf("article %q with %d passages, asked for %q", a.ID, len(a.Passages), id)
		}
		return nil
	}))
}

func (m *readMix) articlePage(id string) request {
	return get("article-page", "/articles/"+url.PathEscape(id), func(body []byte) error {
		if !bytes.Contains(body, []byte("</html>")) {
			return errors.New("the article page is not a whole HTML page")
		}
		return nil
	})
}

func (m *readMix) passage(id string) request {
	return get("passage", "/api/passages/"+url.PathEscape(id), decodeInto(func(p *index.PassageContext) error {
		if p.ID != id {
			return fmt.Errorf("passage %q, asked for %q", p.ID, id)
		}
		return nil
	}))
}

// editorRun is what the editor got done.
type editorRun struct {
	cycles int // articles posted, found and deleted
}

// runEditor posts synthetic articles, each carrying a word no other
// article has, in turn as text, Markdown, HTML and JSON lines. After each
// POST the word must find the article at once; then the article posted
// before it is deleted and its word must find nothing of it.
func runEditor(ctx context.Context, lc *loadClient, lat latencies) editorRun {
	g := synth.New(loadSeed + 1)
	var run editorRun
	var prev *posted
	for k := 0; ctx.Err() == nil; k++ {
		p := postArticle(lc, g, k, lat)
		if p == nil {
			break // postArticle recorded why
		}
		if prev != nil && !deleteArticle(lc, prev, lat) {
			break
		}
		prev = p
		run.cycles++
	}
	if prev != nil {
		deleteArticle(lc, prev, lat)
	}
	return run
}

// posted is an article the editor has added.
type posted struct {
	id, title, word string
}

// postArticle posts article k and checks that its unique word finds it.
func postArticle(lc *loadClient, g *synth.Generator, k int, lat latencies) *posted {
	a := g.Article(loadSynthetic + k) // numbers the base corpus does not use
	word := uniqueWord(k)
	if !addSentence(a, "Our "+word+" scheme pairs every new starter with a mentor.") {
		lc.fails.add("synthetic article %d has no paragraph to add %q to", k, word)
		return nil
	}
	format := synth.Formats[k%len(synth.Formats)]
	data, err := a.Render(format)
	if err != nil {
		lc.fails.add("rendering article %d: %v", k, err)
		return nil
	}
	post := request{op: "post", method: http.MethodPost, want: http.StatusCreated, body: data,
		path: "/api/articles?filename=" + url.QueryEscape("load-"+a.Name(format)),
		check: decodeInto(func(r *ingestResponse) error {
			if r.Added != 1 {
				return fmt.Errorf("posting one new article added %d", r.Added)
			}
			return nil
		})}
	if lc.do(post, lat) == nil {
		return nil
	}
	p := &posted{title: a.Title, word: word}
	find := get("find-posted", "/api/search?q="+word, decodeInto(func(res *index.Result) error {
		for _, h := range res.Hits {
			if h.ArticleTitle == a.Title {
				p.id = h.ArticleID
				return nil
			}
		}
		return fmt.Errorf("the article %q posted with %q is not found by it (total %d)", a.Title, word, res.Total)
	}))
	if lc.do(find, lat) == nil {
		return nil
	}
	return p
}

// deleteArticle deletes p and checks that neither its word nor its id
// finds it any more.
func deleteArticle(lc *loadClient, p *posted, lat latencies) bool {
	del := request{op: "delete", method: http.MethodDelete, path: "/api/articles/" + url.PathEscape(p.id), want: http.StatusNoContent}
	if lc.do(del, lat) == nil {
		return false
	}
	gone := get("find-deleted", "/api/search?q="+p.word, decodeInto(func(res *index.Result) error {
		for _, h := range res.Hits {
			if h.ArticleID == p.id {
				return fmt.Errorf("passage %s of deleted article %s still found by %q", h.ID, p.id, p.word)
			}
		}
		return nil
	}))
	if lc.do(gone, lat) == nil {
		return false
	}
	article := request{op: "find-deleted", method: http.MethodGet, path: "/api/articles/" + url.PathEscape(p.id), want: http.StatusNotFound}
	return lc.do(article, nil) != nil
}

// uniqueWord is a made-up word for article k: "zorbqb", "zorbqc", … It
// is letters only, so every analyser keeps it one token, and its tail has
// no vowel, s or y, so no stemmer rule folds two of them together.
func uniqueWord(k int) string {
	const tail = "bcdfghjkmnpqrtvwxz"
	var sb strings.Builder
	sb.WriteString("zorbq")
	for {
		sb.WriteByte(tail[k%len(tail)])
		k /= len(tail)
		if k == 0 {
			return sb.String()
		}
	}
}

// addSentence appends s to the article's first narrative paragraph (or
// its first paragraph of any kind) and reports whether it found one.
func addSentence(a *synth.Article, s string) bool {
	at := -1
	for i, p := range a.Parts {
		if p.Kind != synth.PartParagraph {
			continue
		}
		if at < 0 {
			at = i
		}
		if p.Passage == ingest.KindSection {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	a.Parts[at].Text += " " + s
	return true
}
