package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/profile"
)

// councilView is the data of a council's profile page. It is built from
// the official profile and the council's passages in the index.
type councilView struct {
	P            *official.Profile
	Card         cardView
	HasFigures   bool
	Predecessors []linkView
	Successors   []linkView
	Ofsted       *inspectionView
	History      []inspectionView
	Charts       []chartPanel
	Table        workforceTable
	Neighbours   []neighbourView
	NeighbourAt  string // the year of the neighbours' figures, e.g. "30 September 2025"
	Claims       []claimView
	Topics       []topicGroup
	Articles     []articleLink
	SearchURL    string // every passage of the council
	CompareURL   string // the council beside its closest neighbours
	Sources      sourcesView
}

// linkView is a labelled link.
type linkView struct {
	Label string
	URL   string
}

// inspectionView is one ILACS inspection as shown.
type inspectionView struct {
	Overall     official.Judgement
	Class       string
	Parts       []judgementPart
	Inspected   string
	InspectedAt string // ISO, for <time>
	Published   string
	PublishedAt string
	Type        string
	ReportURL   string
	ReportOf    *official.Ref
}

// judgementPart is one of an inspection's sub-judgements.
type judgementPart struct {
	Label     string
	Judgement official.Judgement
	Class     string
}

// chartPanel is a chart with the table of its numbers beside it.
type chartPanel struct {
	Chart   chartView
	Caption string
	Columns []string
	Rows    []figureRow
}

// figureRow is one year of a table.
type figureRow struct {
	Year   int
	Shared bool // the council's figures that year are a joint return
	Cells  []figureView
}

// workforceTable is every workforce figure of the council, a row a year.
type workforceTable struct {
	Columns []string
	Rows    []figureRow
	Notes   []string
}

// neighbourView is one statistical neighbour with its latest figures.
type neighbourView struct {
	Rank      int
	Name      string
	URL       string
	Closeness string
	Caseload  figureView
	Vacancy   figureView
	Ofsted    official.Judgement
	Class     string
}

// topicGroup is the council's passages on one topic.
type topicGroup struct {
	ID       string
	Label    string
	Passages []passageLinkView
	More     int    // passages on the topic not listed
	URL      string // the search for all of them
}

// passageLinkView is a passage shown as a short link.
type passageLinkView struct {
	Kind    string
	Snippet string
	URL     string
	Speaker string
}

// articleLink is one of the council's articles.
type articleLink struct {
	Title     string
	URL       string
	Published string
}

// passagesPerTopic is how many passages each topic lists on the profile.
const passagesPerTopic = 4

// handleCouncilPage answers GET /councils/{id}: the council's official
// figures and what its articles claim. An id that is a name or a code
// ("Kent County Council", "886") redirects to the profile's own address;
// an unknown one is a 404 page naming the closest councils.
func (s *server) handleCouncilPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		p, ok := s.official().ByID(id)
		if !ok {
			found, err := s.official().Lookup(id)
			if err != nil {
				s.renderCouncilNotFound(w, r, err)
				return
			}
			http.Redirect(w, r, councilURL(found.ID), http.StatusMovedPermanently)
			return
		}
		v, err := s.councilPage(r.Context(), p)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "council", page{Title: p.Name, Data: v})
	})
}

// renderCouncilNotFound is the 404 page of an unknown council, linking
// the closest names.
func (s *server) renderCouncilNotFound(w http.ResponseWriter, r *http.Request, err error) {
	var nf *official.NotFoundError
	view := errorView{Status: http.StatusNotFound, Heading: "No such council", Message: "No council has that name or id."}
	if errors.As(err, &nf) {
		view.Message = fmt.Sprintf("No council matches “%s”.", nf.Query)
		for _, name := range nf.Closest {
			if p, err := s.official().Lookup(name); err == nil {
				view.Links = append(view.Links, linkView{Label: p.Name, URL: councilURL(p.ID)})
			}
		}
	}
	if len(view.Links) > 0 {
		view.LinksHeading = "Did you mean"
	}
	view.Links = append(view.Links, linkView{Label: "Every council", URL: "/councils"})
	s.logError(r, http.StatusNotFound, err)
	s.render(w, r, http.StatusNotFound, "error", page{Title: "No such council", Data: view})
}

