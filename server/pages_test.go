package server

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

func TestSearchPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	tests := []pageCase{
		{"landing", "/", 200,
			[]string{`<input id="q" name="q" type="text" value=""`, `What do councils say`, `name="council" value="Kent County Council"`, `<span class="count">6</span>`},
			[]string{`class="hit"`}},
		// Five passages say supervision; a sixth is tagged with the
		// supervision topic without the word (issue 13) and ranks last.
		{"results", "/?q=supervision", 200,
			[]string{`value="supervision"`, `<strong>6</strong> passages`, `<mark>supervision</mark>`, `<span class="badge badge-qa">Q&amp;A</span>`,
				`<span class="badge badge-comment">Comment</span>`, `<span class="speaker-name">Amy Gordon</span>`, `<span class="speaker-role">newly qualified social worker</span>`,
				`<span class="hit-council"><a href="/councils/somerset">Somerset County Council</a></span>`, `href="/articles/what-is-it-like-to-be-a-social-worker-in-kent?p=2#p2"`,
				`<p class="hit-question">How does having that support on tap help?</p>`},
			nil},
		{"filtered", "/?q=supervision&council=Kent+County+Council", 200,
			[]string{`name="council" value="Kent County Council" checked`, `name="council" value="Somerset County Council">`, `<strong>4</strong> passages`, `Clear all`},
			[]string{`<a href="/councils/somerset">Somerset County Council</a>`}},
		{"filters only", "/?topic=practice-models", 200,
			[]string{`<strong>1</strong> passage `, `It feels like the next step`, `name="topic" value="practice-models" checked`},
			nil},
		{"no results", "/?q=zzzyyyxxx", 200, []string{`No passages`, `Nothing matched`}, nil},
		// Issue 13: a correction is shown as one, with the way back to
		// the words as typed; a real word the corpus lacks is named.
		{"corrected", "/?q=supervison", 200,
			[]string{`Showing results for <strong>supervision</strong> — search instead for <a href="/?q=%22supervison%22">&#34;supervison&#34;</a>`, `<mark>supervision</mark>`},
			[]string{`Did you mean`}},
		{"real word not found", "/?q=salary", 200, []string{`No passage holds “salary”.`, `No passages`}, []string{`Did you mean`, `Showing results`}},
		// Issue 13: while typed, a first letter is no error: nothing yet,
		// so the live page keeps its filters as for any transient zero.
		{"first letter typed", "/?q=a&prefix=true", 200, []string{`No passages`}, []string{`could not run`}},
		// Issue 13: a word searched before it was finished, as Enter
		// ends search as you type, is offered the word it begins.
		{"half-typed word searched", "/?q=superv", 200, []string{`No passage holds “superv”.`, `Did you mean <a href="/?q=supervision">supervision</a>?`}, []string{`Showing results`}},
		// Issue 13: passages found through a topic the words name are
		// said to be.
		{"found through a topic", "/?q=wellbeing", 200,
			[]string{`No passage holds “wellbeing”; these passages matched through the topic Wellbeing and support.`, `class="hit"`}, nil},
		// Issue 13: a Q&A's question is shown once, marked where it
		// matched; the snippet is of the answer.
		{"question once", "/?q=tap", 200,
			[]string{`<p class="hit-question">How does having that support on <mark>tap</mark> help?</p>`, `<p class="snippet">We also have regular supervision where we tease out cases.</p>`},
			[]string{`…</p>`}},
		{"browse order named", "/?topic=practice-models", 200, []string{`selected>Newest article, in article order</option>`}, nil},
		{"relevance named", "/?q=supervision", 200, []string{`selected>Best match</option>`}, nil},
		// Issue 13: a quoted query is echoed once, not inside another
		// pair of quotation marks.
		{"phrase echoed once", "/?q=%22regular+supervision%22", 200,
			[]string{` for &#34;regular supervision&#34;</h1>`}, []string{`<q>&#34;`}},
		{"words echoed in quotation marks", "/?q=supervision", 200, []string{`for <q>supervision</q></h1>`}, nil},
		// Issue 13: council:Kent typed in the box ticks the Kent box
		// and leaves the other councils offered.
		{"typed council ticks its box", "/?q=supervision+council%3AKent", 200,
			[]string{`name="council" value="Kent County Council" checked data-typed>`, `name="council" value="Somerset County Council">`, `<strong>4</strong> passages`},
			nil},
		{"bad parameter", "/?q=x&size=lots", 400, []string{`role="alert"`, `size: &#34;lots&#34; is not a whole number`}, nil},
	}
	checkPages(t, h, tests)
}

