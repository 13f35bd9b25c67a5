package profile_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
	"github.com/recruitsearch/recruitsearch/profile"
)

// claimCase is a passage, written for the test, of an article about a
// council published on a date, and the claims it must make: each as
// "compared | comparison", the comparison cut to what must be in it.
type claimCase struct {
	name      string
	council   string
	published string
	text      string
	want      []string
	official  []string // each claim's official figure as "field year value", "" for none
}

var claimCases = []claimCase{
	{
		name: "caseload average below DfE", council: "Medway", published: "2018",
		text:     "Our children in need teams carry an average of 16 cases each.",
		want:     []string{"article, about 2018: average 16 cases; DfE, 30 September 2018: 18.9 | The article's average of 16 is 2.9 below DfE's average of 18.9."},
		official: []string{"caseload 2018 18.9"},
	},
	{
		name: "caseload range holds DfE's figure", council: "Medway", published: "2018",
		text:     "Caseloads are between 17 and 20 for most of our workers.",
		want:     []string{"article, about 2018: average 17–20 cases; DfE, 30 September 2018: 18.9 | DfE's average of 18.9 is within the article's range of 17–20."},
		official: []string{"caseload 2018 18.9"},
	},
	{
		name: "caseload maximum against an average", council: "Medway", published: "2019-11-04",
		text:     "Nobody's caseload is allowed past a cap of 22 cases.",
		want:     []string{"article, 4 November 2019: maximum 22 cases; DfE, 30 September 2019: 20.3 | DfE publishes averages, not maximums: the article's maximum of 22 is 1.7 above DfE's average of 20.3."},
		official: []string{"caseload 2019 20.3"},
	},
	{
		name: "caseload DfE suppressed", council: "Birmingham", published: "2024",
		text:     "Social workers here hold on average 15 cases.",
		want:     []string{"article, about 2024: average 15 cases; DfE, 30 September 2024: no figure | DfE did not publish an average caseload for 2024 (low reliability)"},
		official: []string{"caseload 2024 <nil> u"},
	},
	{
		name: "caseload far from any DfE year", council: "Medway", published: "2010",
		text:     "Back then we kept an average caseload of 19 children.",
		want:     []string{"article, about 2010: average 19 cases; DfE, 30 September 2016: 11.7 | DfE's nearest reporting year is 2016, 6 years from the article's."},
		official: []string{"caseload 2016 11.7"},
	},
	{
		name: "caseload undated", council: "Medway", published: "",
		text:     "Each practitioner holds no more than 18 children.",
		want:     []string{"article, undated: maximum 18 cases | The article carries no date"},
		official: []string{""},
	},
	{
		name: "caseload outside England", council: "Cardiff", published: "2020",
		text:     "Our social workers typically hold 14 children.",
		want:     []string{"article, about 2020: average 14 cases | The official figures shipped here cover English local authorities only"},
		official: []string{""},
	},
	{
		name: "ofsted judgement of the time does not match", council: "Medway", published: "2021",
		text:     "We are proud to be rated good by Ofsted.",
		want:     []string{"article, about 2021: Ofsted Good; Ofsted, 27 August 2019: Inadequate | The article's “good” does not match Ofsted's overall judgement in force at the time (Inadequate, inspected 15 July 2019)."},
		official: []string{"ofsted.overall 2019 Inadequate"},
	},
	{
		name: "ofsted judgement with its own year matches", council: "Kent", published: "2024-02-01",
		text:     "Ofsted judged us “outstanding” in 2022, and we mean to stay there.",
		want:     []string{"article (1 February 2024), of 2022: Ofsted Outstanding; Ofsted, 5 July 2022: Outstanding | The article's “outstanding” matches Ofsted's overall judgement in force at the time (Outstanding, inspected 9 May 2022)."},
		official: []string{"ofsted.overall 2022 Outstanding"},
	},
	{
		name: "ofsted judgement before the record", council: "Medway", published: "2015",
		text:     "Six years before this, we were rated inadequate by Ofsted in 2013.",
		want:     []string{"article (2015), of 2013: Ofsted Inadequate; Ofsted, first ILACS judgement: Inadequate (inspected 15 July 2019) | was published after 2013"},
		official: []string{"ofsted.overall 2019 Inadequate"},
	},
	{
		// A full date is a day: Medway's first ILACS report came out on
		// 27 August 2019, after this article, though in the same year.
		name: "ofsted judgement dated before the first report", council: "Medway", published: "2019-06-10",
		text:     "Medway was rated good by Ofsted.",
		want:     []string{"article, 10 June 2019: Ofsted Good; Ofsted, first ILACS judgement: Inadequate (inspected 15 July 2019) | was published after 10 June 2019, when the article was published"},
		official: []string{"ofsted.overall 2019 Inadequate"},
	},
	{
		// Inspected on 17 July 2023, reported on 11 September 2023: an
		// article of 1 August 2023 wrote under the 2019 judgement.
		name: "ofsted judgement between inspection and report", council: "Medway", published: "2023-08-01",
		text:     "We are delighted to be rated good by Ofsted.",
		want:     []string{"article, 1 August 2023: Ofsted Good; Ofsted, 27 August 2019: Inadequate | The article's “good” does not match Ofsted's overall judgement in force at the time (Inadequate, inspected 15 July 2019). Ofsted had inspected again from 17 July 2023; its report, published 11 September 2023, judged Good."},
		official: []string{"ofsted.overall 2019 Inadequate"},
	},
	{
		name: "ofsted judgement dated after the report", council: "Medway", published: "2023-09-20",
		text:     "We are delighted to be rated good by Ofsted.",
		want:     []string{"article, 20 September 2023: Ofsted Good; Ofsted, 11 September 2023: Good | The article's “good” matches Ofsted's overall judgement in force at the time (Good, inspected 17 July 2023)."},
		official: []string{"ofsted.overall 2023 Good"},
	},
	{
		name: "practice model", council: "Kent", published: "2022",
		text:     "Every new starter is trained in systemic practice in their first month.",
		want:     []string{"article, about 2022: practice model Systemic practice | The official figures do not record practice models"},
		official: []string{""},
	},
	{
		name: "pay", council: "Medway", published: "2022",
		text:     "Experienced staff who join us this year receive a £2,500 golden hello.",
		want:     []string{"article, about 2022: golden hello £2,500 | The official figures shipped here do not include pay"},
		official: []string{""},
	},
	{
		name: "pay range", council: "Medway", published: "2022",
		text:     "Salaries range from £34,000 to £41,250 for qualified staff.",
		want:     []string{"article, about 2022: salary £34,000–£41,250 | do not include pay"},
		official: []string{""},
	},
	{
		name: "supervision frequency", council: "Medway", published: "2022",
		text:     "Supervision is held every three weeks, and more often if you ask.",
		want:     []string{"article, about 2022: supervision every 3 weeks | do not record how often social workers are supervised"},
		official: []string{""},
	},
	{
		name: "weekly supervision", council: "Medway", published: "2022",
		text:     "In your first month you are supervised weekly.",
		want:     []string{"article, about 2022: supervision every week | do not record how often"},
		official: []string{""},
	},
	// Near misses: numbers and words that look like claims but are not.
	{name: "children's homes are not cases", council: "Medway", published: "2018",
		text: "The council runs an average of 17 children's homes across the county."},
	{name: "minutes are not cases", council: "Medway", published: "2018",
		text: "Each case discussion takes a maximum of 20 minutes in the morning meeting."},
	{name: "a percentage is not a caseload", council: "Medway", published: "2018",
		text: "Caseloads fell by an average of 12% over the year."},
	{name: "a good place is not a grade", council: "Kent", published: "2018",
		text: "It is a good place to learn, and Ofsted inspectors said as much."},
	{name: "a course fee is not pay", council: "Medway", published: "2018",
		text: "We pay £4,000 towards the cost of your practice educator course."},
	{name: "systemic problems are not a model", council: "Medway", published: "2018",
		text: "The shortage of social workers has systemic problems at its root."},
	{name: "a policy reviewed monthly is not supervision", council: "Medway", published: "2018",
		text: "Our supervision policy is reviewed every month by the principal social worker."},
}

