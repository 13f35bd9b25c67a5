package server

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// heatLevels is the number of colour steps in the heat map (0 = none).
const heatLevels = 5

// compareView is the data of the councils × topics heat map.
type compareView struct {
	Topics  []compareTopic
	Rows    []compareRow
	Max     int
	Chooser councilChooser
}

type compareTopic struct {
	ID, Label string
}

// compareRow is one council's line of the heat map.
type compareRow struct {
	Council    string
	Total      int
	URL        string // the council's passages
	CouncilURL string // its profile, "" when no profile matches the name
	Cells      []compareCell
}

// compareCell is one council × topic count, linking to that search.
type compareCell struct {
	Count int
	Level int
	URL   string
	Label string
}

// handleComparePage answers GET /compare: with councils chosen
// (?council=A&council=B…), their official figures side by side; without,
// for every council, how many of its passages touch each topic.
func (s *server) handleComparePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if chosen := r.URL.Query()["council"]; slices.ContainsFunc(chosen, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			s.handleCompareCouncils(w, r, chosen)
			return
		}
		view, err := s.compare(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		view.Chooser = s.chooser(nil)
		s.render(w, r, http.StatusOK, "compare", page{Title: "Compare councils", Data: view})
	})
}

// compare lays out the councils × topics matrix the index counts in one
// pass: councils in its order (most passages first), topics most
// passages first over all councils.
func (s *server) compare(ctx context.Context) (compareView, error) {
	var v compareView
	matrix, err := s.deps.Searcher.CouncilTopics(ctx)
	if err != nil {
		return v, err
	}
	topicTotals := map[string]int{}
	for _, r := range matrix {
		for _, t := range r.Topics {
			topicTotals[t.Value] += t.Count
		}
	}
	topics := slices.SortedFunc(maps.Keys(topicTotals), func(a, b string) int {
		return cmp.Or(cmp.Compare(topicTotals[b], topicTotals[a]), cmp.Compare(a, b))
	})
	for _, id := range topics {
		v.Topics = append(v.Topics, compareTopic{ID: id, Label: topicLabel(id)})
	}
	for _, r := range matrix {
		counts := make(map[string]int, len(r.Topics))
		for _, t := range r.Topics {
			counts[t.Value] = t.Count
		}
		row := compareRow{
			Council: r.Council,
			Total:   r.Total,
			URL:     "/?" + url.Values{"council": {r.Council}}.Encode(),
		}
		row.CouncilURL = s.councilLink(r.Council)
		for _, t := range v.Topics {
			n := counts[t.ID]
			v.Max = max(v.Max, n)
			row.Cells = append(row.Cells, compareCell{
				Count: n,
				URL:   "/?" + url.Values{"council": {r.Council}, "topic": {t.ID}}.Encode(),
				Label: fmt.Sprintf("%s, %s: %s", r.Council, t.Label, plural(n, "passage")),
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
