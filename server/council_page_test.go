package server

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/profile"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// shippedCaseload reads one council's caseload for a year straight from
// the shipped DfE file, so the page is checked against the file and not
// against the code that parsed it.
func shippedCaseload(tb testing.TB, ons, year string) string {
	tb.Helper()
	f, err := os.Open("../corpus/official/data/csww_indicators_2017_to_2025.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	for _, r := range rows[1:] {
		if r[col("new_la_code")] == ons && r[col("time_period")] == year {
			return r[col("caseload_fte")]
		}
	}
	tb.Fatalf("no %s row for %s in the shipped file", year, ons)
	return ""
}

// seedDeps is a server over an in-memory index of the seed articles,
// whose facts are the claims the profiles show.
func seedDeps(tb testing.TB) Deps {
	tb.Helper()
	return Deps{Searcher: realIndex(tb)}
}

func TestCouncilPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	kent2024 := shippedCaseload(t, "E10000016", "2024")
	tests := []pageCase{
		{"Kent", "/councils/kent", 200, []string{
			`<h1>Kent County Council</h1>`, `<code>E10000016</code>`, `<code>886</code>`,
			`Overall effectiveness: <span class="ofsted ofsted-1">Outstanding</span>`,
			`inspected <time datetime="2022-05-09">9 May 2022</time>`,
			`report published <time datetime="2022-07-05">5 July 2022</time>`,
			`href="https://reports.ofsted.gov.uk/provider/44/886"`,
			// the 2024 caseload row of the chart's table: Kent, South East, England
			`<th scope="row">2024</th><td>` + kent2024 + `</td>`,
			`role="img" aria-labelledby="chart-caseload-title chart-caseload-desc"`,
			`<desc id="chart-caseload-desc">Kent: Average caseload per case-holding social worker (FTE), 2016 to 2025, cases. Kent: 2016 20, 2017 18.9`,
			`<a href="/councils/essex">Essex County Council</a>`, // rank 1 neighbour
			`<a href="/compare?council=kent">Compare Kent with its closest neighbours</a>`,
			`<a class="article-list-title" href="/articles/what-is-it-like-to-be-a-social-worker-in-kent">What is it like to be a social worker in Kent?</a>`,
			`Open Government Licence`,
			`2016: 30 September 2016 collection, older method`,
		}, nil},
		{"Walsall has no article", "/councils/walsall", 200, []string{
			`<h1>Walsall Council</h1>`, `No article in this index is about Walsall Council`,
			`No passage in this index is about Walsall.`, `<svg class="chart"`, `Open Government Licence`,
		}, []string{`class="claim `}},
		{"outside England", "/councils/cardiff", 200, []string{
			`cover England only, so this profile has none`, `Cardiff`,
		}, []string{`<svg class="chart"`, `id="ofsted"`}},
		{"unknown id", "/councils/kentt", 404, []string{
			`No council matches “kentt”.`, `<a href="/councils/kent">Kent County Council</a>`, `<a href="/councils">Every council</a>`,
		}, []string{`<svg`}},
		{"hostile id", "/councils/%3Cimg%20src=x%20onerror=alert(1)%3E", 404, []string{`No council matches “&lt;img src=x onerror=alert(1)&gt;”`}, []string{imgXSS}},
	}
	checkPages(t, h, tests)
}

func TestCouncilPageRedirectsNamesToTheID(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{"/councils/Kent%20County%20Council", "/councils/886", "/councils/E10000016"} {
		rec := do(t, h, "GET", target, nil)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/councils/kent" {
			t.Errorf("%s: %d to %q, want 301 to /councils/kent", target, rec.Code, rec.Header().Get("Location"))
		}
	}
}

