package ingest

import "testing"

// TestPronounFittingTwoPeople leaves a quotation unattributed when its
// "she says" could stand for either of two people just named, none known
// to be "she" or "he": a wrong name on a quotation misleads, a missing one
// does not. Where the text has settled who it is (one is "he", or one was
// quoted by name since), the pronoun is still resolved.
func TestPronounFittingTwoPeople(t *testing.T) {
	const quote = "“I wanted to work with the same carers for years, not for the length of a contract,” she says."
	for _, tt := range []struct {
		name  string
		paras []string
		want  string // speaker of the last paragraph
	}{
		{"two introduced, then she says", []string{
			"Sam Okafor, a supervising social worker, and Jordan Reeve, a senior practitioner, both joined from agencies in 2023.",
			quote}, ""},
		{"one introduced, one described", []string{
			"Sam Okafor, a supervising social worker, and Jordan Reeve, a family finder, both joined from agencies in 2023.",
			quote}, ""},
		{"same paragraph", []string{
			"Sam Okafor, a supervising social worker, and Jordan Reeve, a senior practitioner, both joined from agencies in 2023. " + quote}, ""},
		{"one is he", []string{
			"Tom Bright, a team manager, runs the fostering hub. His deputy, Leila Osei, a senior practitioner, joined in 2023.",
			quote}, "Leila Osei"},
		{"one quoted by name since", []string{
			"Sam Okafor, a supervising social worker, and Jordan Reeve, a senior practitioner, both joined from agencies in 2023.",
			"“The paperwork is lighter here,” says Jordan Reeve.",
			quote}, "Jordan Reeve"},
		{"one person", []string{
			"Becky Long, a team manager, joined from an agency in 2023.",
			quote}, "Becky Long"},
		{"a council is not a person", []string{
			"Becky Long, a team manager, joined Walsall Council, a borough in the Black Country, in 2023.",
			quote}, "Becky Long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := &Document{Name: "t.txt", Title: "Two routes into fostering", Blocks: []Block{
				{Kind: BlockParagraph, Text: "The fostering service has grown by a third in eighteen months."},
			}}
			for _, p := range tt.paras {
				doc.Blocks = append(doc.Blocks, Block{Kind: BlockParagraph, Text: p})
			}
			a, err := Build(doc)
			if err != nil {
				t.Fatal(err)
			}
			p := a.Passages[len(a.Passages)-1]
			if p.Kind != KindQuote || p.Speaker != tt.want {
				t.Errorf("last passage: %s by %q, want quote by %q", p.Kind, p.Speaker, tt.want)
			}
		})
	}
}
