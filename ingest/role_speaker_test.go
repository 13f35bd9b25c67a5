package ingest

import "testing"

// speakerOfLast builds an article of a lead paragraph and paras and
// returns the speaker and role of its last passage, with its kind.
func speakerOfLast(tb testing.TB, paras ...string) Passage {
	tb.Helper()
	blocks := []Block{{Kind: BlockParagraph, Text: "An opening paragraph about the council and its social workers."}}
	for _, p := range paras {
		blocks = append(blocks, Block{Kind: BlockParagraph, Text: p})
	}
	a, err := Build(&Document{Name: "t.txt", Title: "A title for the test article", Blocks: blocks})
	if err != nil {
		tb.Fatal(err)
	}
	return a.Passages[len(a.Passages)-1]
}

// TestRoleBeforeName reads a job title written before a name, as news
// does ("Director of children's services Mark Ellison said"), as that
// speaker's role; a title that belongs to someone else, or words that
// are not a title, give none.
func TestRoleBeforeName(t *testing.T) {
	const quote = "“It works for the families and for us as a team.”"
	for _, tt := range []struct{ name, para, speaker, role string }{
		{"title with of phrase", "Director of children's services Mark Ellison said: " + quote, "Mark Ellison", "director"},
		{"title case with of phrase after the verb", "“It works for the families and for us as a team,” said Director of Children's Services Mark Ellison.", "Mark Ellison", "director"},
		{"head of", "Head of service Sam Reid said: " + quote, "Sam Reid", "head of service"},
		{"union title", "Unison branch secretary Pete Dunne said: " + quote, "Pete Dunne", "branch secretary"},
		{"capitalised title", "Advanced practitioner Priya Nair explains: " + quote, "Priya Nair", "advanced practitioner"},
		{"lower-case title mid-sentence", "The rota was agreed with team manager Jo Bell. “It has helped every one of us to plan our visits,” she said.", "Jo Bell", "team manager"},
		{"apposition closed by a comma", "Its team manager, Rosa Delgado, said: " + quote, "Rosa Delgado", "team manager"},
		// Near misses.
		{"title of the person spoken to", "Speaking to the team manager, Jo Bell said: " + quote, "Jo Bell", ""},
		{"of phrase that does not reach the name", "The director of the agency Jo Bell said: " + quote, "Jo Bell", ""},
		{"opening phrase, no title", "Last week Jo Bell said: " + quote, "Jo Bell", ""},
		{"sentence opening with a title's noun", "Lead by example, Jo Bell said: " + quote, "Jo Bell", ""},
		{"title closed by a full stop", "We spoke to the director of children's services. Jo Bell said: " + quote, "Jo Bell", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := speakerOfLast(t, tt.para)
			if p.Kind != KindQuote || p.Speaker != tt.speaker || p.Role != tt.role {
				t.Errorf("%q: %s by %q (%q), want quote by %q (%q)", tt.para, p.Kind, p.Speaker, p.Role, tt.speaker, tt.role)
			}
		})
	}
}
