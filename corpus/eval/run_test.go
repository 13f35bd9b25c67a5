package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// fakeSearch returns canned rankings, one per query text.
func fakeSearch(rankings map[string][]Hit) SearchFunc {
	return func(_ context.Context, query string, n int) ([]Hit, error) {
		if query == "broken" {
			return nil, errors.New("search timed out")
		}
		hits := rankings[query]
		return hits[:min(n, len(hits))], nil
	}
}

func TestRunRanksWorstFirstAndSaysWhatCameBack(t *testing.T) {
	judged := []Judged{
		{Query: Query{ID: "good", Text: "supervision"}, Grades: map[string]int{"a#1": 3, "a#2": 1}},
		{Query: Query{ID: "bad", Text: "caseloads"}, Grades: map[string]int{"b#5": 3, "a#2": 1}},
		{Query: Query{ID: "err", Text: "broken"}, Grades: map[string]int{"a#1": 3}},
		{Query: Query{ID: "partial", Text: "pods"}, Grades: map[string]int{"a#1": 3, "z#9": 2}, Spans: map[string]string{"z#9": "known as pods"}},
	}
	search := fakeSearch(map[string][]Hit{
		"supervision": {{ID: "a#1", Kind: "qa", Text: "How does support help?"}, {ID: "a#2", Kind: "section", Text: "x"}},
		"pods":        {{ID: "a#1", Kind: "qa", Text: "x"}, {ID: "c#1", Kind: "intro", Text: "Kent County Council"}},
		"caseloads": {
			{ID: "c#1", Kind: "intro", Text: "Kent County Council children's services is in a good place and recruiting now"},
			{ID: "a#2", Kind: "section", Text: "Caseloads have been reduced"},
			{ID: "b#5", Kind: "qa", Text: "What are caseloads like?"},
		},
	})
	rep, err := Run(context.Background(), judged, search)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, q := range rep.Queries {
		order = append(order, q.ID)
	}
	if got := strings.Join(order, ","); got != "err,bad,partial,good" {
		t.Errorf("order = %s, want err,bad,partial,good (worst first)", got)
	}
	partial := rep.Queries[2]
	if len(partial.Missed) != 1 || partial.Missed[0] != (Missed{ID: "z#9", Grade: 2, Span: "known as pods"}) {
		t.Errorf("partial.Missed = %+v, want z#9 (grade 2, not returned)", partial.Missed)
	}
	if len(partial.Instead) != 1 || partial.Instead[0].ID != "c#1" {
		t.Errorf("partial.Instead = %+v, want the irrelevant c#1 that took a relevant passage's place", partial.Instead)
	}
	bad := rep.Queries[1]
	if bad.Best != "b#5" || bad.BestRank != 3 || bad.MRR != 1.0/3 {
		t.Errorf("bad: best %s at rank %d, MRR %v; want b#5 at rank 3, MRR 1/3", bad.Best, bad.BestRank, bad.MRR)
	}
	if len(bad.Instead) != 2 || bad.Instead[0].ID != "c#1" || bad.Instead[0].Kind != "intro" || bad.Instead[1].Grade != 1 {
		t.Errorf("bad.Instead = %+v, want c#1 (intro) then a#2 (grade 1)", bad.Instead)
	}
	if !strings.HasSuffix(bad.Instead[0].Snippet, "…") || strings.Count(bad.Instead[0].Snippet, " ") != 12 {
		t.Errorf("snippet %q: want the first 12 words and an ellipsis", bad.Instead[0].Snippet)
	}
	if e := rep.Queries[0]; e.Error != "search timed out" || e.NDCG != 0 || e.BestRank != 0 {
		t.Errorf("failed query report = %+v", e)
	}
	if !near(rep.Mean.MRR, (1+1.0/3+0+1)/4) {
		t.Errorf("mean MRR = %v, want %v", rep.Mean.MRR, (1+1.0/3+0+1)/4)
	}

	var text bytes.Buffer
	if err := rep.WriteText(&text, 0); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	for _, want := range []string{"MEAN", "(4 queries)", `bad "caseloads"`, "wanted b#5 (grade 3) rank 3", "1. c#1 [intro, grade 0] Kent County", "search failed: search timed out", "not in top 20", `missed z#9 (grade 2, not in top 20) "known as pods"`} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `good "supervision"`) {
		t.Errorf("text report explains a perfect query:\n%s", out)
	}

	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"ndcg@10"`, `"mrr@10"`, `"p@5"`, `"r@20"`, `"instead"`, `"best_rank"`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("JSON report lacks %s: %s", key, data)
		}
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, []Judged{{Query: Query{ID: "q1", Text: "x"}, Grades: map[string]int{"a": 3}}}, fakeSearch(nil))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), `"q1"`) {
		t.Errorf("err = %v, want context.Canceled naming q1", err)
	}
}
