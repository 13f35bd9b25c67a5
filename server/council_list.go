package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/recruitsearch/recruitsearch/profile"
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
	Sources sourcesView
}

// councilRow is one council in the list.
type councilRow struct {
	councilHead
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
	v := councilListView{Sort: cmp.Or(q.Get("sort"), "name"), Region: q.Get("region"), Sources: sourcesOf(s.official())}
	list, err := profile.List(ctx, s.deps.Searcher, s.official(), profile.ListOptions{Sort: v.Sort, Region: v.Region})
	var bad *profile.OptionError
	if errors.As(err, &bad) {
		return v, badParam(bad.Option, "%s", bad.Error())
	}
	if err != nil {
		return v, err
	}
	for _, c := range list {
		row := councilRow{
			councilHead: councilHead{Name: c.Name, URL: councilURL(c.ID), Region: c.Region, Type: c.Type, Ofsted: c.Ofsted, Class: judgementClass(c.Ofsted)},
			Caseload:    figure(c.Latest, "caseload"), Vacancy: figure(c.Latest, "vacancy_rate"), Agency: figure(c.Latest, "agency_rate"),
			Articles: c.Articles,
		}
		if c.Latest != nil && c.Latest.AsAt > v.AsAt {
			v.AsAt = c.Latest.AsAt
		}
		v.Rows = append(v.Rows, row)
	}
	v.AsAt = profile.HumanDate(v.AsAt)
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
	for _, c := range profile.Sorts {
		v.Sorts = append(v.Sorts, sortLink{Key: c.Key, Label: c.Label, URL: listURL(c.Key, v.Region), Current: c.Key == v.Sort})
	}
	v.Regions = append(v.Regions, linkView{Label: "All regions", URL: listURL(v.Sort, "")})
	for _, rg := range profile.Regions(s.official()) {
		v.Regions = append(v.Regions, linkView{Label: rg, URL: listURL(v.Sort, rg)})
	}
	return v, nil
}

// articleCounts counts the index's articles per profile ID.
func (s *server) articleCounts(ctx context.Context) (map[string]int, error) {
	return profile.ArticleCounts(ctx, s.deps.Searcher, s.official())
}

// councilID is the profile ID of a council as the index names it, or ""
// when no profile matches.
func (s *server) councilID(name string) string { return profile.IDOf(s.official(), name) }
