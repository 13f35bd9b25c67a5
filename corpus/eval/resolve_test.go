package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

func testArticles() []*ingest.Article {
	kent := &ingest.Article{ID: "kent-interview", Source: "articles/000_kent.txt", Passages: []ingest.Passage{
		{ID: "kent-interview#1", Kind: ingest.KindIntro, Text: "Kent County Council children\u2019s services is in a good place."},
		{ID: "kent-interview#2", Kind: ingest.KindQA, Question: "What are caseloads like in Kent?", Text: "At the moment  caseloads are\nhigher than usual."},
		{ID: "kent-interview#3", Kind: ingest.KindList, Text: "Eight priorities:", Items: []string{"Effective supervision", "Manageable caseloads"}},
		{ID: "kent-interview#4", Kind: ingest.KindQuote, Text: "\u201cWe get support,\u201d says Amy. Caseloads are fine."},
	}}
	medway := &ingest.Article{ID: "medway-feature", Source: "/data/sources/medway.html", Passages: []ingest.Passage{
		{ID: "medway-feature#1", Kind: ingest.KindSection, Text: "Medway social workers have an average of 17 cases."},
	}}
	return []*ingest.Article{kent, medway}
}

func TestResolveFindsOnePassagePerSpan(t *testing.T) {
	set := &Set{Queries: []Query{{ID: "q1", Text: "caseloads", Judgements: []Judgement{
		{Article: "000_kent.txt", Span: "caseloads are higher", Grade: 3},         // across a line break and double space
		{Article: "000_kent", Span: "what are caseloads like", Grade: 1},          // in the question, same passage: higher grade wins
		{Article: "kent-interview", Span: "manageable CASELOADS", Grade: 2},       // in a list item, by article id
		{Article: "KENT-INTERVIEW", Span: `"We get support," says Amy`, Grade: 1}, // straight quotes match curly ones
		{Article: "medway", Span: "average of 17 cases", Grade: 3},                // source name without its directory or extension
	}}}}

	judged, err := set.Resolve("q.json", testArticles())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"kent-interview#2": 3, "kent-interview#3": 2, "kent-interview#4": 1, "medway-feature#1": 3}
	got := judged[0].Grades
	if len(got) != len(want) {
		t.Fatalf("grades = %v, want %v", got, want)
	}
	for id, g := range want {
		if got[id] != g {
			t.Errorf("grade of %s = %d, want %d (all: %v)", id, got[id], g, got)
		}
	}
}

func TestResolveReportsEveryBadJudgement(t *testing.T) {
	set := &Set{Queries: []Query{
		{ID: "q-none", Text: "x", Judgements: []Judgement{{Article: "kent-interview", Span: "caseloads in Medway", Grade: 3}}},
		{ID: "q-many", Text: "x", Judgements: []Judgement{{Article: "kent-interview", Span: "caseloads", Grade: 3}}},
		{ID: "q-article", Text: "x", Judgements: []Judgement{{Article: "somerset.txt", Span: "holding risk", Grade: 3}}},
		{ID: "q-passage", Text: "x", Judgements: []Judgement{{Passage: "kent-interview#9", Grade: 3}}},
		{ID: "q-ok", Text: "x", Judgements: []Judgement{{Passage: "kent-interview#1", Grade: 3}}},
	}}
	_, err := set.Resolve("mine.json", testArticles())
	if !errors.Is(err, ErrUnresolved) {
		t.Fatalf("err = %v, want ErrUnresolved", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`mine.json: query "q-none"`, "matches no passage of kent-interview",
		`query "q-many"`, "matches 3 passages", "kent-interview#2, kent-interview#3, kent-interview#4",
		`query "q-article"`, `no article "somerset.txt"`,
		`query "q-passage"`, `"kent-interview#9" is not in the index`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "q-ok") {
		t.Errorf("error blames the good query:\n%s", msg)
	}
}

func TestResolveRefusesASourceHoldingSeveralArticles(t *testing.T) {
	a := &ingest.Article{ID: "one", Source: "batch.jsonl", Passages: []ingest.Passage{{ID: "one#1", Text: "supervision"}}}
	b := &ingest.Article{ID: "two", Source: "batch.jsonl", Passages: []ingest.Passage{{ID: "two#1", Text: "supervision"}}}
	set := &Set{Queries: []Query{{ID: "q1", Text: "x", Judgements: []Judgement{{Article: "batch.jsonl", Span: "supervision", Grade: 3}}}}}
	_, err := set.Resolve("q.json", []*ingest.Article{a, b})
	if err == nil || !strings.Contains(err.Error(), "names 2 articles; use the article id") {
		t.Errorf("err = %v, want a request for the article id", err)
	}
	set.Queries[0].Judgements[0].Article = "two"
	judged, err := set.Resolve("q.json", []*ingest.Article{a, b})
	if err != nil || judged[0].Grades["two#1"] != 3 {
		t.Errorf("by article id: grades %v, err %v", judged[0].Grades, err)
	}
}