// TestClaimsOfEveryType runs each passage through the facts layer and
// sets what it finds beside the official figures, as a profile does.
func TestClaimsOfEveryType(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range claimCases {
		t.Run(c.name, func(t *testing.T) {
			p, err := profile.Find(official.Shipped(), c.council)
			if err != nil {
				t.Fatal(err)
			}
			hit := index.Hit{ID: "test#1", ArticleID: "test", Published: c.published, Facts: ingest.FactsOf(c.text, nil)}
			claims := profile.Claims(p, []index.Hit{hit})
			if len(claims) != len(c.want) {
				t.Fatalf("%q: %d claims, want %d: %+v", c.text, len(claims), len(c.want), claims)
			}
			for i, cl := range claims {
				covered[cl.Type] = true
				compared, comparison, _ := strings.Cut(c.want[i], " | ")
				if cl.Compared != compared {
					t.Errorf("compared\n got  %q\n want %q", cl.Compared, compared)
				}
				if !strings.Contains(cl.Comparison, comparison) {
					t.Errorf("comparison\n got  %q\n want it to contain %q", cl.Comparison, comparison)
				}
				if got := officialString(cl.Official); got != c.official[i] {
					t.Errorf("official = %q, want %q", got, c.official[i])
				}
				if cl.PassageID != "test#1" || !strings.Contains(c.text, cl.Text) || cl.Text == "" {
					t.Errorf("claim cites %q with text %q, want the passage and a span of its text", cl.PassageID, cl.Text)
				}
			}
		})
	}
	for _, typ := range ingest.FactTypes() {
		if !covered[typ] {
			t.Errorf("no case makes a %s claim", typ)
		}
	}
}

