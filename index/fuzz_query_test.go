package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseQuery feeds arbitrary queries and request fields to the query
// parser and compiler and runs whatever they accept against the in-memory
// seed index. The parser must never panic, must keep to its limits and
// must reject only with a one-line *QueryError; an accepted request must
// run within the search deadline and give a well-formed result.
//
// Run it with: go test ./index -run '^$' -fuzz FuzzParseQuery -fuzztime 60s
func FuzzParseQuery(f *testing.F) {
	seeds := []string{
		"", "supervision", "group supervision", `"signs of safety"`, `"unclosed phrase`,
		"superv*", "a*", "*", "?*?*?*", "/.*/", "/(a+)+/", "~9", "supervision~2",
		"council:kent", `council:"Kent County Council"`, "council:", "foo:bar", "kind:qa caseloads",
		"topic:supervision", "year:2014", "role:director", "speaker:jean",
		"caseloads -kent", "-", "--x", "NOT kent", "kent OR medway", "OR", "AND OR NOT",
		"ASYE nqsw", "case loads", "(((( supervision ))))", "a:b:c", "\x00", "\xff\xfe",
		"\u202eمرحبا", "🔥 supervision", "<script>alert(1)</script>", `\" \\`,
		strings.Repeat("a ", 40), strings.Repeat("x", MaxQueryChars+1), strings.Repeat("ab* ", 30),
	}
	for i, q := range seeds {
		f.Add(q, i%3*10, i%4, []string{"", SortRelevance, SortNewest, SortDocument, "random"}[i%5], "", i%2 == 0)
	}
	f.Add("social", 100, MaxWindow-100, SortNewest, "Kent", true)
	f.Add("supervision", -1, -1, "", "\x00", false)

	ix := seedCorpus(f)
	f.Fuzz(func(t *testing.T, q string, size, from int, sortBy, council string, collapse bool) {
		clauses, parseErr := parseQuery(q)
		if parseErr != nil {
			checkQueryError(t, "parseQuery", parseErr)
		} else {
			checkClauses(t, clauses)
		}

		req := Request{Query: q, Size: size, From: from, Sort: sortBy}
		if council != "" {
			req.SetFilter("council", council)
		}
		if collapse {
			req.Collapse = CollapseArticle
		}
		res, err := ix.Search(context.Background(), req)
		switch {
		case err != nil && errors.Is(err, ErrTimeout):
			t.Fatalf("Search(%q) ran past its deadline: %v", q, err)
		case err != nil:
			checkQueryError(t, "Search", err)
		case parseErr != nil:
			t.Fatalf("Search(%q) succeeded although parseQuery rejected it: %v", q, parseErr)
		default:
			checkFuzzResult(t, req, res)
		}
	})
}

// checkQueryError fails unless err is a *QueryError with a message a user
// can read: one line, not empty, wrapping ErrBadQuery.
func checkQueryError(t *testing.T, what string, err error) {
	t.Helper()
	var qe *QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("%s: %v (%T), want a *QueryError", what, err, err)
	}
	if !errors.Is(err, ErrBadQuery) || strings.TrimSpace(qe.Message) == "" || strings.Contains(qe.Message, "\n") {
		t.Fatalf("%s: QueryError %q is not one clear line wrapping ErrBadQuery", what, qe.Message)
	}
}

// checkClauses checks what the parser accepted keeps to its limits and
// carries no text that cleanQuery should have removed.
func checkClauses(t *testing.T, clauses []clause) {
	t.Helper()
	if len(clauses) > MaxClauses {
		t.Fatalf("parseQuery accepted %d clauses, limit %d", len(clauses), MaxClauses)
	}
	for _, c := range clauses {
		if c.text == "" {
			t.Fatalf("parseQuery returned an empty clause: %+v", c)
		}
		if !utf8.ValidString(c.text) || strings.ContainsFunc(c.text, unicode.IsControl) {
			t.Fatalf("clause text %q holds invalid UTF-8 or control characters", c.text)
		}
		if c.kind == clauseField && c.field == "" {
			t.Fatalf("field clause without a field: %+v", c)
		}
	}
}

// checkFuzzResult checks the shape of an accepted search's result.
func checkFuzzResult(t *testing.T, req Request, res *Result) {
	t.Helper()
	if res == nil || res.Hits == nil || res.Facets == nil {
		t.Fatalf("Search(%q) gave a result with nil hits or facets: %+v", req.Query, res)
	}
	want := req.Size
	if want == 0 {
		want = DefaultSize
	}
	if len(res.Hits) > want {
		t.Fatalf("Search(%q) gave %d hits for size %d", req.Query, len(res.Hits), want)
	}
	if uint64(len(res.Hits)) > res.Total {
		t.Fatalf("Search(%q) gave %d hits but total %d", req.Query, len(res.Hits), res.Total)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if h.ID == "" || h.ArticleID == "" || !strings.HasPrefix(h.ID, h.ArticleID+"#") {
			t.Fatalf("Search(%q) gave a hit with a bad id: %q in article %q", req.Query, h.ID, h.ArticleID)
		}
		key := h.ID
		if req.Collapse == CollapseArticle {
			key = h.ArticleID
		}
		if seen[key] {
			t.Fatalf("Search(%q) gave %q twice (collapse %q)", req.Query, key, req.Collapse)
		}
		seen[key] = true
	}
}
