package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// factCase is one sentence and the facts it must yield, written as
// "type[/kind] value[-max][ in year]" strings. The cases of each
// extractor are in testdata/facts/NAME.json.
type factCase struct {
	Name string   `json:"name"`
	Text string   `json:"text"`
	Want []string `json:"want"`
}

// loadFactCases reads the cases of the extractor name.
func loadFactCases(tb testing.TB, name string) []factCase {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "facts", name+".json"))
	if err != nil {
		tb.Fatalf("extractor %s has no cases: %v", name, err)
	}
	var file struct {
		Cases []factCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		tb.Fatalf("testdata/facts/%s.json: %v", name, err)
	}
	return file.Cases
}

// factStrings runs extractors over text and writes each fact as a
// factCase wants it, with an error for a span that is not in the text.
func factStrings(extractors []FactExtractor, text string) ([]string, error) {
	got := []string{}
	for _, f := range factsOf(extractors, text, nil) {
		s := f.Type
		if f.Kind != "" {
			s += "/" + f.Kind
		}
		s += " " + f.Value.String()
		if f.Max != nil {
			s += "-" + Figure(*f.Max).String()
		}
		if f.Year != 0 {
			s += fmt.Sprintf(" in %d", f.Year)
		}
		got = append(got, s)
		if !strings.Contains(text, f.Text) || f.Text == "" {
			return got, fmt.Errorf("fact span %q is not in the text", f.Text)
		}
	}
	return got, nil
}

// TestFacts runs every extractor's cases, each against the whole table,
// so a case also shows that no other extractor reads its sentence.
func TestFacts(t *testing.T) {
	for _, x := range factExtractors {
		for _, c := range loadFactCases(t, x.Name) {
			t.Run(x.Name+"/"+c.Name, func(t *testing.T) {
				got, err := factStrings(factExtractors, c.Text)
				if err != nil {
					t.Error(err)
				}
				if !slices.Equal(got, append([]string{}, c.Want...)) {
					t.Errorf("FactsOf(%q)\n got  %q\n want %q", c.Text, got, c.Want)
				}
			})
		}
	}
}

func TestPracticeModelOncePerPassage(t *testing.T) {
	got := FactsOf("We use Signs of Safety.", []string{"Signs of Safety training", "Restorative practice circles"})
	var names []string
	for _, f := range got {
		names = append(names, f.Value.String())
	}
	if want := []string{"Signs of Safety", "Restorative practice"}; !slices.Equal(names, want) {
		t.Errorf("facts of a list passage = %q, want %q", names, want)
	}
}

// TestPayInListItems reads pay labels in a job advert's list items, and
// not an amount in an item that is not pay.
func TestPayInListItems(t *testing.T) {
	got := FactsOf("What we offer:", []string{
		"Salary: £37,938 to £42,708",
		"Grade 9: £34,314 – £37,938",
		"£2m investment in new teams",
		"Relocation package of up to £8,000",
	})
	var facts []string
	for _, f := range got {
		s := fmt.Sprintf("%s/%s %v", f.Type, f.Kind, f.Value)
		if f.Max != nil {
			s += "-" + Figure(*f.Max).String()
		}
		facts = append(facts, s)
	}
	if want := []string{"pay/salary 37938-42708", "pay/salary 34314-37938"}; !slices.Equal(facts, want) {
		t.Errorf("facts of a list of benefits = %q, want %q", facts, want)
	}
}

func TestFactValueJSON(t *testing.T) {
	max := 20.0
	in := []Fact{
		{Type: "caseload_average", Value: Figure(17), Max: &max, Unit: "cases", Text: "17 to 20 cases"},
		{Type: "practice_model", Value: Named("Signs of Safety"), Text: "Signs of Safety"},
		{Type: "ofsted_judgement", Value: Named("Inadequate"), Year: 2013, Text: "rated inadequate in 2013"},
		{Type: "pay", Kind: "golden hello", Value: Figure(2000), Unit: "GBP", Text: "£2,000 golden hello"},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"type":"caseload_average","value":17,"max":20,"unit":"cases","text":"17 to 20 cases"},` +
		`{"type":"practice_model","value":"Signs of Safety","text":"Signs of Safety"},` +
		`{"type":"ofsted_judgement","value":"Inadequate","year":2013,"text":"rated inadequate in 2013"},` +
		`{"type":"pay","kind":"golden hello","value":2000,"unit":"GBP","text":"£2,000 golden hello"}]`
	if string(b) != want {
		t.Fatalf("JSON\n got  %s\n want %s", b, want)
	}
	var out []Fact
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
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