// councilPage builds the profile page of p.
func (s *server) councilPage(ctx context.Context, p *official.Profile) (councilView, error) {
	v := councilView{
		P: p, Card: card(p), HasFigures: profile.HasFigures(p), Sources: sourcesView{Attribution: p.Attribution},
		SearchURL: "/?" + url.Values{"council": {p.Name}}.Encode(),
	}
	if p.Release != nil {
		v.Sources.Release = p.Release.Files
	}
	for _, r := range p.Predecessors {
		v.Predecessors = append(v.Predecessors, linkView{Label: r.Name, URL: councilURL(r.ID)})
	}
	for _, r := range p.Successors {
		v.Successors = append(v.Successors, linkView{Label: r.Name, URL: councilURL(r.ID)})
	}
	if p.Ofsted.Latest != nil {
		iv := inspection(*p.Ofsted.Latest)
		v.Ofsted = &iv
	}
	for i := len(p.Ofsted.History) - 1; i >= 0; i-- {
		v.History = append(v.History, inspection(p.Ofsted.History[i]))
	}
	if len(p.Workforce) > 0 {
		v.Charts = workforceCharts(p)
		v.Table = fullTable(p)
	}
	for _, n := range p.Neighbours {
		v.Neighbours = append(v.Neighbours, neighbourView{
			Rank: n.Rank, Name: n.Name, URL: councilURL(n.ID), Closeness: n.Closeness,
			Caseload: figure(n.Latest, "caseload"), Vacancy: figure(n.Latest, "vacancy_rate"),
			Ofsted: n.Ofsted, Class: judgementClass(n.Ofsted),
		})
		if n.Latest != nil && v.NeighbourAt == "" {
			v.NeighbourAt = profile.HumanDate(n.Latest.AsAt)
		}
	}
	if len(p.Neighbours) > 0 {
		v.CompareURL = "/compare?" + url.Values{"council": {p.ID}}.Encode()
	}
	pr, err := profile.Build(ctx, s.deps.Searcher, s.official(), p)
	if err != nil {
		return v, err
	}
	for _, a := range pr.Articles {
		v.Articles = append(v.Articles, articleLink{Title: a.Title, URL: "/articles/" + url.PathEscape(a.ID), Published: a.Published})
	}
	v.Claims = claimViews(pr.Claims)
	if names := pr.Names(); len(names) > 0 {
		v.Topics = topicGroups(names, pr.Passages())
	}
	return v, nil
}

// inspection prepares one ILACS inspection for display.
func inspection(in official.Inspection) inspectionView {
	v := inspectionView{
		Overall: in.Overall, Class: judgementClass(in.Overall),
		Inspected: profile.HumanDate(in.Inspected), InspectedAt: in.Inspected,
		Published: profile.HumanDate(in.Published), PublishedAt: in.Published,
		Type: in.Type, ReportURL: in.ReportURL, ReportOf: in.ReportOf,
	}
	parts := []judgementPart{
		{Label: "Impact of leaders", Judgement: in.Leaders},
		{Label: "Help and protection", Judgement: in.HelpAndProtection},
		{Label: "Children in care", Judgement: in.ChildrenInCare},
		{Label: "Care leavers", Judgement: in.CareLeavers},
	}
	for _, pt := range parts {
		if pt.Judgement == "" && pt.Label == "Care leavers" {
			continue // no separate judgement before 2023
		}
		pt.Class = judgementClass(pt.Judgement)
		v.Parts = append(v.Parts, pt)
	}
	return v
}

// years lists the reporting years of the series, oldest first.
func years(series ...[]official.Workforce) []int {
	var out []int
	for _, s := range series {
		for _, w := range s {
			if !slices.Contains(out, w.Year) {
				out = append(out, w.Year)
			}
		}
	}
	slices.Sort(out)
	return out
}

// byYear indexes a series' figure by year.
func byYear(series []official.Workforce, field string) map[int]figureView {
	out := make(map[int]figureView, len(series))
	for i := range series {
		out[series[i].Year] = figure(&series[i], field)
	}
	return out
}

