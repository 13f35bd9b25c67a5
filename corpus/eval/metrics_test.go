package eval

import (
	"math"
	"testing"
)

func TestMetricsByHand(t *testing.T) {
	// Judged: b is the answer (3), d relevant (2), c related (1), a judged
	// not relevant (0); x is unjudged.
	grades := map[string]int{"a": 0, "b": 3, "c": 1, "d": 2}
	tests := []struct {
		name   string
		ranked []string
		want   Scores
	}{
		{
			// DCG = 7/log2(3) + 1/log2(4) = 4.9165; ideal = 7 + 3/log2(3) + 1/2 = 9.3928.
			name:   "answer second, one relevant missing",
			ranked: []string{"a", "b", "c"},
			want:   Scores{NDCG: 0.523434, MRR: 0.5, Precision: 0.4, Recall: 2.0 / 3},
		},
		{
			name:   "ideal order",
			ranked: []string{"b", "d", "c", "a"},
			want:   Scores{NDCG: 1, MRR: 1, Precision: 0.6, Recall: 1},
		},
		{
			name:   "a repeated passage earns once",
			ranked: []string{"b", "b", "d", "c"},
			want:   Scores{NDCG: 1, MRR: 1, Precision: 0.6, Recall: 1},
		},
		{
			// Only c (grade 1) is found: it does not count for MRR.
			name:   "only a related passage",
			ranked: []string{"x", "c"},
			want:   Scores{NDCG: (1 / math.Log2(3)) / 9.392789, MRR: 0, Precision: 0.2, Recall: 1.0 / 3},
		},
		{
			name:   "nothing returned",
			ranked: nil,
			want:   Scores{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.ranked, grades)
			assertScores(t, got, tt.want)
		})
	}
}

func TestCutOffs(t *testing.T) {
	grades := map[string]int{"b": 3, "d": 2}
	// nDCG@2 of [b, a, d]: 7 / (7 + 3/log2(3)) = 0.787155.
	if got := NDCG([]string{"b", "a", "d"}, grades, 2); !near(got, 0.787155) {
		t.Errorf("nDCG@2 = %.6f, want 0.787155", got)
	}
	// The answer at rank 11 is outside MRR@10.
	ranked := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "b"}
	if got := ReciprocalRank(ranked, grades, 10, AnswerGrade); got != 0 {
		t.Errorf("MRR@10 with the answer at rank 11 = %v, want 0", got)
	}
	if got := ReciprocalRank(ranked, grades, 20, AnswerGrade); !near(got, 1.0/11) {
		t.Errorf("MRR@20 with the answer at rank 11 = %v, want 1/11", got)
	}
	if got := Recall(ranked, grades, 10); got != 0 {
		t.Errorf("recall@10 = %v, want 0", got)
	}
	if got := Recall(ranked, grades, 20); got != 0.5 {
		t.Errorf("recall@20 = %v, want 0.5 (b found, d not)", got)
	}
}

func TestMean(t *testing.T) {
	got := Mean([]Scores{{NDCG: 1, MRR: 1, Precision: 0.4, Recall: 1}, {NDCG: 0.5, MRR: 0, Precision: 0, Recall: 0.5}})
	assertScores(t, got, Scores{NDCG: 0.75, MRR: 0.5, Precision: 0.2, Recall: 0.75})
	if got := Mean(nil); got != (Scores{}) {
		t.Errorf("Mean(nil) = %+v, want zero", got)
	}
}

func assertScores(t testing.TB, got, want Scores) {
	t.Helper()
	if !near(got.NDCG, want.NDCG) || !near(got.MRR, want.MRR) || !near(got.Precision, want.Precision) || !near(got.Recall, want.Recall) {
		t.Errorf("scores = %+v, want %+v", got, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-5 }
