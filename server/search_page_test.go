package server

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// headings lists a page's headings in document order: "h1 Title".
func headings(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<h([1-6])[^>]*>(.*?)</h[1-6]>`).FindAllStringSubmatch(body, -1) {
		text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[2], "")), " ")
		out = append(out, "h"+m[1]+" "+text)
	}
	return out
}

// TestPageHeadingOrder: every page opens with one h1, and no heading
// skips a level on the way down (issue 16: the "Filter" h2 came before
// the h1, result titles were h3 under the h1, the error state had none).
func TestPageHeadingOrder(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{
		"/", "/?q=supervision", "/?q=supervision&council=Kent", "/?q=zzzyyyxxx", "/?q=x&sort=bogus",
		"/?q=kent+supervision", "/articles", "/articles/" + kentArticle().ID, "/compare", "/nope",
	} {
		t.Run(target, func(t *testing.T) {
			body := do(t, h, "GET", target, nil).Body.String()
			hs := headings(body)
			if len(hs) == 0 || !strings.HasPrefix(hs[0], "h1 ") {
				t.Fatalf("the first heading is not an h1: %q", hs)
			}
			level := 1
			h1s := 0
			for _, hd := range hs {
				n := int(hd[1] - '0')
				if n == 1 {
					h1s++
				}
				if n > level+1 {
					t.Errorf("%q skips a level after h%d: %q", hd, level, hs)
				}
				level = n
			}
			if h1s != 1 {
				t.Errorf("%d h1s: %q", h1s, hs)
			}
		})
	}
}

func TestSearchPageChips(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	tests := []struct {
		name, target string
		want, not    []string
	}{
		{"ticked filters", "/?q=supervision&council=Kent+County+Council&kind=qa", []string{
			`<a class="chip" href="/?kind=qa&amp;q=supervision"><span class="visually-hidden">Remove filter </span><span class="chip-facet">Council:</span> Kent County Council`,
			`<a class="chip" href="/?council=Kent&#43;County&#43;Council&amp;q=supervision"><span class="visually-hidden">Remove filter </span><span class="chip-facet">Kind of passage:</span> Q&amp;A`,
			`<a class="clear chips-clear" href="/?q=supervision">Clear all</a>`,
			`Filters <span id="filters-count" class="filters-count">(2 applied)</span>`,
			`data-announce="2 passages for supervision, Kent County Council, Q&amp;A"`,
		}, nil},
		// A council given by its short name is shown by its full one,
		// and its chip still takes it away.
		{"short name", "/?q=supervision&council=Kent", []string{
			`<a class="chip" href="/?q=supervision">`, `Kent County Council<span class="chip-x"`,
		}, nil},
		// A clause typed in the box is a chip too; removing it takes
		// the clause out of the box.
		{"typed clause", "/?q=supervision+council%3AKent", []string{
			`<a class="chip" href="/?q=supervision">`,
		}, nil},
		{"one per article", "/?q=supervision&collapse=article", []string{
			`<a class="chip" href="/?q=supervision"><span class="visually-hidden">Remove filter </span>One result per article`,
			`<input type="checkbox" id="collapse" name="collapse" value="article" checked>`,
			`<strong>3</strong> articles`, `data-announce="3 articles for supervision"`,
		}, nil},
		// The registry's year facet is a filter on the page like the
		// others.
		{"year", "/?q=supervision&year=2021", []string{
			`<legend>Year</legend>`, `name="year" value="2021" checked`,
			`<a class="chip" href="/?q=supervision"><span class="visually-hidden">Remove filter </span><span class="chip-facet">Year:</span> 2021`,
		}, nil},
		{"nothing applied", "/?q=supervision", []string{`<input type="checkbox" id="collapse" name="collapse" value="article">`},
			[]string{`class="chip"`, `Clear all`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := do(t, h, "GET", tt.target, nil).Body.String()
			mustContain(t, body, tt.want...)
			mustNotContain(t, body, tt.not...)
			// The chips come before the filters and the results, as
			// they are shown.
			if c, f := strings.Index(body, `class="chip"`), strings.Index(body, `id="facets"`); c > f {
				t.Error("the chips come after the filters in the page")
			}
		})
	}
}

func TestSearchPageNoResults(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	body := do(t, h, "GET", "/?q=zzzyyyxxx+qqqwww&council=Somerset+County+Council", nil).Body.String()
	mustContain(t, body,
		`<a href="/?q=zzzyyyxxx&#43;qqqwww">without the council filter Somerset County Council</a>`,
		`<a href="/?council=Somerset&#43;County&#43;Council&amp;q=qqqwww">without the word zzzyyyxxx</a>`,
		`<a href="/?council=Somerset&#43;County&#43;Council&amp;q=zzzyyyxxx">without the word qqqwww</a>`,
		`<a href="/?council=Somerset&#43;County&#43;Council">every passage with these filters, whatever the words</a>`,
		// the sidebar is not blank: every passage's filters
		`No passage matched: the counts are of every passage.`, `name="council" value="Kent County Council"`,
	)
	mustNotContain(t, body, `id="sort"`, `class="hit"`, `Download:`)
	// A council given by its short name is ticked under its full name.
	body = do(t, h, "GET", "/?q=zzzyyyxxx&council=Kent", nil).Body.String()
	mustContain(t, body, `name="council" value="Kent County Council" checked`)
	mustNotContain(t, body, `value="Kent" checked`)

	// A search that cannot run keeps the filters beside its message.
	body = do(t, h, "GET", "/?q=x&sort=bogus&council=Kent", nil).Body.String()
	mustContain(t, body, `<h1 id="results-heading" class="summary" tabindex="-1">That search could not run</h1>`, `name="council" value="Kent County Council"`, `<span class="chip-facet">Council:</span> Kent`)
}

func TestSearchPageDatesAndCitations(t *testing.T) {
	deps := fixtureDeps(t)
	deps.Now = func() time.Time { return time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) }
	h, _ := newTestHandler(t, deps)
	body := do(t, h, "GET", "/?q=supervision&sort=newest&from=0&utm_source=x", nil).Body.String()
	mustContain(t, body,
		`<span class="hit-date is-old"><time datetime="2021-03-04">4 March 2021</time></span>`,
		`<pre class="cite-text">Kent County Council. (4 March 2021). “What is it like to be a social worker in Kent?”. Passage: http://example.com/articles/what-is-it-like-to-be-a-social-worker-in-kent#p2 (accessed 2026-12-05).</pre>`,
		"@misc{what-is-it-like-to-be-a-social-worker-in-kent-2,\n  title = {What is it like to be a social worker in Kent?},\n  author = {{Kent County Council}},\n  year = {2021},",
		"TY  - ELEC\nTI  - What is it like to be a social worker in Kent?\nAU  - Kent County Council\nPY  - 2021\nDA  - 2021/03/04\n",
		// the export links carry the search, not the page's place in it
		// nor parameters the API does not know
		`Download: <a href="/api/search?format=csv&amp;q=supervision&amp;size=100&amp;sort=newest" download>CSV</a> · <a href="/api/search?q=supervision&amp;size=100&amp;sort=newest">JSON</a>`,
	)
}

// TestSearchPageOfstedAttribution: the sidebar's counts of Ofsted
// judgements are official figures, and carry the licence's line under
// them, as the profile card and the council pages do; the other
// filters, which are not, do not.
func TestSearchPageOfstedAttribution(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	attribution := official.Shipped().Attribution()
	for _, target := range []string{"/?q=supervision", "/", "/?q=zzzyyyxxx"} {
		t.Run(target, func(t *testing.T) {
			body := do(t, h, "GET", target, nil).Body.String()
			fieldsets := regexp.MustCompile(`(?s)<fieldset class="facet facet-(\w+)">.*?</fieldset>`).FindAllStringSubmatch(body, -1)
			seen := false
			for _, fs := range fieldsets {
				has := strings.Contains(fs[0], attribution)
				if fs[1] == "ofsted" {
					seen = true
					if !has {
						t.Errorf("the Ofsted filter lacks the attribution %q:\n%s", attribution, fs[0])
					}
				} else if has {
					t.Errorf("the %s filter carries the attribution", fs[1])
				}
			}
			if !seen {
				t.Fatalf("no Ofsted filter among %d", len(fieldsets))
			}
		})
	}
}
