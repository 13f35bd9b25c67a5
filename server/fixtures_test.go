package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// The hostile strings every output-safety test feeds through.
const (
	scriptXSS = `<script>alert(1)</script>`
	imgXSS    = `<img src=x onerror=alert(1)>`
)

// article builds a fixture article, numbering its passages and copying
// the article fields each passage carries.
func article(id, title, council string, ps ...ingest.Passage) *ingest.Article {
	a := &ingest.Article{ID: id, Title: title, Council: council, Banner: "Employer Zone", Column: "Frontline view",
		Standfirst: "A sponsored feature from " + council, Published: "2021-03-04", Format: ingest.FormatText}
	for i, p := range ps {
		p.Ordinal = i + 1
		p.ID = id + "#" + strconv.Itoa(i+1)
		p.ArticleID = id
		p.ArticleTitle = title
		p.Council = council
		a.Passages = append(a.Passages, p)
	}
	return a
}

func kentArticle() *ingest.Article {
	return article("what-is-it-like-to-be-a-social-worker-in-kent", "What is it like to be a social worker in Kent?", "Kent County Council",
		ingest.Passage{Kind: ingest.KindIntro, Text: "Kent County Council children’s services is in a good place.", Topics: []string{"ofsted-inspection"}},
		ingest.Passage{Kind: ingest.KindQA, Heading: "60 seconds with Amy Gordon", Question: "How does having that support on tap help?",
			Text: "We also have regular supervision where we tease out cases.", Speaker: "Amy Gordon", Role: "newly qualified social worker",
			Topics: []string{"supervision", "asye-newly-qualified"}},
		ingest.Passage{Kind: ingest.KindQuote, Heading: "60 seconds with Amy Gordon", Text: "What I really like about Kent is that they take an interest in you as a person.",
			Speaker: "Amy Gordon", Role: "newly qualified social worker", Topics: []string{"wellbeing-support"}},
		ingest.Passage{Kind: ingest.KindQA, Heading: "60 seconds with Amy Gordon", Question: "What are caseloads like in Kent?",
			Text:    "At the moment caseloads are higher but we get additional support and supervision when things are hectic.",
			Speaker: "Amy Gordon", Role: "newly qualified social worker", Topics: []string{"caseloads", "supervision"}},
		ingest.Passage{Kind: ingest.KindList, Heading: "Why Kent", Text: "We offer:", Items: []string{"Monthly supervision", "A career pathway"},
			Topics: []string{"supervision", "career-progression"}},
		ingest.Passage{Kind: ingest.KindComment, Text: "Supervision here really is regular.\n\nAnd it is protected time.", Speaker: "Sam", Date: "2014-01-13", Topics: []string{"supervision"}},
	)
}

func somersetArticle() *ingest.Article {
	return article("a-place-where-new-ideas-are-welcomed", "A place where new ideas to help support families are welcomed", "Somerset County Council",
		ingest.Passage{Kind: ingest.KindSection, Text: "Elizabeth Sterland, consultant social worker, says group supervision keeps the team close.",
			Topics: []string{"supervision"}},
		ingest.Passage{Kind: ingest.KindQuote, Heading: "Family safeguarding model being introduced", Text: "It feels like the next step for our practice model.",
			Speaker: "Elizabeth Sterland", Role: "consultant social worker", Topics: []string{"practice-models"}},
	)
}

// xssArticle holds hostile markup in every string a page shows.
func xssArticle() *ingest.Article {
	return article("hostile-markup", "Hostile "+scriptXSS+" title", "Evil "+imgXSS+" Council",
		ingest.Passage{Kind: ingest.KindQuote, Heading: "Heading " + imgXSS,
			Text:    "Marker zebracrossing " + scriptXSS + " and " + imgXSS + " end.",
			Speaker: "Mallory " + scriptXSS, Role: "role " + imgXSS, Topics: []string{"supervision"}},
		ingest.Passage{Kind: ingest.KindComment, Text: "Comment zebracrossing " + imgXSS, Speaker: "Eve " + scriptXSS, Date: "2020-01-01"},
	)
}

// logBuffer is a concurrency-safe log sink tests can read.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestHandler builds the real handler over deps, logging into the
// returned buffer.
func newTestHandler(tb testing.TB, deps Deps) (http.Handler, *logBuffer) {
	tb.Helper()
	logs := &logBuffer{}
	deps.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return New(deps), logs
}

// fixtureIndex is a real in-memory index of the fixture articles, built
// once and only read by the tests that share it.
var fixtureIndex = sync.OnceValues(func() (*index.Index, error) {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		return nil, err
	}
	_, err = ix.Add(context.Background(), []*ingest.Article{kentArticle(), somersetArticle(), xssArticle()})
	return ix, err
})

// fixtureDeps is a read-only server over a real index of the fixture
// articles.
func fixtureDeps(tb testing.TB) Deps {
	tb.Helper()
	ix, err := fixtureIndex()
	if err != nil {
		tb.Fatalf("fixture index: %v", err)
	}
	return Deps{Searcher: ix}
}

// recordingSearcher passes every call to a real Searcher and keeps the
// last search request, for tests of how parameters become requests.
type recordingSearcher struct {
	Searcher
	mu       sync.Mutex
	requests []index.Request
}

func (r *recordingSearcher) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	r.mu.Lock()
	r.requests = append(r.requests, req)
	r.mu.Unlock()
	return r.Searcher.Search(ctx, req)
}

// recordedHandler is the real handler over the fixture index, with a
// recorder of the searches it asks of the index.
func recordedHandler(tb testing.TB) (http.Handler, *recordingSearcher) {
	tb.Helper()
	deps := fixtureDeps(tb)
	rec := &recordingSearcher{Searcher: deps.Searcher}
	deps.Searcher = rec
	h, _ := newTestHandler(tb, deps)
	return h, rec
}

// searches returns the requests seen so far.
func (r *recordingSearcher) searches() []index.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

// do sends one request through h and returns the recorded response.
func do(tb testing.TB, h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// mustContain fails unless s holds every want.
// pageCase is a page to get and what its HTML must and must not hold.
type pageCase struct {
	name, target string
	status       int
	want, not    []string
}

// checkPages gets each page from h and checks its status, that it is
// HTML, and what it holds.
func checkPages(t *testing.T, h http.Handler, cases []pageCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			mustContain(t, rec.Body.String(), tt.want...)
			mustNotContain(t, rec.Body.String(), tt.not...)
		})
	}
}

func mustContain(tb testing.TB, s string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			tb.Errorf("missing %q in:\n%s", w, clip(s, 3000))
		}
	}
}

// mustNotContain fails if s holds any of bad.
func mustNotContain(tb testing.TB, s string, bad ...string) {
	tb.Helper()
	for _, b := range bad {
		if strings.Contains(s, b) {
			tb.Errorf("found %q in:\n%s", b, clip(s, 3000))
		}
	}
}
