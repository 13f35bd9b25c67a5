package ingest

import (
	"encoding/json"
	"strings"
	"testing"
)

// factCase is one sentence and the facts it must yield, written as
// "type value[-max]" strings.
type factCase struct {
	name string
	text string
	want []string
}

func (c factCase) check(t *testing.T) {
	t.Helper()
	got := []string{}
	for _, f := range FactsOf(c.text, nil) {
		s := f.Type + " " + f.Value.String()
		if f.Max != nil {
			s += "-" + Figure(*f.Max).String()
		}
		got = append(got, s)
		if !strings.Contains(c.text, f.Text) || f.Text == "" {
			t.Errorf("fact span %q is not in the text", f.Text)
		}
	}
	if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
		t.Errorf("FactsOf(%q)\n got  %q\n want %q", c.text, got, c.want)
	}
}

func TestCaseloadFacts(t *testing.T) {
	for _, c := range []factCase{
		{"seed Medway sentence", "Medway social workers have an average of 17 cases and a maximum of 20.",
			[]string{"caseload_average 17", "caseload_max 20"}},
		{"around", "Our teams work with caseloads of around 15, lower than the national picture.", []string{"caseload_average 15"}},
		{"no more than children", "We make sure each practitioner has no more than 18 children at any time.", []string{"caseload_max 18"}},
		{"capped", "Caseloads are capped at 22 so there is time for direct work.", []string{"caseload_max 22"}},
		{"cap of", "There is a cap of 20 cases for newly qualified staff.", []string{"caseload_max 20"}},
		{"up to with unit", "Experienced workers hold up to 25 families.", []string{"caseload_max 25"}},
		{"at most", "A newly qualified worker carries at most 12 cases in the first year.", []string{"caseload_max 12"}},
		{"average caseload is", "The average caseload is 16 in our assessment teams.", []string{"caseload_average 16"}},
		{"average caseload of words", "We keep an average caseload of fifteen children.", []string{"caseload_average 15"}},
		{"on average", "Social workers here hold on average 14 cases.", []string{"caseload_average 14"}},
		{"averaging", "Teams are averaging 19 cases per worker.", []string{"caseload_average 19"}},
		{"typically hold", "Our social workers typically hold 17 children.", []string{"caseload_average 17"}},
		{"each hold", "Practitioners each hold 13 families at most.", []string{"caseload_average 13"}},
		{"holds", "She now holds 11 cases.", []string{"caseload_average 11"}},
		{"caseloads are", "Caseloads are about 18 across the service.", []string{"caseload_average 18"}},
		{"caseload of", "I have a caseload of 16 which feels manageable.", []string{"caseload_average 16"}},
		{"caseloads average", "Caseloads average 17 per social worker.", []string{"caseload_average 17"}},
		{"caseloads sit at", "Caseloads sit at roughly 15.", []string{"caseload_average 15"}},
		{"usually hold", "We usually hold 12 young people each.", []string{"caseload_average 12"}},
		{"average caseloads are", "Average caseloads are 18 in children in need teams.", []string{"caseload_average 18"}},
		{"average caseloads of", "We have average caseloads of 14 cases.", []string{"caseload_average 14"}},
		{"maximum caseload is", "The maximum caseload is 20.", []string{"caseload_max 20"}},
		{"maximum caseload of", "There is a maximum caseload of 21 cases.", []string{"caseload_max 21"}},
		{"not more than", "Workers hold not more than 19 cases.", []string{"caseload_max 19"}},
		{"never more than", "We will never have more than 20 cases each? No: we keep never more than 20 cases.", []string{"caseload_max 20"}},
		{"maximum of", "Cases are allocated to a maximum of 18.", []string{"caseload_max 18"}},
		{"between range", "Caseloads are between 15 and 18 for most of our workers.", []string{"caseload_average 15-18"}},
		{"caseloads of between", "We have caseloads of between 12 and 16 cases.", []string{"caseload_average 12-16"}},
		{"typically between", "Staff carry typically between 14 and 17 children.", []string{"caseload_average 14-17"}},
		{"no cue before a range", "Social workers hold 15 to 18 cases.", nil},
		{"to range", "Caseloads are 15 to 18 cases.", []string{"caseload_average 15-18"}},
		{"children and families unit", "Each worker holds 14 children and families.", []string{"caseload_average 14"}},
		{"fewer than", "Our newly qualified staff hold fewer than 15 cases.", nil},
		{"only", "Staff have an average of only 12 cases.", []string{"caseload_average 12"}},
		{"just", "It is just a maximum of just 16 cases.", []string{"caseload_max 16"}},
		{"approximately", "An average of approximately 17 cases is normal.", []string{"caseload_average 17"}},
		{"under", "We keep caseloads under 20.", nil},
		{"less than", "Caseloads of less than 20 cases.", []string{"caseload_average 20"}},
		{"a hedge", "Caseloads are at 17.", []string{"caseload_average 17"}},
		{"tail per", "A maximum of 20 per worker keeps cases manageable.", []string{"caseload_max 20"}},
		{"tail each", "Caseloads of 17 each are the norm.", []string{"caseload_average 17"}},
		{"tail and", "A maximum of 20 and an average of 16 cases.", []string{"caseload_max 20", "caseload_average 16"}},
		{"case context", "Each case is reviewed, and an average of 15 is normal.", []string{"caseload_average 15"}},
		{"case load context", "Our case loads are low: an average of 15.", []string{"caseload_average 15"}},
		{"case loads", "Case loads are an average of 16.", []string{"caseload_average 16"}},
		{"unit child", "Each worker holds no more than 1 child with complex needs.", []string{"caseload_max 1"}},
		{"unit family", "A worker holds no more than 1 family in crisis at once.", []string{"caseload_max 1"}},
		{"unit case", "We have a maximum of 1 case in proceedings each.", []string{"caseload_max 1"}},
		{"tail in", "Caseloads of 17 in the assessment team.", []string{"caseload_average 17"}},
		{"tail with", "Caseloads of 17 with good supervision.", []string{"caseload_average 17"}},
		{"tail on", "Caseloads of 17 on average.", []string{"caseload_average 17"}},
		{"tail across", "Caseloads of 17 across teams.", []string{"caseload_average 17"}},
		{"tail for", "Caseloads of 17 for experienced staff.", []string{"caseload_average 17"}},
		{"tail at", "Caseloads of 17 at the moment.", []string{"caseload_average 17"}},
		{"tail which", "Caseloads of 17 which is lower than before.", []string{"caseload_average 17"}},
		{"tail while", "Caseloads of 17 while the national figure is higher.", []string{"caseload_average 17"}},
		{"tail but", "Caseloads of 17 but some teams differ.", []string{"caseload_average 17"}},
		{"tail or", "Caseloads of 17 or so.", []string{"caseload_average 17"}},
		{"tail so", "Caseloads of 17 so there is time.", []string{"caseload_average 17"}},
		{"tail this", "Caseloads of 17 this year.", []string{"caseload_average 17"}},
		{"tail last", "Caseloads of 19 last year.", []string{"caseload_average 19"}},
		{"tail a", "Caseloads of 17 a worker.", []string{"caseload_average 17"}},
		// Near misses: figures that are not caseloads.
		{"homes", "The council runs an average of 17 children's homes.", nil},
		{"minutes", "Supervision lasts a maximum of 20 minutes when cases are reviewed.", nil},
		{"no context", "We have an average of 17 and a maximum of 20.", nil},
		{"percent", "Caseloads fell by an average of 17% last year.", nil},
		{"per cent", "Caseloads fell by an average of 17 per cent.", nil},
		{"too large", "The service holds up to 400 cases in all.", nil},
		{"decimal", "The average caseload is 17.5 now.", nil},
		{"thousands", "An average of 17,000 cases a year reach the front door.", nil},
		{"years", "Staff with up to 20 years of experience handle complex cases.", nil},
		{"staff", "We recruited a maximum of 20 staff for the new case teams.", nil},
		{"no cue", "We have 17 cases each.", nil},
		{"range descending", "Caseloads are between 18 and 15.", nil},
	} {
		t.Run(c.name, c.check)
	}
}

