package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

// TestCouncilProfiles runs `council` on the councils issue 12 names and
// checks what a reader must see in each.
func TestCouncilProfiles(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Medway", []string{
			"Medway Council",
			"Caseload average: “an average of 17 cases”",
			"passage how-this-council-supports-social-workers-to-take-pride-in#6",
			"article, about 2018: average 17 cases; DfE, 30 September 2018: 18.9",
			"Caseload max: “a maximum of 20”",
			"article, about 2018: maximum 20 cases; DfE, 30 September 2018: 18.9",
			"caseload   ", // the trend line's row
			"Swindon",     // its closest statistical neighbour
			"licensed under the Open Government Licence",
		}},
		{"Kent County Council", []string{
			"latest     Outstanding, inspected 9 May 2022",
			"https://reports.ofsted.gov.uk/provider/44/886",
			"Practice model: “Signs of Safety”",
			"practice model Signs of Safety",
			"The official figures do not record practice models",
		}},
		{"Walsall", []string{
			"Walsall Council",
			"No article in this index is about Walsall Council",
			"Articles (0)",
			"Workforce (DfE, at 30 September, 2016–2025)",
		}},
		{"E06000035", []string{"Medway Council"}}, // ONS code
		{"886", []string{"Kent County Council"}},  // DfE code
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, "council", c.name)
			mustSucceed(t, r)
			for _, want := range c.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("council %s lacks %q:\n%s", c.name, want, r.stdout)
				}
			}
			for i, line := range strings.Split(r.stdout, "\n") {
				if n := utf8.RuneCountInString(line); n > lineWidth {
					t.Errorf("line %d is %d columns, more than an 80-column terminal: %q", i+1, n, line)
				}
			}
		})
	}
}

func TestCouncilSparklines(t *testing.T) {
	r := runCLI(t, nil, "council", "Medway")
	mustSucceed(t, r)
	for _, row := range []string{"caseload", "vacancy"} {
		i := strings.Index(r.stdout, "\n  "+row+"   ")
		if i < 0 {
			t.Fatalf("no %s trend row:\n%s", row, r.stdout)
		}
		line, _, _ := strings.Cut(r.stdout[i+1:], "\n")
		if !strings.ContainsAny(line, "▁▂▃▄▅▆▇█") {
			t.Errorf("%s row has no trend line: %q", row, line)
		}
	}
}

func TestCouncilUnknownListsClosest(t *testing.T) {
	r := runCLI(t, nil, "council", "Walsal")
	if r.code() == exitOK {
		t.Fatal("an unknown council succeeded")
	}
	if !strings.Contains(r.stderr, "Walsall Council") {
		t.Errorf("stderr does not offer the closest name:\n%s", r.stderr)
	}
}

// A name like no council's is not answered with a council that shares
// some of its letters ("Narnia" was offered Barnet): it is told no
// council matches, and exits 1.
func TestCouncilUnknownWithoutLookAlike(t *testing.T) {
	for _, name := range []string{"Narnia", "Mordor", "Hogwarts"} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, nil, "council", name)
			if r.code() != exitFailure {
				t.Errorf("exit %d, want %d", r.code(), exitFailure)
			}
			want := "recruitsearch: no council matches \"" + name + "\" (recruitsearch councils lists them all)\n"
			if r.stderr != want {
				t.Errorf("stderr = %q, want %q", r.stderr, want)
			}
		})
	}
}

func TestCouncilJSON(t *testing.T) {
	var p struct {
		ID     string `json:"id"`
		Claims []struct {
			Type      string `json:"type"`
			PassageID string `json:"passage_id"`
			Official  *struct {
				Year  int     `json:"year"`
				Value float64 `json:"value"`
				Field string  `json:"field"`
			} `json:"official"`
		} `json:"claims"`
		Articles    []map[string]string `json:"articles"`
		Attribution string              `json:"attribution"`
		Release     struct {
			Files []map[string]any `json:"files"`
		} `json:"release"`
	}
	decodeJSON(t, runCLI(t, nil, "council", "Medway", "--json"), &p)
	if p.ID != "medway" || len(p.Articles) != 1 || p.Attribution == "" || len(p.Release.Files) == 0 {
		t.Errorf("profile %+v: want medway with its article, attribution and release", p)
	}
	if len(p.Claims) == 0 || p.Claims[0].Type != "caseload_average" || p.Claims[0].Official == nil ||
		p.Claims[0].Official.Value != 18.9 || p.Claims[0].Official.Year != 2018 || p.Claims[0].Official.Field != "caseload" {
		t.Errorf("claims %+v: want the average beside DfE 2018's 18.9", p.Claims)
	}
}