func TestSearchPagePagination(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	rec := do(t, h, "GET", "/?q=supervision&size=2", nil)
	body := rec.Body.String()
	mustContain(t, body, `rel="next"`, `<span class="pager-page" aria-current="page">1</span>`, `href="/?from=2&amp;q=supervision&amp;size=2"`)
	mustNotContain(t, body, `rel="prev"`)
	rec = do(t, h, "GET", "/?q=supervision&size=2&from=2", nil)
	body = rec.Body.String()
	mustContain(t, body, `rel="prev"`, `href="/?q=supervision&amp;size=2"`, `<ol class="hits" start="3">`, `showing 3–4`)
}

func TestSearchPageQueryError(t *testing.T) {
	h, logs := newTestHandler(t, Deps{Searcher: &fakeSearcher{
		SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
			if req.Query == "boom" {
				return nil, errors.New("segment /srv/idx/3.zap unreadable")
			}
			return nil, &index.QueryError{Message: "query: at most 1000 characters"}
		},
	}})
	rec := do(t, h, "GET", "/?q="+strings.Repeat("a", 2000), nil)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("status %d, want 400", rec.Code)
	}
	mustContain(t, rec.Body.String(), `query: at most 1000 characters`)
	rec = do(t, h, "GET", "/?q=boom", nil)
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", rec.Code)
	}
	mustNotContain(t, rec.Body.String(), "/srv/idx")
	mustContain(t, logs.String(), "/srv/idx")
}

func TestArticlePage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	a := kentArticle()
	rec := do(t, h, "GET", "/articles/"+a.ID+"?p=4", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	mustContain(t, body,
		`<h1>What is it like to be a social worker in Kent?</h1>`,
		`<h2 class="article-section">60 seconds with Amy Gordon</h2>`,
		`<p class="qa-question">What are caseloads like in Kent?</p>`,
		`<div id="p4" class="passage passage-qa is-target" tabindex="-1">`,
		`<blockquote><p>What I really like about Kent`,
		`<figcaption>Amy Gordon, newly qualified social worker</figcaption>`,
		`<li>Monthly supervision</li>`,
		`<h2 class="article-section">Comments</h2>`,
		`<strong>Sam</strong> <time datetime="2014-01-13">2014-01-13</time>`,
		// A comment of two paragraphs is shown as two.
		`<p>Supervision here really is regular.</p><p>And it is protected time.</p>`,
	)
	if n := strings.Count(body, "is-target"); n != 1 {
		t.Errorf("%d passages marked as target, want 1", n)
	}
	if n := strings.Count(body, "60 seconds with Amy Gordon</h2>"); n != 1 {
		t.Errorf("section heading printed %d times, want once", n)
	}
	rec = do(t, h, "GET", "/articles/"+a.ID, nil)
	mustNotContain(t, rec.Body.String(), "is-target")

	rec = do(t, h, "GET", "/articles/no-such-thing", nil)
	if rec.Code != http.StatusNotFound {
		t.Errorf("missing article: status %d", rec.Code)
	}
	mustContain(t, rec.Body.String(), `no article has the id &#34;no-such-thing&#34;`, `<title>Not Found · recruitsearch</title>`)
}

func TestArticlesPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	rec := do(t, h, "GET", "/articles", nil)
	mustContain(t, rec.Body.String(), `<a class="article-list-title" href="/articles/what-is-it-like-to-be-a-social-worker-in-kent">`, `<a href="/councils/kent">Kent County Council</a> · 6 passages`)
}