// TestCouncilPageMissingFigures finds, in the shipped data, a council
// with a suppressed caseload and one with a joint return, and checks the
// page says why the figure is missing and with whom it is shared.
func TestCouncilPageMissingFigures(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	var suppressed, shared *official.Profile
	var suppressedYear, sharedYear official.Workforce
	for _, p := range official.Profiles() {
		for _, w := range p.Workforce {
			if suppressed == nil && w.Caseload == nil && w.Suppressed["caseload"] != "" {
				suppressed, suppressedYear = p, w
			}
			if shared == nil && len(w.SharedWith) > 0 {
				shared, sharedYear = p, w
			}
		}
	}
	if suppressed == nil || shared == nil {
		t.Fatal("the shipped data has no suppressed caseload or no joint return to test with")
	}
	reason := official.SuppressionReason(suppressedYear.Suppressed["caseload"])
	body := do(t, h, "GET", councilURL(suppressed.ID), nil).Body.String()
	mustContain(t, body,
		fmt.Sprintf(`title="Not published: %s (DfE code “%s”)">—<small class="missing-why">%s</small>`, reason, suppressedYear.Suppressed["caseload"], reason),
		fmt.Sprintf("%d not published (%s)", suppressedYear.Year, reason), // in the chart's description
	)
	// Its joint return is one note over the run of years, not one a year.
	last := sharedYear.Year
	for _, w := range shared.Workforce {
		if len(w.SharedWith) > 0 && w.Year > last {
			last = w.Year
		}
	}
	body = do(t, h, "GET", councilURL(shared.ID), nil).Body.String()
	mustContain(t, body,
		fmt.Sprintf("%d–%d: one joint return with %s; the figures are for both councils together.", sharedYear.Year, last, sharedYear.SharedWith[0].Name),
		fmt.Sprintf(`<th scope="row">%d<span class="shared-mark" title="joint return">*</span></th>`, sharedYear.Year),
	)
	if n := strings.Count(body, "one joint return with"); n != 1 {
		t.Errorf("%s: %d joint-return notes, want one over %d–%d", shared.Name, n, sharedYear.Year, last)
	}
}

func TestCouncilClaims(t *testing.T) {
	h, _ := newTestHandler(t, seedDeps(t))
	tests := []struct {
		council string
		want    []string
	}{
		{"medway", []string{
			`<a href="/articles/how-this-council-supports-social-workers-to-take-pride-in?p=6#p6">“an average of 17 cases”</a>`,
			`DfE, 30 September 2018: 18.9 cases per case-holding FTE`,
			`The article&#39;s average of 17 is 1.9 below DfE&#39;s average of 18.9.`,
			`“a maximum of 20”`,
			`DfE publishes averages, not maximums: the article&#39;s maximum of 20 is 1.1 above DfE&#39;s average of 18.9.`,
		}},
		{"kent", []string{
			`“Signs of Safety”`, `The official figures do not record practice models, so this claim cannot be checked against them.`,
			`“rated good”`, `Ofsted, latest: Outstanding (inspected 9 May 2022)`,
		}},
		{"somerset", []string{
			`“rated inadequate”`, `Ofsted&#39;s first graded ILACS judgement of this council on record was published after 2020`, `Practice model: <span class="claim-value">Family Safeguarding</span>`,
			`<a href="/articles/a-place-where-new-ideas-to-help-support-families-are?p=8#p8">“family safeguarding model”</a>`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.council, func(t *testing.T) {
			rec := do(t, h, "GET", "/councils/"+tt.council, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			mustContain(t, rec.Body.String(), tt.want...)
		})
	}
}

func TestCouncilsPage(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	rows := regexp.MustCompile(`<tr><th scope="row"><a href="/councils/([a-z0-9-]+)">`)
	ids := func(body string) []string {
		var out []string
		for _, m := range rows.FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		return out
	}

	all := ids(do(t, h, "GET", "/councils", nil).Body.String())
	if len(all) != len(official.Profiles()) {
		t.Errorf("/councils lists %d councils, want all %d", len(all), len(official.Profiles()))
	}

	// Sorted by caseload, the first council has the largest latest figure.
	var top *official.Profile
	for _, p := range official.Profiles() {
		w := official.Latest(p.Workforce)
		if w == nil || w.Caseload == nil {
			continue
		}
		if top == nil || *w.Caseload > *official.Latest(top.Workforce).Caseload {
			top = p
		}
	}
	if got := ids(do(t, h, "GET", "/councils?sort=caseload", nil).Body.String()); len(got) == 0 || got[0] != top.ID {
		t.Errorf("sorted by caseload, first is %v, want %s", got[:min(3, len(got))], top.ID)
	}

	london := ids(do(t, h, "GET", "/councils?region=London", nil).Body.String())
	for _, id := range london {
		if p, _ := official.ByID(id); p.Region != "London" {
			t.Errorf("region=London lists %s in %s", id, p.Region)
		}
	}
	if len(london) < 30 {
		t.Errorf("region=London lists %d councils, want the 32 boroughs and the City", len(london))
	}

	for _, bad := range []string{"/councils?sort=size", "/councils?region=Atlantis"} {
		rec := do(t, h, "GET", bad, nil)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, rec.Code)
		}
		mustContain(t, rec.Body.String(), "is not")
	}
}

