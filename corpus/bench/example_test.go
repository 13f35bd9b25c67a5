package bench_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/bench"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func Example() {
	cfg := bench.DefaultConfig()
	cfg.Articles = 20
	cfg.Duration = 100 * time.Millisecond
	cfg.Clients = 2
	rep, err := bench.Run(context.Background(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The counts are fixed by the seed; the timings are not.
	fmt.Printf("%d articles, %d passages, %d HTTP clients\n", rep.Articles, rep.Passages, rep.HTTP.Clients)
	// Output: 20 articles, 243 passages, 2 HTTP clients
}

func ExampleQueryMix() {
	sample := []ingest.Passage{{
		ID: "kent#1", Council: "Kent County Council", Kind: ingest.KindQA, Topics: []string{"supervision"},
		Text: "Supervision happens every four weeks with a practice manager who knows the families well.",
	}, {
		ID: "kent#2", Council: "Kent County Council", Kind: ingest.KindSection,
		Text: "Caseloads average seventeen children, and newly qualified workers carry fewer.",
	}}
	mix := bench.QueryMix(sample, 1)
	shapes := map[string]int{}
	for _, q := range mix {
		shapes[q.Shape]++
	}
	fmt.Println(len(mix), "queries:", shapes)
	// Output: 200 queries: map[collapse:15 faceted:20 filtered:25 misspelt:20 phrase:25 prefix:15 word:40 words:40]
}

func ExampleExporter() {
	e := bench.NewExporter(os.Stdout)
	_ = e.Write(&ingest.Article{ID: "kent", Passages: []ingest.Passage{{
		ID: "kent#1", ArticleID: "kent", Council: "Kent County Council", Kind: ingest.KindQA,
		Speaker: "Jean Ross", Question: "How often is supervision?", Text: "Every four weeks.",
	}}})
	_ = e.Flush()
	fmt.Println(e.Passages(), "passage")
	// Output:
	// {"id":"kent#1","article_id":"kent","council":"Kent County Council","kind":"qa","topics":[],"speaker":"Jean Ross","text":"How often is supervision?\nEvery four weeks."}
	// 1 passage
}
