package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// speakerCheck expects the passage starting with prefix to be of a kind
// and spoken by speaker in role.
type speakerCheck struct {
	prefix  string
	kind    Kind
	speaker string
	role    string
}

func checkSpeakers(t *testing.T, a *Article, checks []speakerCheck) {
	t.Helper()
	for _, c := range checks {
		p := passageWith(t, a, c.prefix)
		if p.Kind != c.kind || p.Speaker != c.speaker || p.Role != c.role {
			t.Errorf("%q: %s by %q (%q); want %s by %q (%q)", c.prefix, p.Kind, p.Speaker, p.Role, c.kind, c.speaker, c.role)
		}
	}
}

func councilName(t *testing.T, name string) string {
	t.Helper()
	c, ok := LookupCouncil(name)
	if !ok {
		t.Fatalf("the gazetteer does not know %q", name)
	}
	return c.Name
}

// TestTextFixtures runs the plain-text fixtures in testdata/text, written
// to exercise what the seeds do not: other quotation styles, attribution
// forms, Q&A layouts, banner orders, bylines, captions and comments. Each
// must hold the corpus invariants and what its check says.
func TestTextFixtures(t *testing.T) {
	checks := map[string]func(t *testing.T, a *Article){
		"straight_and_mismatched_quotes.txt": func(t *testing.T, a *Article) {
			checkSpeakers(t, a, []speakerCheck{
				{`"We talk to each other`, KindQuote, "Hannah Okafor", "senior social worker"},
				{`“The pods were my idea`, KindQuote, "Hannah Okafor", "senior social worker"},
				{`“Nobody waits three weeks`, KindQuote, "Hannah Okafor", "senior social worker"},
				{`'Supervision is every fortnight`, KindQuote, "Tom Reilly", "team manager"},
				// A scare-quoted term is not a quotation.
				{`The service calls its approach`, KindSection, "", ""},
			})
		},
		"attribution_positions.txt": func(t *testing.T, a *Article) {
			checkSpeakers(t, a, []speakerCheck{
				{`“I learnt more about mental capacity`, KindQuote, "Marcus Lee", "social worker"},
				// Her role is given only later; it applies to all she says.
				{`Priya Shah says:`, KindQuote, "Priya Shah", "practice manager"},
				{`“The sessions are short`, KindQuote, "Priya Shah", "practice manager"},
				{`She added:`, KindQuote, "Priya Shah", "practice manager"},
				{`“Our newly qualified staff`, KindQuote, "Grace Mensah", "principal social worker"},
				{`Lee agrees.`, KindQuote, "Marcus Lee", "social worker"},
				{`“We are proud of how far`, KindQuote, "Owen Parry", NormalizeRole("head of service")},
			})
			if a.Banner != "Employer Zone" || a.Council != councilName(t, "Derbyshire") {
				t.Errorf("banner %q council %q", a.Banner, a.Council)
			}
		},
		"speaker_named_after.txt": func(t *testing.T, a *Article) {
			checkSpeakers(t, a, []speakerCheck{
				{`“I came for a year`, KindQuote, "Delroy Mitchell", "consultant social worker"},
				{`“The next director`, KindQuote, "Delroy Mitchell", "consultant social worker"},
			})
		},
		"qa_same_line.txt": func(t *testing.T, a *Article) {
			qa := passagesOf(a, KindQA)
			if len(qa) != 3 {
				t.Fatalf("got %d qa passages, want 3", len(qa))
			}
			if qa[1].Question != "How big are the caseloads?" || !strings.HasPrefix(qa[1].Text, "Most of my team carry") {
				t.Errorf("question and answer on one line split as %q / %q", qa[1].Question, qa[1].Text)
			}
		},
		"qa_prefixed.txt": func(t *testing.T, a *Article) {
			qa := passagesOf(a, KindQA)
			if len(qa) != 3 {
				t.Fatalf("got %d qa passages, want 3", len(qa))
			}
			for _, p := range qa {
				if p.Speaker != "Fatima Begum" || p.Role != "advanced practitioner" || strings.HasPrefix(p.Text, "A:") || strings.HasPrefix(p.Question, "Q:") {
					t.Errorf("%s: %q / %q by %q (%q)", p.ID, p.Question, p.Text, p.Speaker, p.Role)
				}
			}
			if qa[2].Question != "Has it changed recruitment?" || !strings.HasPrefix(qa[2].Text, "We lose fewer people") {
				t.Errorf("inline Q:/A: split as %q / %q", qa[2].Question, qa[2].Text)
			}
			if len(passagesOf(a, KindQuote)) != 0 {
				t.Error("the pull quote repeating an answer was indexed on its own")
			}
		},
		"banner_mid_block.txt": func(t *testing.T, a *Article) {
			if a.Council != councilName(t, "Norfolk County Council") || a.Banner != "Employer Zone" {
				t.Errorf("council %q banner %q", a.Council, a.Banner)
			}
			for _, p := range a.Passages {
				if strings.Contains(p.Text, "Sponsored feature") {
					t.Errorf("%s holds the sponsor line", p.ID)
				}
			}
		},
		"employer_from_text.txt": func(t *testing.T, a *Article) {
			if a.Council != councilName(t, "Cumberland") {
				t.Errorf("council = %q, want Cumberland (Hertfordshire is only mentioned)", a.Council)
			}
		},
		"agency_employer.txt": func(t *testing.T, a *Article) {
			if a.Council != "Harbourside Social Care Partners" || a.Region != "" {
				t.Errorf("an employer outside the gazetteer became %q (%q)", a.Council, a.Region)
			}
			if a.Title != "Locum work that feels like a permanent team" {
				t.Errorf("title under the sponsor line = %q", a.Title)
			}
			checkSpeakers(t, a, []speakerCheck{{`“You are not a name`, KindQuote, "Joanne Price", NormalizeRole("lead practice consultant")}})
		},
		"london_borough.txt": func(t *testing.T, a *Article) {
			if a.Council != councilName(t, "London Borough of Hackney") {
				t.Errorf("council = %q, want Hackney (Camden and Lambeth are only mentioned)", a.Council)
			}
			if a.Title != "Hackney's systemic units, ten years on" {
				t.Errorf("title = %q", a.Title)
			}
			checkSpeakers(t, a, []speakerCheck{{`“The unit owns the case`, KindQuote, "Aisha Bello", "consultant social worker"}})
		},
		"place_names_short_quotes.txt": func(t *testing.T, a *Article) {
			// A town after "in" is not a speaker; a short quotation with its
			// attribution is still a quote.
			checkSpeakers(t, a, []speakerCheck{
				{`“The team helped me`, KindQuote, "Folake Saunders", "newly qualified social worker"},
				{`“Supervision is every fortnight`, KindQuote, "Folake Saunders", "newly qualified social worker"},
				{`“We keep caseloads manageable,”`, KindQuote, "Mark Lyle", "team manager"},
			})
		},
		"unknown_employer_banner.txt": func(t *testing.T, a *Article) {
			// An employer the gazetteer does not know, in the banner stack,
			// is the sponsor, not the title.
			if a.Title != "Why our family workers stay for the long haul" {
				t.Errorf("title = %q, want the headline", a.Title)
			}
			if a.Council != "Harbour Valley Children's Trust" {
				t.Errorf("council = %q", a.Council)
			}
			for _, p := range a.Passages {
				if p.Heading != "" || p.Text == "Harbour Valley Children's Trust" {
					t.Errorf("%s: heading %q text %q: the banner stack leaked into the body", p.ID, p.Heading, p.Text)
				}
			}
		},
		"trust_sponsor.txt": func(t *testing.T, a *Article) {
			if a.Council != councilName(t, "Birmingham Children's Trust") {
				t.Errorf("council = %q", a.Council)
			}
		},
		"captions_and_credits.txt": func(t *testing.T, a *Article) {
			for _, p := range a.Passages {
				for _, bad := range []string{"Credit", "Photo:", "©", ".jpg"} {
					if strings.Contains(p.Text, bad) {
						t.Errorf("%s holds caption text %q: %q", p.ID, bad, p.Text)
					}
				}
			}
			// The captions' descriptions are searchable text; their credits,
			// image names and copyright lines are not.
			var captions []string
			for _, p := range a.Passages {
				if strings.Contains(p.Text, "Exeter office") || strings.Contains(p.Text, "Barnstaple hub overlooks") {
					captions = append(captions, p.Text)
				}
			}
			want := []string{"Social workers at the Exeter office.", "The Barnstaple hub overlooks the estuary."}
			if !reflect.DeepEqual(captions, want) {
				t.Errorf("caption passages = %q, want %q", captions, want)
			}
			if len(a.Passages) != 5 {
				t.Errorf("got %d passages, want 5 (three paragraphs, two captions)", len(a.Passages))
			}
		},
		"bylines_dates.txt": func(t *testing.T, a *Article) {
			if a.Published != "2022-10-30" || a.PublishedEstimated {
				t.Errorf("published %q (estimated %v), want 2022-10-30 from the byline", a.Published, a.PublishedEstimated)
			}
			if a.Banner != "Recruitment Zone" || strings.Contains(strings.Join(passageTexts(a), " "), "Laura Finch") {
				t.Errorf("banner %q; byline must not be a passage", a.Banner)
			}
		},
		"rss_date.txt": func(t *testing.T, a *Article) {
			if a.Published != "2024-12-19" {
				t.Errorf("published %q, want 2024-12-19", a.Published)
			}
			passageWith(t, a, "Published: 2018-10-30 is not the date") // prose stays prose
		},
		"single_line_breaks.txt": func(t *testing.T, a *Article) {
			if a.Title != "Small teams, big county" || a.Banner != "Employer Zone" || a.Column != "Frontline view" {
				t.Errorf("title %q banner %q column %q", a.Title, a.Banner, a.Column)
			}
			p := passageWith(t, a, "Newly qualified social workers join")
			if p.Heading != "Support for new starters" || !strings.HasSuffix(p.Text, "who is not their manager.") {
				t.Errorf("hard-wrapped paragraph: heading %q text %q", p.Heading, p.Text)
			}
			if got := passageWith(t, a, "They share an office").Heading; got != "Teams that know each other" {
				t.Errorf("heading = %q", got)
			}
		},
		"cut_off.txt": func(t *testing.T, a *Article) {
			checkSpeakers(t, a, []speakerCheck{{`“We never leave a family`, KindQuote, "Chloe Harris", "practice manager"}})
			last := a.Passages[len(a.Passages)-1]
			if last.Kind != KindSection || !strings.HasSuffix(last.Text, "the rest of the interview with") {
				t.Errorf("cut-off last paragraph became %s %q", last.Kind, last.Text)
			}
		},
		"lists_numbered.txt": func(t *testing.T, a *Article) {
			lists := passagesOf(a, KindList)
			if len(lists) != 2 || len(lists[0].Items) != 4 || len(lists[1].Items) != 3 {
				t.Fatalf("lists: %+v", lists)
			}
			if lists[0].Items[2] != "A learning budget of £1,000 a year that you choose how to spend" {
				t.Errorf("continued item = %q", lists[0].Items[2])
			}
			if !strings.HasPrefix(lists[1].Text, "The council also offers:") {
				t.Errorf("second list lost its lead-in: %q", lists[1].Text)
			}
		},
		"comments_variants.txt": func(t *testing.T, a *Article) {
			comments := passagesOf(a, KindComment)
			want := []struct{ author, date string }{{"Sam Taylor", "2023-03-14"}, {"Dee K", "2023-03-15"}, {"Margaret Hall", "2023-03-20"}}
			if len(comments) != len(want) {
				t.Fatalf("got %d comments, want %d", len(comments), len(want))
			}
			for i, w := range want {
				if comments[i].Speaker != w.author || comments[i].Date != w.date || strings.Contains(comments[i].Text, "Reply") {
					t.Errorf("comment %d: %q %q %q", i+1, comments[i].Speaker, comments[i].Date, comments[i].Text)
				}
			}
		},
		"multi_paragraph_quote.txt": func(t *testing.T, a *Article) {
			quotes := passagesOf(a, KindQuote)
			if len(quotes) != 3 {
				t.Fatalf("got %d quote passages, want 3", len(quotes))
			}
			for _, q := range quotes {
				if q.Speaker != "Rosa Delgado" || q.Role != "team manager" {
					t.Errorf("%q by %q (%q), want Rosa Delgado, team manager", q.Text, q.Speaker, q.Role)
				}
			}
		},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "text", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 12 {
		t.Fatalf("found %d fixtures, want at least 12", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			check, ok := checks[name]
			if !ok {
				t.Fatalf("fixture %s has no check", name)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a := buildText(t, name, string(data))
			checkStructure(t, a)
			checkNoRepeats(t, a)
			checkSentences(t, a, string(data))
			check(t, a)
		})
	}
}
