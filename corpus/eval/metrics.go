package eval

import (
	"math"
	"sort"
)

// Grades used by the metrics. A judgement's grade is 0 (not relevant),
// 1 (related: mentions the subject), 2 (relevant: substantially about it)
// or 3 (the passage a searcher wants first). Unjudged passages count as 0.
const (
	MaxGrade = 3
	// RelevantGrade is the least grade that counts as relevant for
	// precision and recall.
	RelevantGrade = 1
	// AnswerGrade is the least grade that ends the search for MRR: the
	// reciprocal rank is that of the first passage graded 2 or more, because
	// a passage that merely mentions the subject does not answer the query.
	AnswerGrade = 2
)

// Cut-offs of the reported metrics.
const (
	NDCGDepth      = 10
	MRRDepth       = 10
	PrecisionDepth = 5
	RecallDepth    = 20
)

// Scores are the four metrics for one query or their mean over a set.
type Scores struct {
	NDCG      float64 `json:"ndcg@10"`
	MRR       float64 `json:"mrr@10"`
	Precision float64 `json:"p@5"`
	Recall    float64 `json:"r@20"`
}

// Score computes all four metrics for one ranking of passage ids.
func Score(ranked []string, grades map[string]int) Scores {
	return Scores{
		NDCG:      NDCG(ranked, grades, NDCGDepth),
		MRR:       ReciprocalRank(ranked, grades, MRRDepth, AnswerGrade),
		Precision: Precision(ranked, grades, PrecisionDepth),
		Recall:    Recall(ranked, grades, RecallDepth),
	}
}

// gain is the exponential gain 2^grade − 1 used by Elasticsearch's DCG and
// most published nDCG figures: a grade-3 passage is worth seven grade-1s.
func gain(grade int) float64 {
	if grade <= 0 {
		return 0
	}
	return math.Exp2(float64(grade)) - 1
}

// discount is the standard log2 discount of rank (1-based).
func discount(rank int) float64 { return math.Log2(float64(rank) + 1) }

// NDCG is the normalised discounted cumulative gain of the first k ranked
// ids. The ideal ranking is every judged passage sorted by grade, so a
// relevant passage that was never retrieved lowers the score.
func NDCG(ranked []string, grades map[string]int, k int) float64 {
	var dcg float64
	for i, id := range topK(ranked, k) {
		dcg += gain(grades[id]) / discount(i+1)
	}
	ideal := make([]int, 0, len(grades))
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	var idcg float64
	for i, g := range ideal {
		if i == k {
			break
		}
		idcg += gain(g) / discount(i+1)
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// ReciprocalRank is 1/rank of the first of the top k ids graded minGrade
// or more, or 0 when there is none.
func ReciprocalRank(ranked []string, grades map[string]int, k, minGrade int) float64 {
	for i, id := range topK(ranked, k) {
		if grades[id] >= minGrade {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// Precision is the share of the first k positions holding a relevant
// passage (grade ≥ RelevantGrade). The denominator is always k, so a query
// with fewer than k relevant passages cannot reach 1.
func Precision(ranked []string, grades map[string]int, k int) float64 {
	if k <= 0 {
		return 0
	}
	return float64(countRelevant(topK(ranked, k), grades)) / float64(k)
}

// Recall is the share of all relevant passages (grade ≥ RelevantGrade)
// found in the first k ids.
func Recall(ranked []string, grades map[string]int, k int) float64 {
	relevant := 0
	for _, g := range grades {
		if g >= RelevantGrade {
			relevant++
		}
	}
	if relevant == 0 {
		return 0
	}
	return float64(countRelevant(topK(ranked, k), grades)) / float64(relevant)
}

func countRelevant(ids []string, grades map[string]int) int {
	n := 0
	for _, id := range ids {
		if grades[id] >= RelevantGrade {
			n++
		}
	}
	return n
}

// topK returns the first k distinct ids: a passage returned twice earns
// its gain once.
func topK(ranked []string, k int) []string {
	seen := make(map[string]bool, k)
	out := make([]string, 0, k)
	for _, id := range ranked {
		if len(out) == k {
			break
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// Mean averages scores over queries; the mean of none is zero.
func Mean(all []Scores) Scores {
	var m Scores
	if len(all) == 0 {
		return m
	}
	for _, s := range all {
		m.NDCG += s.NDCG
		m.MRR += s.MRR
		m.Precision += s.Precision
		m.Recall += s.Recall
	}
	n := float64(len(all))
	return Scores{NDCG: m.NDCG / n, MRR: m.MRR / n, Precision: m.Precision / n, Recall: m.Recall / n}
}
