package eval

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Hit is one passage a search returned.
type Hit struct {
	ID   string
	Kind string
	Text string // for a qa passage, the question then the answer
}

// SearchFunc runs one query and returns at most n passages, best first.
type SearchFunc func(ctx context.Context, query string, n int) ([]Hit, error)

// insteadShown is how many of the passages ranked above the best one a
// report shows.
const insteadShown = 3

// QueryReport is how one query fared.
type QueryReport struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Note  string `json:"note,omitempty"`
	Scores
	// Error is why the search failed, when it did; the query then scores 0.
	Error string `json:"error,omitempty"`
	// Relevant counts the passages graded RelevantGrade or more.
	Relevant int `json:"relevant"`
	// Best is the highest-graded passage (of those, the one ranked first).
	Best      string `json:"best"`
	BestGrade int    `json:"best_grade"`
	// BestRank is Best's 1-based rank among the first RecallDepth hits,
	// or 0 when the search did not return it.
	BestRank int `json:"best_rank"`
	// Instead lists what came back above Best (the top hits when Best was
	// not returned), at most three.
	Instead []RankedHit `json:"instead,omitempty"`
	// Missed lists the relevant passages outside the top NDCGDepth, best
	// grade first: what recall and nDCG lost.
	Missed []Missed `json:"missed,omitempty"`
}

// Missed is a relevant passage the search ranked below NDCGDepth or not at
// all.
type Missed struct {
	ID    string `json:"id"`
	Grade int    `json:"grade"`
	Rank  int    `json:"rank"` // 0 when not in the first RecallDepth hits
	Span  string `json:"span,omitempty"`
}

// RankedHit is a returned passage as a report shows it.
type RankedHit struct {
	Rank    int    `json:"rank"`
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Grade   int    `json:"grade"`
	Snippet string `json:"snippet"` // the first words of its text
}

// Report is the outcome of a run: every query, worst first, and the means.
type Report struct {
	Count   int           `json:"count"`
	Mean    Scores        `json:"mean"`
	Queries []QueryReport `json:"queries"`
}

// Run searches every judged query and scores the rankings. It stops only
// when ctx ends; a query whose search fails scores 0 and says why.
func Run(ctx context.Context, judged []Judged, search SearchFunc) (*Report, error) {
	rep := &Report{Count: len(judged)}
	all := make([]Scores, 0, len(judged))
	for _, q := range judged {
		hits, err := search(ctx, q.Text, RecallDepth)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("eval stopped at query %q: %w", q.ID, ctxErr)
		}
		qr := scoreQuery(q, hits)
		if err != nil {
			qr.Error = err.Error()
		}
		all = append(all, qr.Scores)
		rep.Queries = append(rep.Queries, qr)
	}
	rep.Mean = Mean(all)
	slices.SortStableFunc(rep.Queries, func(a, b QueryReport) int {
		return cmp.Or(
			cmp.Compare(a.NDCG, b.NDCG),
			cmp.Compare(a.MRR, b.MRR),
			cmp.Compare(a.Recall, b.Recall),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return rep, nil
}

func scoreQuery(q Judged, hits []Hit) QueryReport {
	ranked := make([]string, len(hits))
	for i, h := range hits {
		ranked[i] = h.ID
	}
	qr := QueryReport{ID: q.ID, Query: q.Text, Note: q.Note, Scores: Score(ranked, q.Grades)}
	for _, g := range q.Grades {
		if g >= RelevantGrade {
			qr.Relevant++
		}
	}

	qr.Best, qr.BestGrade = bestJudged(q.Grades)
	for i, id := range topK(ranked, RecallDepth) {
		if q.Grades[id] == qr.BestGrade {
			qr.Best, qr.BestRank = id, i+1
			break
		}
	}
	rank := make(map[string]int)
	for i, id := range topK(ranked, RecallDepth) {
		rank[id] = i + 1
	}
	for id, g := range q.Grades {
		if g >= RelevantGrade && (rank[id] == 0 || rank[id] > NDCGDepth) {
			qr.Missed = append(qr.Missed, Missed{ID: id, Grade: g, Rank: rank[id], Span: q.Spans[id]})
		}
	}
	slices.SortFunc(qr.Missed, func(a, b Missed) int {
		return cmp.Or(cmp.Compare(b.Grade, a.Grade), cmp.Compare(a.ID, b.ID))
	})

	// What came back instead: the hits ranked above the best passage, and
	// the irrelevant hits that took the places of missed relevant ones.
	byID := make(map[string]Hit, len(hits))
	for _, h := range hits {
		if _, ok := byID[h.ID]; !ok {
			byID[h.ID] = h
		}
	}
	for i, id := range topK(ranked, NDCGDepth) {
		if len(qr.Instead) == insteadShown {
			break
		}
		above := qr.BestRank == 0 || i+1 < qr.BestRank
		displacing := len(qr.Missed) > 0 && q.Grades[id] < RelevantGrade
		if !above && !displacing {
			continue
		}
		h := byID[id]
		qr.Instead = append(qr.Instead, RankedHit{
			Rank: i + 1, ID: id, Kind: h.Kind, Grade: q.Grades[id], Snippet: firstWords(h.Text, 12),
		})
	}
	return qr
}

// bestJudged is the highest grade and, among passages with it, the first id
// in sorted order (so reports are stable).
func bestJudged(grades map[string]int) (string, int) {
	best, grade := "", -1
	for id, g := range grades {
		if g > grade || (g == grade && id < best) {
			best, grade = id, g
		}
	}
	return best, grade
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}
