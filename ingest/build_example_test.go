package ingest_test

import (
	"fmt"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Build turns any front-end's Document into passages: here a quotation
// attributed later by first name, and a pull quote folded into the
// paragraph it repeats.
func ExampleBuild() {
	doc := &ingest.Document{
		Name:  "example.html",
		Title: "Pods that know every child",
		Blocks: []ingest.Block{
			{Kind: ingest.BlockParagraph, Text: "A sponsored feature from Medway Council"},
			{Kind: ingest.BlockParagraph, Text: "Medway Council’s principal social worker Jean Ross runs the pods."},
			{Kind: ingest.BlockParagraph, Text: "“Each pod knows every child it works with,” Jean adds."},
			{Kind: ingest.BlockParagraph, Text: "“Each pod knows every child it works with”"},
		},
	}
	a, err := ingest.Build(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.ID, "|", a.Council)
	for _, p := range a.Passages {
		fmt.Printf("%s %s %q %q\n", p.ID, p.Kind, p.Speaker, p.Role)
	}
	// Output:
	// pods-that-know-every-child | Medway Council
	// pods-that-know-every-child#1 intro "" ""
	// pods-that-know-every-child#2 quote "Jean Ross" "principal social worker"
}
