package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/recruitsearch/recruitsearch/index"
)

// heatLevels is the number of colour steps in the heat map (0 = none).
const heatLevels = 5

// compareView is the data of the councils × topics heat map.
type compareView struct {
	Topics []compareTopic
	Rows   []compareRow
	Max    int
}

type compareTopic struct {
	ID, Label string
}

// compareRow is one council's line of the heat map.
type compareRow struct {
	Council string
	Total   int
	URL     string
	Cells   []compareCell
}

// compareCell is one council × topic count, linking to that search.
type compareCell struct {
	Count int
	Level int
	URL   string
	Label string
}

// handleComparePage answers GET /compare: for every council, how many of
// its passages touch each topic.
func (s *server) handleComparePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		view, err := s.compare(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "compare", page{Title: "Compare councils", Data: view})
	})
}

// compare counts passages per council and topic: the facet list gives the
// councils and topics, then one filtered search per council gives its
// topic counts.
func (s *server) compare(ctx context.Context) (compareView, error) {
	var v compareView
	facets, err := s.deps.Searcher.Facets(ctx)
	if err != nil {
		return v, err
	}
	for _, t := range facets["topic"] {
		v.Topics = append(v.Topics, compareTopic{ID: t.Value, Label: topicLabel(t.Value)})
	}
	for _, c := range facets["council"] {
		if c.Value == "" {
			continue
		}
		res, err := s.deps.Searcher.Search(ctx, index.Request{Councils: []string{c.Value}, Size: 1})
		if err != nil {
			return v, err
		}
		counts := map[string]int{}
		for _, t := range res.Facets["topic"] {
			counts[t.Value] = t.Count
		}
		row := compareRow{
			Council: c.Value,
			Total:   c.Count,
			URL:     "/?" + url.Values{"council": {c.Value}}.Encode(),
		}
		for _, t := range v.Topics {
			n := counts[t.ID]
			v.Max = max(v.Max, n)
			row.Cells = append(row.Cells, compareCell{
				Count: n,
				URL:   "/?" + url.Values{"council": {c.Value}, "topic": {t.ID}}.Encode(),
				Label: fmt.Sprintf("%s, %s: %s", c.Value, t.Label, plural(n, "passage")),
			})
		}
		v.Rows = append(v.Rows, row)
	}
	for i := range v.Rows {
		for j := range v.Rows[i].Cells {
			c := &v.Rows[i].Cells[j]
			c.Level = heatLevel(c.Count, v.Max)
		}
	}
	return v, nil
}

// heatLevel places n on a 0..heatLevels scale of max; any count above zero
// gets at least level 1 so it is visible.
func heatLevel(n, max int) int {
	if n <= 0 || max <= 0 {
		return 0
	}
	return 1 + (n*heatLevels-1)/max
}

// plural is "1 passage", "2 passages".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
