package index_test

import (
	"context"
	"fmt"
	"log"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/index"
)

// Index the embedded seed articles in memory and search them.
func Example() {
	ctx := context.Background()
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
			log.Fatal(err)
		}
	}

	res, err := ix.Search(ctx, index.Request{Query: "Signs of Safety", Size: 1})
	if err != nil {
		log.Fatal(err)
	}
	top := res.Hits[0]
	fmt.Println(top.Kind, "|", top.Speaker, "|", top.Council)
	fmt.Println(top.Question)
	// Output:
	// qa | Amy Gordon | Kent County Council
	// Kent has embraced the Signs of Safety approach. What difference is it making?
}

// A misspelt word that is no English word is corrected to the spelling
// the index knows, and the result says which query the hits are for.
func ExampleIndex_Search_didYouMean() {
	ctx := context.Background()
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(ctx, f.Name, f.Data); err != nil {
			log.Fatal(err)
		}
	}
	res, err := ix.Search(ctx, index.Request{Query: "supervison", Filters: map[string][]string{"council": {"Medway"}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("corrected to:", res.CorrectedQuery)
	fmt.Println(res.Total, "passage from", res.Hits[0].Council)
	for _, c := range res.Facets["council"] {
		fmt.Println(c.Value, c.Count)
	}
	// Output:
	// corrected to: supervision
	// 1 passage from Medway Council
	// Kent County Council 3
	// Medway Council 1
	// Worcestershire County Council 1
}
