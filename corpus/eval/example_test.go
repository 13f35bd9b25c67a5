package eval_test

import (
	"context"
	"fmt"

	"github.com/recruitsearch/recruitsearch/corpus/eval"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func Example() {
	set, _ := eval.ParseQueries("queries.tsv", []byte("q1\tcaseloads in Kent\n"))
	js, _ := eval.ParseJudgements("judgements.tsv", []byte(
		"q1\t3\tkent.txt\tcaseloads are higher\n"+
			"q1\t1\tkent.txt\tgood place\n"))
	_ = set.Merge("judgements.tsv", js)

	articles := []*ingest.Article{{ID: "kent", Source: "kent.txt", Passages: []ingest.Passage{
		{ID: "kent#1", Kind: ingest.KindIntro, Text: "Kent is in a good place."},
		{ID: "kent#2", Kind: ingest.KindQA, Text: "At the moment caseloads are higher than usual."},
	}}}
	judged, err := set.Resolve("judgements.tsv", articles)
	if err != nil {
		fmt.Println(err)
		return
	}

	// A search that ranks the intro above the answer.
	search := func(ctx context.Context, query string, n int) ([]eval.Hit, error) {
		return []eval.Hit{{ID: "kent#1", Kind: "intro"}, {ID: "kent#2", Kind: "qa"}}, nil
	}
	report, _ := eval.Run(context.Background(), judged, search)
	fmt.Printf("nDCG@10 %.3f  MRR@10 %.2f  best passage at rank %d\n",
		report.Mean.NDCG, report.Mean.MRR, report.Queries[0].BestRank)
	// Output: nDCG@10 0.710  MRR@10 0.50  best passage at rank 2
}
