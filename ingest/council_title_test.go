package ingest

import "testing"

// TestCouncilOverTitle gives the article to the council it is about when
// its title names another as a model ("What Leeds got right" over
// Wakefield's story), and keeps the title's council where the title names
// the employer, whatever neighbours the body mentions.
func TestCouncilOverTitle(t *testing.T) {
	for _, tt := range []struct {
		name, title string
		paras       []string
		want        string
	}{
		{"title names the model", "What Leeds got right", []string{
			"Wakefield's children's services borrowed the best of a neighbour's approach and made it their own.",
			"A group of Wakefield managers spent a fortnight with duty teams in Leeds in 2021.",
			"Wakefield now sends two workers to every new referral, and caseloads have dropped to 17.",
			"Wakefield is recruiting experienced social workers for its assessment teams.",
		}, "Wakefield Council"},
		{"title names the model, lead names nobody", "The Leeds effect", []string{
			"Three years ago the front door was losing a social worker a month.",
			"Wakefield Council sent its managers to learn from a neighbour rated outstanding.",
			"Wakefield now sends two workers to every new referral, and caseloads have dropped to 17.",
			"Wakefield is recruiting experienced social workers for its assessment teams.",
		}, "Wakefield Council"},
		{"title is the employer, neighbours in the body", "Why Kent is a good place to practise", []string{
			"Kent County Council is recruiting social workers for its children's teams across the county.",
			"Many of its new starters came from Medway, and some still live there.",
			"Medway's teams and Kent's share training days, and staff from Medway often join them.",
			"Kent offers a market supplement for experienced staff.",
		}, "Kent County Council"},
		{"title is the employer, lead compares", "Why social workers choose Leeds", []string{
			"Leeds City Council has kept its vacancy rate under 10% for five years.",
			"Social workers who moved from Bradford and Wakefield say the restorative approach made the difference.",
			"Leeds is recruiting for its duty and assessment teams.",
		}, "Leeds City Council"},
		{"title is the employer, body names another once", "Life in Calderdale's assessment team", []string{
			"Calderdale's assessment team has halved its use of agency staff in a year.",
			"Staff say the team feels like the one they trained in at Kirklees.",
			"The team is recruiting two senior practitioners this spring.",
		}, "Calderdale Council"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := &Document{Name: "t.txt", Title: tt.title}
			for _, p := range tt.paras {
				doc.Blocks = append(doc.Blocks, Block{Kind: BlockParagraph, Text: p})
			}
			a, err := Build(doc)
			if err != nil {
				t.Fatal(err)
			}
			if a.Council != tt.want {
				t.Errorf("council %q (%s), want %q", a.Council, a.CouncilSource, tt.want)
			}
		})
	}
}
