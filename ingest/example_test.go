package ingest_test

import (
	"errors"
	"fmt"

	"github.com/recruitsearch/recruitsearch/ingest"
)

func ExampleParse() {
	page := []byte(`<html><head>
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
<article>
<h1>Supervision that sticks in Medway</h1>
<p>A sponsored feature from Medway Council</p>
<p>Every social worker in Medway has group supervision in their pod each fortnight.</p>
</article>
<footer>© Example News</footer>
</body></html>`)
	articles, err := ingest.Parse("medway.html", page, ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := articles[0]
	fmt.Println(a.Title)
	fmt.Println(a.Council, a.Published, a.Format)
	for _, p := range a.Passages {
		fmt.Println(p.Kind, p.Topics, p.Text)
	}

	_, err = ingest.Parse("brochure.pdf", []byte("%PDF-1.7\n"), ingest.Options{})
	fmt.Println(errors.Is(err, ingest.ErrBinary), err)
	// Output:
	// Supervision that sticks in Medway
	// Medway Council 2024-03-05 html
	// intro [supervision team-structure] Every social worker in Medway has group supervision in their pod each fortnight.
	// true brochure.pdf: binary file (application/pdf)
}

func ExampleFindCouncils() {
	for _, c := range ingest.FindCouncils("Medway Council, unlike Kentish towns, borders Kent; it is not the London Borough of Hackney.") {
		fmt.Printf("%s (%s, %s)\n", c.Name, c.Type, c.Region)
	}
	// Output:
	// Medway Council (unitary, South East)
	// Kent County Council (county, South East)
	// London Borough of Hackney (London borough, London)
}

func ExampleNormalizeRole() {
	fmt.Println(ingest.NormalizeRole("NQSW"))
	fmt.Println(ingest.NormalizeRole("Senior Practitioner, Child Protection"))
	fmt.Println(ingest.NormalizeRole("director of specialist children’s services"))
	// Output:
	// newly qualified social worker
	// senior social worker
	// director
}

func ExampleNormalizeText() {
	// A decomposed accent, a ligature, fullwidth letters and a zero-width
	// space: what looks alike is stored and searched alike.
	fmt.Println(ingest.NormalizeText("cafe\u0301 \ufb02exible ＡＳＹＥ super\u200bvision"))
	// Output: café flexible ASYE supervision
}
