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

// TestSelfDescribedRole gives a known speaker who has no role the one
// they give themselves in their own words, and nothing for words that
// are not a description of their job now.
func TestSelfDescribedRole(t *testing.T) {
	const lead = "Jo Bell joined the council last year."
	for _, tt := range []struct{ name, quote, role string }{
		{"I'm a", "“I'm a team manager in the east locality and I love the variety of the work,” she says.", "team manager"},
		{"as a, I", "“As a newly qualified social worker, I was given time to learn and a protected caseload,” she says.", "newly qualified social worker"},
		{"I am now an", "“I am now an advanced practitioner, which means I mentor new starters,” she says.", "advanced practitioner"},
		{"I work as", "“I work as a senior practitioner in the court team, and it is busy,” she says.", "senior social worker"},
		// Near misses.
		{"as a, you", "“As a social worker, you learn to listen before you act on anything,” she says.", ""},
		{"not a vocabulary role", "“I'm a member of the practice panel and I chair it once a month,” she says.", ""},
		{"was", "“I was a team manager in Leeds before I came here to the east,” she says.", ""},
		{"when", "“When I'm a team manager one day, I want to run it like this,” she says.", ""},
		{"possessive", "“I'm a social worker's daughter, so I knew what the job asked of people,” she says.", ""},
		{"not", "“I'm not a team manager, but I lead on the duty rota every week,” she says.", ""},
		{"former", "“I'm a former team manager and I went back to practice by choice,” she says.", ""},
		{"as a, more than a title", "“As a social worker in a busy team, I learnt to plan my week around visits,” she says.", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := speakerOfLast(t, lead, tt.quote)
			if p.Kind != KindQuote || p.Speaker != "Jo Bell" || p.Role != tt.role {
				t.Errorf("%q: %s by %q (%q), want quote by Jo Bell (%q)", tt.quote, p.Kind, p.Speaker, p.Role, tt.role)
			}
		})
	}
	t.Run("the text's role wins, even later", func(t *testing.T) {
		a, err := Build(&Document{Name: "t.txt", Title: "A title for the test article", Blocks: []Block{
			{Kind: BlockParagraph, Text: "An opening paragraph about the council and its social workers."},
			{Kind: BlockParagraph, Text: lead},
			{Kind: BlockParagraph, Text: "“I'm a team manager in the east locality and I love the variety of the work,” she says."},
			{Kind: BlockParagraph, Text: "Jo Bell, principal social worker, adds that the council listens."},
		}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Passages {
			if p.Speaker == "Jo Bell" && p.Role != "principal social worker" {
				t.Errorf("%q: role %q, want principal social worker", p.Text, p.Role)
			}
		}
	})
	t.Run("an interview answer", func(t *testing.T) {
		a, err := Build(&Document{Name: "t.txt", Title: "Five minutes with Jo Bell", Blocks: []Block{
			{Kind: BlockParagraph, Text: "Q: What do you do?"},
			{Kind: BlockParagraph, Text: "I'm a team manager in the east locality, and no two days are the same."},
			{Kind: BlockParagraph, Text: "Q: What keeps you here?"},
			{Kind: BlockParagraph, Text: "The people I work with, and a manager who listens."},
		}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Passages {
			if p.Kind == KindQA && (p.Speaker != "Jo Bell" || p.Role != "team manager") {
				t.Errorf("%q: by %q (%q), want Jo Bell (team manager)", p.Text, p.Speaker, p.Role)
			}
		}
	})
	t.Run("no speaker, no role", func(t *testing.T) {
		p := speakerOfLast(t, "“I'm a team manager in the east locality and I love the variety of the work,” one manager said.")
		if p.Speaker != "" || p.Role != "" {
			t.Errorf("an unnamed speaker's quotation is by %q (%q)", p.Speaker, p.Role)
		}
	})
}