func TestCompareCouncils(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	kent, _ := official.ByID("kent")
	tests := []struct {
		name, target string
		status       int
		want, not    []string
	}{
		{"two", "/compare?council=kent&council=medway", 200, []string{
			`<th scope="col"><a href="/councils/kent">Kent</a></th><th scope="col"><a href="/councils/medway">Medway</a></th><th scope="col">England</th>`,
			`<desc id="compare-caseload-desc">`, `value="Kent County Council"`, `value="Medway Council"`,
		}, []string{`table class="heatmap"`, `beside its 3 closest statistical neighbours`}},
		{"names and codes", "/compare?council=Kent+County+Council&council=887", 200, []string{
			`<a href="/councils/kent">Kent</a></th><th scope="col"><a href="/councils/medway">Medway</a></th>`,
		}, nil},
		{"one brings its neighbours", "/compare?council=kent", 200, []string{
			`Kent County Council beside its 3 closest statistical neighbours`,
			`<a href="/councils/` + kent.Neighbours[0].ID + `">`, `<a href="/councils/` + kent.Neighbours[2].ID + `">`,
		}, []string{`<a href="/councils/` + kent.Neighbours[3].ID + `">`}},
		{"five", "/compare?council=kent&council=medway&council=walsall&council=essex&council=devon", 400, []string{
			`role="alert"`, `compare at most 4 councils side by side; 5 were chosen`, `<form class="chooser"`,
		}, []string{`<svg`}},
		{"unknown", "/compare?council=kent&council=atlantis", 400, []string{
			`no council matches &#34;atlantis&#34;`,
		}, []string{`<svg`}},
		{"blank boxes keep the heat map", "/compare?council=&council=", 200, []string{`table class="heatmap"`, `<form class="chooser"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			mustContain(t, rec.Body.String(), tt.want...)
			mustNotContain(t, rec.Body.String(), tt.not...)
		})
	}
}

func TestNamedCouncils(t *testing.T) {
	d := official.Shipped()
	tests := []struct {
		query string
		want  []string
	}{
		{"kent supervision", []string{"kent"}},
		{"Kent supervision", []string{"kent"}},
		{"medway", []string{"medway"}},
		{"supervision", nil},
		{"east sussex caseloads", []string{"east-sussex"}},
		{"kent OR medway", []string{"kent", "medway"}},
		{`"Kent County Council" ASYE`, []string{"kent"}},
		{"council:medway", []string{"medway"}},
		{"supervision -kent", nil},
		{"886", nil},
		{"reading support", nil},
		{"Reading supervision", []string{"reading"}},
		{"hull caseloads", nil},
		{"signs of safety", nil},
		{"newly qualified social worker", nil},
		{"family safeguarding model", nil},
		// Authorities abolished since 2016 keep their profiles.
		{"Cumbria caseloads", []string{"cumbria-county-council"}},
		{"supervision in poole", []string{"borough-of-poole"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []string
			for _, p := range namedCouncils(d, tt.query) {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("namedCouncils(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestNoCardForTopicWords checks the words of every topic label, which
// are what people search for, name no council.
func TestNoCardForTopicWords(t *testing.T) {
	d := official.Shipped()
	h, _ := newTestHandler(t, fixtureDeps(t))
	body := do(t, h, "GET", "/", nil).Body.String()
	labels := regexp.MustCompile(`name="topic" value="[^"]+">\s*<label[^>]*><span class="facet-label">([^<]+)</span>`).FindAllStringSubmatch(body, -1)
	if len(labels) == 0 {
		t.Fatal("no topic labels on the landing page")
	}
	for _, m := range labels {
		label := strings.ReplaceAll(m[1], "&amp;", "&")
		if got := namedCouncils(d, label); len(got) > 0 {
			t.Errorf("the topic %q names %s", label, got[0].Name)
		}
	}
}

func TestProfileCardAboveResults(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	body := do(t, h, "GET", "/?q=kent+supervision", nil).Body.String()
	mustContain(t, body,
		`<aside class="council-card" aria-labelledby="card-kent">`,
		`<span class="ofsted ofsted-1">Outstanding</span> <span class="glance-when">inspected 9 May 2022</span>`,
		`Average caseload, 30 September 2025</dt><dd><strong>17</strong> <span class="glance-when">1.8 above England’s 15.2</span>`,
	)
	// The card sits above the hits, inside the part live search replaces.
	if c, h := strings.Index(body, `class="council-card"`), strings.Index(body, `<ol class="hits"`); c < strings.Index(body, `id="results"`) || c > h {
		t.Errorf("card at %d, results at %d, hits at %d: want the card inside the results, above the hits", c, strings.Index(body, `id="results"`), h)
	}
	mustNotContain(t, do(t, h, "GET", "/?q=supervision", nil).Body.String(), `class="council-card"`)
}

func TestNiceScale(t *testing.T) {
	tests := []struct{ max, step, top float64 }{
		{20, 5, 20}, {18.9, 5, 20}, {33.3, 10, 40}, {7, 2, 8}, {0, 1, 5}, {120, 25, 125},
	}
	for _, tt := range tests {
		if step, top := niceScale(tt.max); step != tt.step || top != tt.top {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", tt.max, step, top, tt.step, tt.top)
		}
	}
}

func TestLineChartBreaksAtMissingYears(t *testing.T) {
	v := func(f float64) figureView { return figureView{Text: profile.FigureText(f), Value: &f} }
	c := lineChart("c", "Caseload", "cases", []int{2019, 2020, 2021, 2022}, []chartLine{{
		Name: "Here", Class: "series-0",
		Values: map[int]figureView{2019: v(10), 2020: {Text: "—", Missing: true, Reason: "low reliability"}, 2021: v(12), 2022: v(14)},
	}})
	s := c.Series[0]
	if len(s.Paths) != 2 || len(s.Points) != 3 {
		t.Errorf("got %d paths and %d points, want the line broken at 2020: 2 paths, 3 points", len(s.Paths), len(s.Points))
	}
	if !strings.Contains(s.Paths[1], " L") || strings.Contains(s.Paths[0], " L") {
		t.Errorf("paths %q: want a lone 2019 and a 2021–2022 line", s.Paths)
	}
	mustContain(t, c.Desc, "Here: 2019 10, 2020 not published (low reliability), 2021 12, 2022 14.")
	if top := c.YTicks[len(c.YTicks)-1]; top.Label != "15" || top.Pos != c.Top {
		t.Errorf("top tick %+v, want 15 at the top of the plot", top)
	}
}

// TestAttributionWhereverFiguresAppear checks that every page showing
// the official figures carries the licence's attribution line, as the
// data README asks, and that the pages setting figures side by side
// name the files they come from.
func TestAttributionWhereverFiguresAppear(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	d := official.Shipped()
	attribution := d.Attribution()
	var files []string
	for _, f := range d.Release().Files {
		files = append(files, f.File)
	}
	tests := []pageCase{
		{"profile", "/councils/kent", 200, append([]string{attribution}, files...), nil},
		{"every council", "/councils", 200, append([]string{attribution}, files...), nil},
		{"compare two", "/compare?council=kent&council=medway", 200, append([]string{attribution}, files...), nil},
		{"compare with neighbours", "/compare?council=kent", 200, append([]string{attribution}, files...), nil},
		{"profile card", "/?q=kent+supervision", 200, []string{`class="council-card"`, attribution}, nil},
		// The heat map counts passages and shows no official figure.
		{"heat map", "/compare", 200, []string{`table class="heatmap"`}, []string{attribution}},
		// Without a card, the one official figure is the Ofsted filter's
		// counts, and the line is under them (TestSearchPageOfstedAttribution).
		{"search without a card", "/?q=supervision", 200, []string{`class="facet facet-ofsted"`, `<p class="facet-source attribution-line">` + attribution + `</p>`}, []string{`class="council-card"`}},
	}
	checkPages(t, h, tests)
}

// TestCompareChartsSayWhatTheyShow checks that each chart on the compare
// page has its title in view, not only in the SVG's <title> that screen
// readers and tooltips see: with no table beside them, two untitled
// line charts cannot be told apart.
func TestCompareChartsSayWhatTheyShow(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	body := do(t, h, "GET", "/compare?council=kent&council=medway", nil).Body.String()
	figures := regexp.MustCompile(`(?s)<figure class="chart-figure">(.*?)</figure>`).FindAllStringSubmatch(body, -1)
	if len(figures) != 2 {
		t.Fatalf("%d chart figures on the compare page, want 2", len(figures))
	}
	for i, want := range []string{"Average caseload per case-holding social worker (FTE), 2016 to 2025", "Vacancy rate (% of FTE posts), 2016 to 2025"} {
		outside := regexp.MustCompile(`(?s)<svg.*</svg>`).ReplaceAllString(figures[i][1], "")
		if !strings.Contains(outside, want) {
			t.Errorf("chart %d: no visible title %q beside the chart; outside the SVG the figure holds %q", i+1, want, outside)
		}
	}
}