func TestCouncilsList(t *testing.T) {
	r := runCLI(t, nil, "councils", "--sort", "caseload")
	mustSucceed(t, r)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !strings.HasPrefix(lines[0], "COUNCIL") || !strings.Contains(r.stdout, "153 councils") {
		t.Fatalf("not a list of 153 councils:\n%s", r.stdout)
	}
	if !strings.HasPrefix(lines[1], "North East Lincolnshire ") {
		t.Errorf("first by caseload is %q, want North East Lincolnshire (20.9 in 2025)", lines[1])
	}

	var list []profile.Summary
	decodeJSON(t, runCLI(t, nil, "councils", "--region", "south east", "--sort", "ofsted", "--json"), &list)
	if len(list) != 19 {
		t.Errorf("%d South East councils, want 19", len(list))
	}
	for _, s := range list {
		if s.Region != "South East" {
			t.Errorf("%s is in %s", s.Name, s.Region)
		}
		if s.ID == "kent" && s.Articles != 2 {
			t.Errorf("Kent has %d articles, want 2", s.Articles)
		}
	}
	if len(list) > 0 && list[0].Ofsted != "Outstanding" {
		t.Errorf("first by Ofsted is %s (%s)", list[0].Name, list[0].Ofsted)
	}

	for _, args := range [][]string{{"councils", "--sort", "size"}, {"councils", "--region", "Atlantis"}} {
		if r := runCLI(t, nil, args...); r.code() != exitUsage || !strings.Contains(r.stderr, "use one of") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error listing the choices", args, r.code(), r.stderr)
		}
	}
}

// TestOfficialFlag loads a directory of newer files: a changed format is
// an error naming the file and column, and a good file becomes the
// release the profile names.
func TestOfficialFlag(t *testing.T) {
	shipped, err := os.ReadFile("../../corpus/official/data/csww_indicators_2017_to_2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	good := t.TempDir()
	writeFile(t, filepath.Join(good, "csww_indicators_2017_to_2026.csv"), shipped)
	r := runCLI(t, nil, "council", "Medway", "--official", good)
	mustSucceed(t, r)
	if !strings.Contains(r.stdout, "csww_indicators_2017_to_2026.csv, from "+good) {
		t.Errorf("the profile does not name the release it used:\n%s", r.stdout)
	}

	bad := t.TempDir()
	writeFile(t, filepath.Join(bad, "csww_indicators_2017_to_2026.csv"),
		[]byte(strings.Replace(string(shipped), "caseload_fte", "caseload_per_fte", 1)))
	// The error names the file by its path, so that it can be found among
	// others of the same name.
	badPath := filepath.Join(bad, "csww_indicators_2017_to_2026.csv")
	for _, args := range [][]string{
		{"council", "Medway", "--official", bad},
		{"councils", "--official", bad},
		{"search", "supervision", "--official", bad},
		{"serve", "--addr", "127.0.0.1:0", "--official", bad},
	} {
		r := runCLI(t, nil, args...)
		if r.code() == exitOK || !strings.Contains(r.stderr, badPath+":") || !strings.Contains(r.stderr, "caseload_fte") {
			t.Errorf("%v: exit %d, stderr %q; want an error naming the file's path %s and the column", args, r.code(), r.stderr, badPath)
		}
	}
	r = runCLI(t, map[string]string{envOfficial: bad}, "council", "Kent")
	if r.code() == exitOK || !strings.Contains(r.stderr, "caseload_fte") {
		t.Errorf("%s is not read: exit %d, stderr %q", envOfficial, r.code(), r.stderr)
	}
}

func TestSearchOfstedFacet(t *testing.T) {
	r := runCLI(t, nil, "search", "supervision", "--ofsted", "outstanding", "--json")
	var res struct {
		Hits []struct {
			Council string `json:"council"`
		} `json:"hits"`
	}
	decodeJSON(t, r, &res)
	if len(res.Hits) == 0 {
		t.Fatal("no hits from Outstanding councils")
	}
	for _, h := range res.Hits {
		if h.Council != "Kent County Council" {
			t.Errorf("hit from %s, whose latest judgement is not Outstanding", h.Council)
		}
	}
	// The counts of Ofsted judgements are official figures, and carry the
	// licence's line as the profiles and the councils listing do; a
	// search that finds nothing shows no counts and no line.
	attribution := official.Shipped().Attribution()
	for _, width := range []int{0, 60} {
		r := runCLIWidth(t, width, "search", "supervision", "--ofsted", "Outstanding")
		mustSucceed(t, r)
		facets, rest, ok := strings.Cut(r.stdout, "\nofsted:")
		if !ok {
			t.Fatalf("width %d: no ofsted counts:\n%s", width, r.stdout)
		}
		if words := strings.Join(strings.Fields(rest), " "); !strings.HasSuffix(words, attribution) || strings.Contains(facets, "Licence") {
			t.Errorf("width %d: the output does not end with the attribution %q after the counts:\n%s", width, attribution, r.stdout)
		}
	}
	if r := runCLI(t, nil, "search", "zzyzx"); strings.Contains(r.stdout, "Licence") {
		t.Errorf("a search without hits shows the attribution of counts it does not show:\n%s", r.stdout)
	}
	if r := runCLI(t, nil, "search", "supervision", "--ofsted", "great"); r.code() != exitUsage || !strings.Contains(r.stderr, "Requires improvement to be good") {
		t.Errorf("exit %d, stderr %q; want a usage error listing the judgements", r.code(), r.stderr)
	}
}

// overWidth lists the lines of out wider than width that are more than
// one word (a URL may stand alone on a line of its own).
func overWidth(out string, width int) []string {
	var over []string
	for _, line := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(line) > width && len(strings.Fields(line)) > 1 {
			over = append(over, line)
		}
	}
	return over
}

