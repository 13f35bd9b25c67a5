package index

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestHostileQueries runs queries and requests written to break the
// search. Each must give a *QueryError or a sane result: never a panic,
// never another error, never the deadline.
func TestHostileQueries(t *testing.T) {
	ix := seedCorpus(t)
	const (
		ok     = "ok"
		bad    = "bad"
		either = "either"
	)
	cases := []struct {
		name string
		req  Request
		want string
	}{
		{"empty", Request{Query: ""}, ok},
		{"spaces", Request{Query: "   \t  "}, ok},
		{"lone quote", Request{Query: `"`}, bad}, // issue 13: punctuation alone is refused
		{"empty quotes", Request{Query: `""`}, bad},
		{"unclosed phrase", Request{Query: `"group supervision`}, ok},
		{"quote at end", Request{Query: `supervision"`}, ok},
		{"open brackets", Request{Query: "(((("}, bad},
		{"close brackets", Request{Query: "))))"}, bad},
		{"square and curly", Request{Query: "[[[ {a"}, bad},
		{"deep nesting", Request{Query: strings.Repeat("(", 400) + "supervision" + strings.Repeat(")", 400)}, ok},
		{"lone star", Request{Query: "*"}, ok},
		{"stars", Request{Query: "***"}, ok},
		{"wildcard soup", Request{Query: "?*?*?*"}, either},
		{"one letter prefix", Request{Query: "a*"}, bad},
		{"regexp dot star", Request{Query: "/.*/"}, bad},
		{"regexp catastrophic", Request{Query: "/(a+)+/"}, bad},
		{"tilde nine", Request{Query: "~9"}, ok},
		{"fuzzy syntax", Request{Query: "supervision~9"}, ok},
		{"field alone", Request{Query: "council:"}, bad},
		{"field empty quotes", Request{Query: `council:""`}, bad},
		{"unknown field", Request{Query: "foo:bar"}, bad},
		{"all field", Request{Query: "_all:x"}, bad},
		{"unknown kind", Request{Query: "kind:banana"}, bad},
		{"unknown topic", Request{Query: "topic:nonsense"}, bad},
		{"unknown council", Request{Query: "council:Atlantis"}, bad},
		{"lone minus", Request{Query: "-"}, bad},
		{"minus minus", Request{Query: "--"}, bad},
		{"minus star", Request{Query: "-*"}, bad},
		{"only exclusions", Request{Query: "-kent -medway"}, ok},
		{"self cancelling", Request{Query: "caseloads -caseloads"}, ok},
		{"NUL", Request{Query: "\x00"}, ok},
		{"NUL inside a word", Request{Query: "super\x00vision"}, ok},
		{"control characters", Request{Query: "\x01\x02\x03\x1b[31m"}, ok},
		{"invalid UTF-8", Request{Query: "\xff\xfe caseloads \xc3\x28"}, ok},
		{"right to left", Request{Query: "\u202eSigns of Safety مرحبا"}, ok},
		{"emoji", Request{Query: "🔥 supervision 😀😀"}, ok},
		{"100 KB", Request{Query: strings.Repeat("a", 100*1024)}, bad},
		{"too many words", Request{Query: strings.Repeat("supervision ", 60)}, bad},
		{"long phrase", Request{Query: `"` + strings.Repeat("social work ", 80) + `"`}, ok},
		{"operators only", Request{Query: "AND OR NOT"}, bad},
		{"dangling OR", Request{Query: "supervision OR"}, ok},
		{"leading OR", Request{Query: "OR supervision"}, ok},
		{"colons", Request{Query: "a:b:c:d"}, bad},
		{"url", Request{Query: "https://www.communitycare.co.uk/"}, bad},
		{"html", Request{Query: "<script>alert(1)</script>"}, ok},
		{"sql", Request{Query: "' OR 1=1 --"}, ok},
		{"backslashes", Request{Query: `\\ \" \`}, bad},
		{"boost syntax", Request{Query: "supervision^10 +caseloads"}, ok},
		{"many exclusions", Request{Query: strings.Repeat("-a ", 30)}, bad},
		{"size negative", Request{Size: -1}, bad},
		{"size a million", Request{Size: 1_000_000}, bad},
		{"size limit", Request{Size: MaxSize}, ok},
		{"from negative", Request{From: -5}, bad},
		{"from huge", Request{From: 1 << 40}, bad},
		{"window edge", Request{From: MaxWindow - 10, Size: 10}, ok},
		{"window past edge", Request{From: MaxWindow - 9, Size: 10}, bad},
		{"bad sort", Request{Sort: "random"}, bad},
		{"bad collapse", Request{Collapse: "council"}, bad},
		{"too many filter values", Request{Filters: map[string][]string{"council": make([]string, 1000)}}, bad},
		{"empty filter values", Request{Filters: map[string][]string{"council": {"", " "}}}, ok},
		{"repeated filter values", Request{Filters: map[string][]string{"kind": {"qa", "qa", "QA"}}}, ok},
		{"unknown kind filter", Request{Filters: map[string][]string{"kind": {"banana"}}}, bad},
		{"collapse deep page", Request{Query: "social", Collapse: CollapseArticle, From: 9_000, Size: 100}, ok},
	}
	// Punctuation, stop words and their exclusions alone say nothing to
	// search for: they are refused with a message (issue 13), as a
	// query of "the" is, rather than listing every passage.
	if len(cases) < 40 {
		t.Fatalf("only %d hostile cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tc.req)
			var qe *QueryError
			switch {
			case err == nil:
				if tc.want == bad {
					t.Fatalf("Search succeeded (total %d), want a QueryError", res.Total)
				}
				if res.Hits == nil || res.Facets == nil {
					t.Fatalf("result has nil hits or facets: %+v", res)
				}
				if uint64(len(res.Hits)) > res.Total {
					t.Fatalf("%d hits but total %d", len(res.Hits), res.Total)
				}
			case errors.As(err, &qe):
				if tc.want == ok {
					t.Fatalf("Search: %v, want a result", err)
				}
				if !errors.Is(err, ErrBadQuery) || qe.Message == "" || strings.Contains(qe.Message, "\n") {
					t.Fatalf("QueryError %q is not one clear line wrapping ErrBadQuery", qe.Message)
				}
			default:
				t.Fatalf("Search: %v, want a result or a QueryError", err)
			}
		})
	}
}