func TestFactValueJSON(t *testing.T) {
	max := 20.0
	in := []Fact{
		{Type: "caseload_average", Value: Figure(17), Max: &max, Unit: "cases", Text: "17 to 20 cases"},
		{Type: "practice_model", Value: Named("Signs of Safety"), Text: "Signs of Safety"},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"type":"caseload_average","value":17,"max":20,"unit":"cases","text":"17 to 20 cases"},` +
		`{"type":"practice_model","value":"Signs of Safety","text":"Signs of Safety"}]`
	if string(b) != want {
		t.Fatalf("JSON\n got  %s\n want %s", b, want)
	}
	var out []Fact
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out[0].Value.Number != 17 || *out[0].Max != 20 || out[1].Value.Name != "Signs of Safety" {
		t.Fatalf("round trip: %+v", out)
	}
	if err := json.Unmarshal([]byte(`[{"type":"x","value":true}]`), &out); err == nil {
		t.Fatal("a boolean value was accepted")
	}
}

func TestPassageIDRoundTrip(t *testing.T) {
	id := PassageID("kent-a#b", 12)
	a, n, ok := SplitPassageID(id)
	if !ok || a != "kent-a#b" || n != 12 {
		t.Fatalf("SplitPassageID(%q) = %q, %d, %v", id, a, n, ok)
	}
	for _, bad := range []string{"", "kent", "#3", "kent#0", "kent#-1", "kent#03", "kent#x"} {
		if _, _, ok := SplitPassageID(bad); ok {
			t.Errorf("SplitPassageID(%q) accepted", bad)
		}
	}
	if ArticleOfPassage("kent#3") != "kent" || ArticleOfPassage("kent") != "kent" {
		t.Error("ArticleOfPassage")
	}
}