// TestCouncilFitsTheTerminal lays profiles out on a 60-column terminal:
// no line runs past the edge, and what a reader looks for is all there,
// every workforce figure of the latest year included.
func TestCouncilFitsTheTerminal(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Medway", []string{
			"article, about 2018: average 17 cases; DfE, 30 September 2018: 18.9",
			"2025 15.7 26.5% 20.7%", "2025 17.5% 3.8% 230.3", // the latest year, in two tables
			"1 Swindon", "10 Wakefield", "Very close",
			"Contains public sector information licensed under the Open Government Licence v3.0.",
		}},
		{"Kingston upon Thames", []string{
			"2016 x 8.5%", "x: not available", "one return shared with London Borough of Richmond upon Thames",
		}},
		{"Cardiff", []string{"cover English local authorities only"}},
		{"Cumbria", []string{"successors Cumberland Council; Westmorland and Furness Council"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLIWidth(t, 60, "council", c.name)
			mustSucceed(t, r)
			if over := overWidth(r.stdout, 60); len(over) > 0 {
				t.Errorf("%d lines wider than 60 columns, the first %q:\n%s", len(over), over[0], r.stdout)
			}
			words := strings.Join(strings.Fields(r.stdout), " ")
			for _, want := range c.want {
				if !strings.Contains(words, want) {
					t.Errorf("lacks %q:\n%s", want, r.stdout)
				}
			}
		})
	}
	// An 80-column terminal and a pipe get the 80-column layout.
	wide, pipe := runCLIWidth(t, 120, "council", "Medway"), runCLIWidth(t, 0, "council", "Medway")
	if wide.stdout != pipe.stdout {
		t.Errorf("a 120-column terminal and a pipe differ:\n%s\n---\n%s", wide.stdout, pipe.stdout)
	}
}

// TestCouncilsListFitsTheTerminal: in a pipe every name is whole, so grep
// finds it; on a terminal the list fits, as a table where it can and a
// block per council where it cannot.
func TestCouncilsListFitsTheTerminal(t *testing.T) {
	pipe := runCLIWidth(t, 0, "councils", "--sort", "caseload")
	mustSucceed(t, pipe)
	for _, name := range []string{"North East Lincolnshire", "City of Bradford Metropolitan District", "Yorkshire and the Humber"} {
		if !strings.Contains(pipe.stdout, name) {
			t.Errorf("the piped list cuts %q:\n%s", name, pipe.stdout[:min(len(pipe.stdout), 600)])
		}
	}
	for _, width := range []int{60, 80, 100} {
		r := runCLIWidth(t, width, "councils", "--sort", "caseload")
		mustSucceed(t, r)
		if over := overWidth(r.stdout, width); len(over) > 0 {
			t.Errorf("at %d columns, %d lines are wider, the first %q", width, len(over), over[0])
		}
		if !strings.Contains(r.stdout, "153 councils") || !strings.Contains(r.stdout, "20.9") {
			t.Errorf("at %d columns the list lacks its count or North East Lincolnshire's 20.9:\n%s", width, r.stdout)
		}
	}
	narrow := runCLIWidth(t, 60, "councils", "--region", "London")
	mustSucceed(t, narrow)
	if !strings.Contains(narrow.stdout, "Barking and Dagenham") {
		t.Errorf("at 60 columns a name is cut:\n%s", narrow.stdout)
	}
}

// TestSharedReturnsAreOneNote: Kingston's ten joint returns with
// Richmond are one note over a run of years, not ten.
func TestSharedReturnsAreOneNote(t *testing.T) {
	r := runCLI(t, nil, "council", "Kingston upon Thames")
	mustSucceed(t, r)
	words := strings.Join(strings.Fields(r.stdout), " ")
	if n := strings.Count(words, "one return shared with"); n != 1 {
		t.Errorf("%d notes of a shared return, want one:\n%s", n, r.stdout)
	}
	if !strings.Contains(words, "2016–2025: one return shared with London Borough of Richmond upon Thames.") {
		t.Errorf("no note for 2016–2025:\n%s", r.stdout)
	}
}
