package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

// Bounds of a side-by-side comparison.
const (
	minCompared = 2
	maxCompared = 4
)

// compareCouncilsView is the data of /compare?council=A&council=B…: up to
// four profiles side by side, or the reason they cannot be.
type compareCouncilsView struct {
	Error    string
	Note     string // how the set was chosen, when the page chose it
	Councils []compareCouncil
	Rows     []compareFieldRow
	AsAt     string
	Charts   []chartView
	Chooser  councilChooser
	Legend   []chartSeries
	Sources  sourcesView
}

// compareCouncil is one column of the comparison.
type compareCouncil struct {
	councilHead
	Short      string
	Articles   int
	HasFigures bool
	Note       string
}

// compareFieldRow is one figure across the councils, England last.
type compareFieldRow struct {
	Label string
	Cells []figureView
}

// councilChooser is the form that picks the councils: a text box per
// place, with every council's name offered by a datalist.
type councilChooser struct {
	Values []string
	Names  []string
}

// comparedCouncils reads the council parameters: ids, names or codes,
// blanks skipped, repeats dropped. One council brings its closest
// statistical neighbours to make four.
func (s *server) comparedCouncils(values []string) ([]*official.Profile, string, error) {
	var out []*official.Profile
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		p, ok := s.official().ByID(v)
		if !ok {
			var err error
			if p, err = s.official().Lookup(v); err != nil {
				var nf *official.NotFoundError
				if errors.As(err, &nf) && len(nf.Closest) > 0 {
					return nil, "", badParam("council", "no council matches %q; did you mean %s?", v, joinNames(nf.Closest))
				}
				return nil, "", badParam("council", "no council matches %q", v)
			}
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) > maxCompared {
		return nil, "", badParam("council", "compare at most %d councils side by side; %d were chosen", maxCompared, len(out))
	}
	note := ""
	if len(out) == 1 {
		p := out[0]
		for _, n := range p.Neighbours {
			if len(out) == maxCompared {
				break
			}
			if q, ok := s.official().ByID(n.ID); ok {
				out = append(out, q)
			}
		}
		if len(out) == 1 {
			return nil, "", badParam("council", "%s has no statistical neighbours to compare with; choose at least %d councils", p.Name, minCompared)
		}
		note = fmt.Sprintf("%s beside its %d closest statistical neighbours, as DfE ranks them. Change any council below.", p.Name, len(out)-1)
	}
	return out, note, nil
}

// compareCouncils builds the side-by-side view of ps.
func (s *server) compareCouncils(ctx context.Context, ps []*official.Profile) (compareCouncilsView, error) {
	v := compareCouncilsView{Sources: sourcesOf(s.official())}
	counts, err := s.articleCounts(ctx)
	if err != nil {
		return v, err
	}
	var england []official.Workforce
	for _, p := range ps {
		c := compareCouncil{
			councilHead: headOf(p), Short: p.Short,
			Articles: counts[p.ID], HasFigures: profile.HasFigures(p), Note: p.Note,
		}
		v.Councils = append(v.Councils, c)
		if len(p.EnglandWorkforce) > len(england) {
			england = p.EnglandWorkforce
		}
	}
	latestEngland := official.Latest(england)
	for _, f := range official.Fields() {
		row := compareFieldRow{Label: official.FieldLabel(f)}
		for _, p := range ps {
			row.Cells = append(row.Cells, figure(official.Latest(p.Workforce), f))
		}
		row.Cells = append(row.Cells, figure(latestEngland, f))
		v.Rows = append(v.Rows, row)
	}
	if latestEngland != nil {
		v.AsAt = profile.HumanDate(latestEngland.AsAt)
	}
	series := make([][]official.Workforce, 0, len(ps)+1)
	for _, p := range ps {
		series = append(series, p.Workforce)
	}
	ys := years(append(series, england)...)
	if len(ys) > 0 {
		for _, c := range []struct{ field, title, unit string }{
			{"caseload", "Average caseload per case-holding social worker (FTE)", "cases"},
			{"vacancy_rate", "Vacancy rate (% of FTE posts)", "per cent"},
		} {
			var lines []chartLine
			for i, p := range ps {
				lines = append(lines, chartLine{Name: p.Short, Class: fmt.Sprintf("series-%d", i), Values: byYear(p.Workforce, c.field)})
			}
			lines = append(lines, chartLine{Name: "England", Class: "series-england", Values: byYear(england, c.field)})
			v.Charts = append(v.Charts, lineChart("compare-"+c.field, fmt.Sprintf("%s, %d to %d", c.title, ys[0], ys[len(ys)-1]), c.unit, ys, lines))
		}
		v.Legend = v.Charts[0].Series
	}
	return v, nil
}

// chooser is the form, filled with the councils chosen.
func (s *server) chooser(chosen []string) councilChooser {
	c := councilChooser{}
	for _, p := range s.official().Profiles() {
		c.Names = append(c.Names, p.Name)
	}
	c.Values = append(c.Values, chosen...)
	for len(c.Values) < maxCompared {
		c.Values = append(c.Values, "")
	}
	return c
}

// handleCompareCouncils answers /compare when councils are chosen; a bad
// choice is a 400 page that says what is wrong and keeps the form.
func (s *server) handleCompareCouncils(w http.ResponseWriter, r *http.Request, values []string) {
	ps, note, err := s.comparedCouncils(values)
	if err != nil {
		status, message := s.pageFault(r, err)
		var kept []string
		for _, v := range values {
			if strings.TrimSpace(v) != "" && len(kept) < maxCompared {
				kept = append(kept, v)
			}
		}
		s.render(w, r, status, "compare-councils", page{Title: "Compare councils", Data: compareCouncilsView{
			Error: message, Chooser: s.chooser(kept),
		}})
		return
	}
	v, err := s.compareCouncils(r.Context(), ps)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Note = note
	var chosen, names []string
	for _, p := range ps {
		chosen = append(chosen, p.Name)
		names = append(names, p.Short)
	}
	v.Chooser = s.chooser(chosen)
	s.render(w, r, http.StatusOK, "compare-councils", page{Title: "Compare " + joinNames(names), Data: v})
}