// workforceCharts draws the council's caseload and vacancy rate beside its
// region's and England's, each with its table.
func workforceCharts(p *official.Profile) []chartPanel {
	ys := years(p.Workforce, p.RegionWorkforce, p.EnglandWorkforce)
	var out []chartPanel
	for _, c := range []struct{ field, title, unit string }{
		{"caseload", "Average caseload per case-holding social worker (FTE)", "cases"},
		{"vacancy_rate", "Vacancy rate (% of FTE posts)", "per cent"},
	} {
		lines := []chartLine{{Name: p.Short, Class: "series-0", Values: byYear(p.Workforce, c.field)}}
		if len(p.RegionWorkforce) > 0 {
			lines = append(lines, chartLine{Name: p.Region, Class: "series-region", Values: byYear(p.RegionWorkforce, c.field)})
		}
		lines = append(lines, chartLine{Name: "England", Class: "series-england", Values: byYear(p.EnglandWorkforce, c.field)})
		panel := chartPanel{
			Chart:   lineChart("chart-"+c.field, fmt.Sprintf("%s: %s, %d to %d", p.Short, c.title, ys[0], ys[len(ys)-1]), c.unit, ys, lines),
			Caption: c.title + ", at 30 September each year",
			Columns: []string{"Year"},
		}
		for _, l := range lines {
			panel.Columns = append(panel.Columns, l.Name)
		}
		for _, y := range ys {
			row := figureRow{Year: y}
			for _, l := range lines {
				f, ok := l.Values[y]
				if !ok {
					f = figure(nil, c.field)
				}
				row.Cells = append(row.Cells, f)
			}
			own := official.Year(p.Workforce, y)
			row.Shared = own != nil && len(own.SharedWith) > 0
			panel.Rows = append(panel.Rows, row)
		}
		out = append(out, panel)
	}
	return out
}

// fullTable is every workforce figure of the council, newest year first,
// with notes on joint returns and years to read with care.
func fullTable(p *official.Profile) workforceTable {
	t := workforceTable{Columns: []string{"Year"}}
	for _, f := range official.Fields() {
		t.Columns = append(t.Columns, official.FieldLabel(f))
	}
	for i := len(p.Workforce) - 1; i >= 0; i-- {
		w := &p.Workforce[i]
		row := figureRow{Year: w.Year, Shared: len(w.SharedWith) > 0}
		for _, f := range official.Fields() {
			row.Cells = append(row.Cells, figure(w, f))
		}
		t.Rows = append(t.Rows, row)
	}
	for _, shared := range profile.SharedReturns(p.Workforce) {
		var names []string
		for _, r := range shared.With {
			names = append(names, r.Name)
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s: one joint return with %s; the figures are for both councils together.", shared.YearsText(), joinNames(names)))
	}
	for i := len(p.Workforce) - 1; i >= 0; i-- {
		if w := &p.Workforce[i]; w.Note != "" {
			t.Notes = append(t.Notes, fmt.Sprintf("%d: %s.", w.Year, w.Note))
		}
	}
	return t
}

// topicGroups sorts the passages by topic, the topics with most passages
// first, listing a few of each.
func topicGroups(names []string, hits []index.Hit) []topicGroup {
	groups := map[string]*topicGroup{}
	var order []string
	for _, h := range hits {
		for _, t := range h.Topics {
			g := groups[t]
			if g == nil {
				g = &topicGroup{ID: t, Label: topicLabel(t), URL: "/?" + url.Values{"council": names, "topic": {t}}.Encode()}
				groups[t] = g
				order = append(order, t)
			}
			if len(g.Passages) >= passagesPerTopic {
				g.More++
				continue
			}
			speaker := h.Speaker
			if speaker != "" && h.Role != "" {
				speaker += ", " + h.Role
			}
			g.Passages = append(g.Passages, passageLinkView{
				Kind: h.Kind, Snippet: clip(h.Text, 180), URL: passageLink(h.ArticleID, h.ID), Speaker: speaker,
			})
		}
	}
	out := make([]topicGroup, 0, len(order))
	for _, t := range order {
		out = append(out, *groups[t])
	}
	slices.SortStableFunc(out, func(a, b topicGroup) int {
		return cmp.Compare(len(b.Passages)+b.More, len(a.Passages)+a.More)
	})
	return out
}
