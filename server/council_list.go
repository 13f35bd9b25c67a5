package server

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// councilListView is the data of /councils: every profile, sorted and
// filtered as the URL asks.
type councilListView struct {
	Rows    []councilRow
	Sorts   []sortLink
	Sort    string
	Regions []linkView // the region filter, "All regions" first
	Region  string
	AsAt    string // the latest year of the figures
}

// councilRow is one council in the list.
type councilRow struct {
	Name     string
	URL      string
	Region   string
	Type     string
	Ofsted   official.Judgement
	Class    string
	Caseload figureView
	Vacancy  figureView
	Agency   figureView
	Articles int
}

// sortLink is one column's sort order.
type sortLink struct {
	Key, Label, URL string
	Current         bool
}

// councilSort is one order of the list.
type councilSort struct {
	Key, Label string
	less       func(a, b councilRow) int
}

// councilSorts are the orders /councils offers: by name, and by the
// latest figures (missing figures last whichever way).
var councilSorts = []councilSort{
	{"name", "Name", func(a, b councilRow) int { return cmp.Compare(a.Name, b.Name) }},
	{"caseload", "Caseload", func(a, b councilRow) int { return compareFigures(a.Caseload, b.Caseload) }},
	{"vacancy", "Vacancy rate", func(a, b councilRow) int { return compareFigures(a.Vacancy, b.Vacancy) }},
	{"agency", "Agency rate", func(a, b councilRow) int { return compareFigures(a.Agency, b.Agency) }},
	{"ofsted", "Ofsted", func(a, b councilRow) int { return compareGrades(a.Ofsted, b.Ofsted) }},
	{"articles", "Articles", func(a, b councilRow) int { return cmp.Compare(b.Articles, a.Articles) }},
}

// compareFigures orders figures largest first, missing ones last.
func compareFigures(a, b figureView) int {
	switch {
	case a.Value == nil && b.Value == nil:
		return 0
	case a.Value == nil:
		return 1
	case b.Value == nil:
		return -1
	}
	return cmp.Compare(*b.Value, *a.Value)
}

// compareGrades orders judgements best first, none last.
func compareGrades(a, b official.Judgement) int {
	ga, gb := a.Grade(), b.Grade()
	if ga == 0 {
		ga = 9
	}
	if gb == 0 {
		gb = 9
	}
	return cmp.Compare(ga, gb)
}

// handleCouncilsPage answers GET /councils[?sort=caseload][&region=…].
func (s *server) handleCouncilsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := s.councilList(r.Context(), r.URL.Query())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "councils", page{Title: "Councils", Data: v})
	})
}

// councilList builds /councils; an unknown sort or region is a bad
// parameter, named.
func (s *server) councilList(ctx context.Context, q url.Values) (councilListView, error) {
	v := councilListView{Sort: cmp.Or(q.Get("sort"), "name"), Region: q.Get("region")}
	sortAt := slices.IndexFunc(councilSorts, func(c councilSort) bool { return c.Key == v.Sort })
	if sortAt < 0 {
		keys := make([]string, len(councilSorts))
		for i, c := range councilSorts {
			keys[i] = c.Key
		}
		return v, badParam("sort", "%q is not a sort order; use one of %s", v.Sort, strings.Join(keys, ", "))
	}
	counts, err := s.articleCounts(ctx)
	if err != nil {
		return v, err
	}
	var regions []string
	for _, p := range s.official().Profiles() {
		if !slices.Contains(regions, p.Region) {
			regions = append(regions, p.Region)
		}
		if v.Region != "" && !strings.EqualFold(p.Region, v.Region) {
			continue
		}
		latest := official.Latest(p.Workforce)
		row := councilRow{
			Name: p.Name, URL: councilURL(p.ID), Region: p.Region, Type: p.Type,
			Caseload: figure(latest, "caseload"), Vacancy: figure(latest, "vacancy_rate"), Agency: figure(latest, "agency_rate"),
			Articles: counts[p.ID],
		}
		if latest != nil && latest.AsAt > v.AsAt {
			v.AsAt = latest.AsAt
		}
		if p.Ofsted.Latest != nil {
			row.Ofsted = p.Ofsted.Latest.Overall
		}
		row.Class = judgementClass(row.Ofsted)
		v.Rows = append(v.Rows, row)
	}
	slices.Sort(regions)
	if v.Region != "" && len(v.Rows) == 0 {
		return v, badParam("region", "%q is not an English region; use one of %s", v.Region, strings.Join(regions, ", "))
	}
	v.AsAt = humanDate(v.AsAt)
	slices.SortStableFunc(v.Rows, func(a, b councilRow) int {
		return cmp.Or(councilSorts[sortAt].less(a, b), cmp.Compare(a.Name, b.Name))
	})
	listURL := func(sort, region string) string {
		u := url.Values{}
		if sort != "name" {
			u.Set("sort", sort)
		}
		if region != "" {
			u.Set("region", region)
		}
		if len(u) == 0 {
			return "/councils"
		}
		return "/councils?" + u.Encode()
	}
	for _, c := range councilSorts {
		v.Sorts = append(v.Sorts, sortLink{Key: c.Key, Label: c.Label, URL: listURL(c.Key, v.Region), Current: c.Key == v.Sort})
	}
	v.Regions = append(v.Regions, linkView{Label: "All regions", URL: listURL(v.Sort, "")})
	for _, rg := range regions {
		v.Regions = append(v.Regions, linkView{Label: rg, URL: listURL(v.Sort, rg)})
	}
	return v, nil
}

// articleCounts counts the index's articles per profile ID.
func (s *server) articleCounts(ctx context.Context) (map[string]int, error) {
	all, err := s.deps.Searcher.Articles(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	ids := map[string]string{} // council name → profile ID, looked up once a name
	for _, a := range all {
		id, seen := ids[a.Council]
		if !seen {
			id = s.councilID(a.Council)
			ids[a.Council] = id
		}
		if id != "" {
			out[id]++
		}
	}
	return out, nil
}

// councilID is the profile ID of a council as the index names it, or ""
// when no profile matches. Articles name their council as the gazetteer
// does; asking it first keeps an unknown name from costing a ranking of
// the closest names.
func (s *server) councilID(name string) string {
	if _, ok := ingest.LookupCouncil(name); !ok {
		return ""
	}
	if p, err := s.official().Lookup(name); err == nil {
		return p.ID
	}
	return ""
}
