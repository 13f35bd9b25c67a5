package ingest_test

import (
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// TestSynthCouncilsInVolume parses 500 synthetic articles in every format
// and checks the sponsoring council of each. Forty articles hid a fault
// that 500 show: 15 of 500 plain-text titles ending in "trust" ("A great
// place for assessments to trust") were taken for the council (issue 11).
func TestSynthCouncilsInVolume(t *testing.T) {
	const n = 500
	g := synth.New(1)
	for _, f := range []ingest.Format{ingest.FormatText, ingest.FormatMarkdown, ingest.FormatHTML, ingest.FormatJSONL} {
		t.Run(string(f), func(t *testing.T) {
			wrong := 0
			for i := range n {
				a := g.Article(i)
				data, err := a.Render(f)
				if err != nil {
					t.Fatal(err)
				}
				arts, err := ingest.Parse(a.Name(f), data, ingest.Options{})
				if err != nil || len(arts) != 1 {
					t.Fatalf("article %d: %d articles, %v", i, len(arts), err)
				}
				if got := arts[0].Council; got != a.Council.Name {
					if wrong++; wrong <= 5 {
						t.Errorf("article %d %q: council %q, want %q", i, a.Title, got, a.Council.Name)
					}
				}
			}
			if wrong > 0 {
				t.Errorf("%d of %d articles have the wrong council", wrong, n)
			}
		})
	}
}
