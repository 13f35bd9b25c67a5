package index

import (
	"slices"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestMentions(t *testing.T) {
	a := &ingest.Article{Passages: []ingest.Passage{
		{Text: "Jean said nothing yet."}, // before the introduction
		{Text: "Principal social worker Jean Ross meets staff."},
		{Text: "Jean is having one of these discussions."},
		{Text: "“It matters,” says Jean.", Speaker: "Jean Ross"},           // her own
		{Text: "Ross came to work at Medway as a locum."},                  // surname alone
		{Text: "Jeanette and a jean jacket.", Items: []string{"Rossiter"}}, // no whole word
		{Question: "What does Jean think?", Text: "She likes it."},
		{Text: "Will Hart and Jean Ross agree.", Speaker: "Will Hart"},
		{Text: "We will see. Jean agrees with Will."},
	}}
	want := [][]string{nil, nil, {"Ross"}, nil, {"Jean"}, nil, {"Ross"}, nil, {"Ross", "Hart"}}
	got := mentions(a)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("passage %d %q: mentions %q, want %q", i, a.Passages[i].Text, got[i], want[i])
		}
	}
}
