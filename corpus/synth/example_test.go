package synth_test

import (
	"fmt"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Generate an article, write it as Markdown and parse it back.
func ExampleGenerator() {
	g := synth.New(42)
	a := g.Article(7)
	data, err := a.Render(ingest.FormatMarkdown)
	if err != nil {
		fmt.Println(err)
		return
	}
	arts, err := ingest.Parse(a.Name(ingest.FormatMarkdown), data, ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Name(ingest.FormatMarkdown))
	fmt.Println(arts[0].Title == a.Title, arts[0].Council == a.Council.Name)
	fmt.Println(len(arts[0].Passages) == len(a.Passages(ingest.FormatMarkdown)))
	// Output:
	// synthetic-000007.md
	// true true
	// true
}
