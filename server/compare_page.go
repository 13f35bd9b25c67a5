package server

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	// Counts: the cells show raw counts (?view=counts) rather than the
	// default share of each council's passages, which keeps a council
	// with long articles from looking as if it stressed every topic.
	Counts bool
	// ShareURL and CountsURL switch between the two views.
	ShareURL, CountsURL string
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
	Share int // per cent of the council's passages, rounded
	Text  string
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
		counts := false
		switch r.URL.Query().Get("view") {
		case "", "share":
		case "counts":
			counts = true
		default:
			s.renderError(w, r, badParam("view", "%q is not a view: use share or counts", clip(r.URL.Query().Get("view"), 40)))
			return
		}
		view, err := s.compare(r.Context(), counts)
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
func (s *server) compare(ctx context.Context, counts bool) (compareView, error) {
	v := compareView{Counts: counts, ShareURL: "/compare", CountsURL: "/compare?view=counts"}
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
		perTopic := make(map[string]int, len(r.Topics))
		for _, t := range r.Topics {
			perTopic[t.Value] = t.Count
		}
		row := compareRow{
			Council: r.Council,
			Total:   r.Total,
			URL:     "/?" + url.Values{"council": {r.Council}}.Encode(),
		}
		row.CouncilURL = s.councilLink(r.Council)
		for _, t := range v.Topics {
			n := perTopic[t.ID]
			c := compareCell{
				Count: n,
				Share: share(n, r.Total),
				URL:   "/?" + url.Values{"council": {r.Council}, "topic": {t.ID}}.Encode(),
				Label: fmt.Sprintf("%s, %s: %s", r.Council, t.Label, plural(n, "passage")),
			}
			c.Text = strconv.Itoa(c.Count)
			if !counts {
				c.Text = strconv.Itoa(c.Share) + "%"
			}
			if !counts && n > 0 {
				c.Label = fmt.Sprintf("%s, %s: %d%% of its %s (%d)", r.Council, t.Label, c.Share, plural(r.Total, "passage"), n)
			}
			row.Cells = append(row.Cells, c)
			v.Max = max(v.Max, c.value(counts))
		}
		v.Rows = append(v.Rows, row)
	}
	for i := range v.Rows {
		for j := range v.Rows[i].Cells {
			c := &v.Rows[i].Cells[j]
			c.Level = heatLevel(c.value(counts), v.Max)
		}
	}
	return v, nil
}

// value is what the cell's colour measures in the view.
func (c compareCell) value(counts bool) int {
	if counts {
		return c.Count
	}
	return c.Share
}

// share is n as a whole per cent of total; any n above zero is at least
// 1%, so it does not read as none.
func share(n, total int) int {
	if n <= 0 || total <= 0 {
		return 0
	}
	return max(1, (n*100+total/2)/total)
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