func officialString(f *profile.Figure) string {
	if f == nil {
		return ""
	}
	s := fmt.Sprintf("%s %d %v", f.Field, f.Year, f.Value)
	if f.Suppressed != "" {
		s += " " + f.Suppressed
	}
	return s
}

// TestSeedClaims are the claims issue 12 asks the seed corpus to show.
func TestSeedClaims(t *testing.T) {
	medway := mustBuild(t, "Medway")
	avg := findClaim(t, medway, "caseload_average")
	if avg.Value.Number != 17 || avg.Official == nil || avg.Official.Value != 18.9 || avg.Official.Year != 2018 {
		t.Errorf("Medway's average: %+v, want 17 beside DfE 2018's 18.9", avg)
	}
	if mx := findClaim(t, medway, "caseload_max"); mx.Value.Number != 20 || mx.PassageID != avg.PassageID {
		t.Errorf("Medway's maximum: %+v, want 20 from the same passage", mx)
	}
	kent := mustBuild(t, "Kent")
	if pm := findClaim(t, kent, "practice_model"); pm.Value.Name != "Signs of Safety" {
		t.Errorf("Kent's practice model: %+v, want Signs of Safety", pm)
	}
	if kent.Ofsted.Latest == nil || kent.Ofsted.Latest.Overall != official.Outstanding || kent.Ofsted.Latest.Inspected != "2022-05-09" {
		t.Errorf("Kent's latest Ofsted: %+v, want Outstanding inspected 2022-05-09", kent.Ofsted.Latest)
	}
	walsall := mustBuild(t, "Walsall")
	if len(walsall.Claims) != 0 || len(walsall.Articles) != 0 || len(walsall.Workforce) == 0 {
		t.Errorf("Walsall: %d claims, %d articles, %d workforce years; want figures and no articles",
			len(walsall.Claims), len(walsall.Articles), len(walsall.Workforce))
	}
	b, err := json.Marshal(walsall)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"claims":[]`, `"articles":[]`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("Walsall's JSON lacks %s: an empty list is [], not null", key)
		}
	}
}

func findClaim(t *testing.T, p *profile.Profile, typ string) profile.Claim {
	t.Helper()
	i := slices.IndexFunc(p.Claims, func(c profile.Claim) bool { return c.Type == typ })
	if i < 0 {
		t.Fatalf("%s has no %s claim: %+v", p.Name, typ, p.Claims)
	}
	return p.Claims[i]
}
