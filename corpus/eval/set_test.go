package eval

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQueriesAndJudgementsAgree(t *testing.T) {
	jsonSet := `{"queries": [
	  {"id": "q1", "query": "caseloads in Kent", "judgements": [
	    {"grade": 3, "article": "kent.txt", "span": "caseloads are higher"},
	    {"grade": 1, "passage": "kent#4"}
	  ]}
	]}`
	queriesTSV := "# id\tquery\tnote\nq1\tcaseloads in Kent\n"
	judgementsTSV := "q1\t3\tkent.txt\tcaseloads are higher\nq1\t1\tkent#4\n"
	judgementsJSON := `[{"query": "q1", "grade": 3, "article": "kent.txt", "span": "caseloads are higher"},
	                     {"query": "q1", "grade": 1, "passage": "kent#4"}]`
	want := []Judgement{{Article: "kent.txt", Span: "caseloads are higher", Grade: 3}, {Passage: "kent#4", Grade: 1}}

	inline, err := ParseQueries("set.json", []byte(jsonSet))
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, s *Set) {
		t.Helper()
		if len(s.Queries) != 1 || s.Queries[0].Text != "caseloads in Kent" {
			t.Fatalf("%s: queries = %+v", name, s.Queries)
		}
		got := s.Queries[0].Judgements
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: judgements = %+v, want %+v", name, got, want)
		}
		if err := s.Check(name); err != nil {
			t.Errorf("%s: Check: %v", name, err)
		}
	}
	check("inline JSON", inline)

	for _, j := range []struct{ name, data string }{{"judgements.tsv", judgementsTSV}, {"judgements.json", judgementsJSON}} {
		set, err := ParseQueries("queries.tsv", []byte(queriesTSV))
		if err != nil {
			t.Fatal(err)
		}
		js, err := ParseJudgements(j.name, []byte(j.data))
		if err != nil {
			t.Fatalf("%s: %v", j.name, err)
		}
		if err := set.Merge(j.name, js); err != nil {
			t.Fatal(err)
		}
		check(j.name, set)
	}
}

func TestParseErrorsNameTheFileAndQuery(t *testing.T) {
	tests := []struct {
		name, file, data string
		judgements       bool
		want             []string
	}{
		{"bad JSON", "q.json", "{\"queries\": [\n  {\"id\": \"q1\",, }\n]}", false, []string{"q.json:2"}},
		{"unknown field", "q.json", `{"queries": [{"id": "q1", "query": "x", "grades": []}]}`, false, []string{"q.json", "grades"}},
		{"grade out of range", "q.json", `{"queries": [{"id": "q7", "query": "x", "judgements": [{"grade": 4, "passage": "a#1"}]}]}`, false, []string{"q.json", `"q7"`, "grade 4"}},
		{"span without article", "q.json", `{"queries": [{"id": "q7", "query": "x", "judgements": [{"grade": 2, "span": "abc"}]}]}`, false, []string{`"q7"`, "article"}},
		{"duplicate id", "q.tsv", "q1\tone\nq1\ttwo\n", false, []string{"q.tsv", `"q1"`, "duplicate"}},
		{"empty query text", "q.tsv", "q1\t\n", false, []string{"q.tsv:1", "empty query"}},
		{"judgement grade not a number", "j.tsv", "q1\thigh\ta.txt\tspan\n", true, []string{"j.tsv:1", `"high"`}},
		{"judgement too few fields", "j.tsv", "\nq1\t2\n", true, []string{"j.tsv:2", "got 2 fields"}},
		{"judgement without query", "j.json", `[{"grade": 2, "passage": "a#1"}]`, true, []string{"j.json", "no query id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.judgements {
				_, err = ParseJudgements(tt.file, []byte(tt.data))
			} else {
				_, err = ParseQueries(tt.file, []byte(tt.data))
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestMergeAndCheckRefuseUnscorableSets(t *testing.T) {
	set, err := ParseQueries("q.tsv", []byte("q1\tone\nq2\ttwo\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = set.Merge("j.tsv", []QueryJudgement{{Query: "q9", Judgement: Judgement{Passage: "a#1", Grade: 3}}})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `"q9"`) {
		t.Errorf("merge of a judgement for an unknown query: err = %v", err)
	}
	if err := set.Check("q.tsv"); err == nil || !strings.Contains(err.Error(), `"q1"`) || !strings.Contains(err.Error(), "no judgements") {
		t.Errorf("Check of a set without judgements: err = %v", err)
	}
	if err := set.Merge("j.tsv", []QueryJudgement{{Query: "q1", Judgement: Judgement{Passage: "a#1", Grade: 3}}, {Query: "q2", Judgement: Judgement{Passage: "a#2", Grade: 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := set.Check("q.tsv"); err == nil || !strings.Contains(err.Error(), `"q2"`) || !strings.Contains(err.Error(), "graded 2") {
		t.Errorf("Check of a query with only grade-1 passages: err = %v", err)
	}
}