func TestComparePage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	// Kent has 4 supervision passages of its 6, the most of any cell: the
	// darkest, in either view. A council's name opens its profile; one
	// the gazetteer does not know opens its passages. Issue 16: the share
	// of the council's passages is the default view, raw counts the
	// other; a cell with none says so in hidden text, not in an
	// aria-label on a bare span.
	both := []string{
		`<th scope="row" class="heatmap-council"><a href="/councils/kent">Kent County Council</a></th>`,
		`<th scope="row" class="heatmap-council"><a href="/?council=Evil&#43;%3Cimg&#43;src%3Dx&#43;onerror%3Dalert%281%29%3E&#43;Council">`,
		`<td class="heatmap-total"><a href="/?council=Somerset&#43;County&#43;Council">2</a></td>`,
	}
	zero := regexp.MustCompile(`<td class="heat heat-0"><span class="heat-none" aria-hidden="true">·</span><span class="visually-hidden">[^<]+, [^<]+: 0 passages</span></td>`)
	tests := []struct {
		name, target string
		want         []string
	}{
		{"share by default", "/compare", append([]string{
			`<td class="heat heat-5"><a href="/?council=Kent&#43;County&#43;Council&amp;topic=supervision" aria-label="Kent County Council, Supervision: 67% of its 6 passages (4)">67%</a></td>`,
			`<a href="/compare" aria-current="page">Share of the council’s passages</a>`,
		}, both...)},
		{"counts", "/compare?view=counts", append([]string{
			`<td class="heat heat-5"><a href="/?council=Kent&#43;County&#43;Council&amp;topic=supervision" aria-label="Kent County Council, Supervision: 4 passages">4</a></td>`,
			`<a href="/compare?view=counts" aria-current="page">Number of passages</a>`,
		}, both...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			body := rec.Body.String()
			mustContain(t, body, tt.want...)
			if !zero.MatchString(body) {
				t.Error("no cell says, in words, that a council has no passages on a topic")
			}
			if regexp.MustCompile(`<span[^>]* aria-label=`).MatchString(body) {
				t.Error("a bare span carries an aria-label")
			}
			rows := regexp.MustCompile(`<tr>\s*<th scope="row"`).FindAllString(body, -1)
			if len(rows) != 3 {
				t.Errorf("%d council rows, want 3", len(rows))
			}
		})
	}
	if rec := do(t, h, "GET", "/compare?view=pie", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("view=pie: status %d, want 400", rec.Code)
	}
}

func TestUnknownPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	rec := do(t, h, "GET", "/no/such/page", nil)
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("status %d, type %q; want an HTML 404", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestSafeHighlight(t *testing.T) {
	tests := []struct {
		in   string
		safe bool
	}{
		{"plain &lt;b&gt; text", true},
		{"a <mark>b</mark> c <mark>d</mark>", true},
		{"<mark>b", false},
		{"b</mark>", false},
		{"<mark><mark>b</mark></mark>", false},
		{"<b>bold</b>", false},
		{"<script>alert(1)</script>", false},
		{"<mark onclick=x>b</mark>", false},
		{"<img src=x onerror=alert(1)>", false},
		{"a > b", false},
		{"<MARK>b</MARK>", false},
	}
	for _, tt := range tests {
		if got := safeHighlight(tt.in); got != tt.safe {
			t.Errorf("safeHighlight(%q) = %v, want %v", tt.in, got, tt.safe)
		}
	}
}

func TestHeatLevel(t *testing.T) {
	for _, tt := range []struct{ n, max, want int }{{0, 10, 0}, {1, 10, 1}, {2, 10, 1}, {3, 10, 2}, {10, 10, 5}, {1, 1, 5}, {5, 0, 0}} {
		if got := heatLevel(tt.n, tt.max); got != tt.want {
			t.Errorf("heatLevel(%d, %d) = %d, want %d", tt.n, tt.max, got, tt.want)
		}
	}
}

// TestSearchPageOneSearch: with two facets ticked the page asks the index
// once; the index's own multi-select counts keep the other councils
// visible (issue 10: the page ran one more search per ticked facet).
func TestSearchPageOneSearch(t *testing.T) {
	h, rec0 := recordedHandler(t)
	rec := do(t, h, "GET", "/?q=supervision&council=Kent+County+Council&topic=supervision", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if n := len(rec0.searches()); n != 1 {
		t.Errorf("the page ran %d searches, want 1", n)
	}
	mustContain(t, rec.Body.String(), `name="council" value="Kent County Council" checked`,
		`name="council" value="Somerset County Council">`, `name="topic" value="supervision" checked`)
}
