package index

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Limits on what one search may ask for. They hold for every caller, so
// the CLI and the HTTP API share them.
const (
	MaxQueryChars   = 1000  // runes in Request.Query
	MaxClauses      = 32    // words, phrases, prefixes and field:value terms
	MaxSize         = 100   // hits per page
	MaxWindow       = 10000 // From + Size
	DefaultSize     = 10
	MaxFilterValues = 50 // values per filter facet
	minPrefixRunes  = 2  // letters before a trailing *
	// maxTermSearchers bounds the terms a query may expand to (prefixes,
	// typo corrections, synonyms) across all its clauses.
	maxTermSearchers = 4096
)

type clauseKind int

const (
	clauseWord   clauseKind = iota // a bare word
	clausePhrase                   // "quoted words"
	clausePrefix                   // word*
	clauseField                    // field:value
)

// clause is one element of a parsed query.
type clause struct {
	kind   clauseKind
	text   string // the word, phrase, prefix (without *) or field value
	field  string // facet name, for clauseField
	negate bool   // -excluded
	// orPrev joins this clause to the one before it with OR.
	orPrev bool
}

// parseQuery reads the query syntax people know from web search engines:
// words (all required), "quoted phrases", -excluded words and phrases,
// field:value and field:"quoted value", prefix*, and OR between two
// terms. Anything else is text: brackets, slashes, ~, ?, a lone - or *.
// The only errors are for queries that cannot be run as typed, and they
// say what to change.
func parseQuery(q string) ([]clause, error) {
	if n := utf8.RuneCountInString(q); n > MaxQueryChars {
		return nil, &QueryError{Message: fmt.Sprintf("query is %d characters long; the limit is %d", n, MaxQueryChars)}
	}
	q = cleanQuery(ingest.NormalizeText(q)) // as ingest stored the text: "café" in NFD, "ﬂexible", fullwidth, U+200B
	var out []clause
	rs := []rune(q)
	orNext, notNext := false, false
	browse := false // a lone * asks for everything
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		negate := notNext
		notNext = false
		if rs[i] == '-' {
			if i+1 >= len(rs) || unicode.IsSpace(rs[i+1]) {
				i++ // a lone "-" excludes nothing
				continue
			}
			negate = true
			i++
		}
		var c clause
		if rs[i] == '"' {
			text, next := readQuoted(rs, i)
			i = next
			c = clause{kind: clausePhrase, text: text}
		} else {
			tok, next := readToken(rs, i)
			i = next
			if tok == "OR" && !negate {
				orNext = len(out) > 0
				continue
			}
			if tok == "AND" && !negate {
				continue
			}
			if tok == "NOT" && !negate {
				notNext = true // NOT x is -x
				continue
			}
			var err error
			c, err = tokenClause(tok)
			if err != nil {
				return nil, err
			}
			browse = browse || (c.text == "" && !negate)
		}
		if c.text == "" {
			continue
		}
		c.negate = negate
		c.orPrev = orNext && !negate && len(out) > 0 && !out[len(out)-1].negate
		orNext = false
		out = append(out, c)
		if len(out) > MaxClauses {
			return nil, &QueryError{Message: fmt.Sprintf("query has more than %d terms; remove some", MaxClauses)}
		}
	}
	if len(out) == 0 && !browse && strings.TrimSpace(q) != "" {
		// Quotation marks, a lone -, AND OR NOT: typed, but asking for
		// nothing. Browsing every passage would answer something else.
		return nil, noWordsError()
	}
	return out, nil
}

// noWordsMessage refuses a query with nothing to search for: only stop
// words, punctuation or operators.
const noWordsMessage = "the query has only common words (the, a, of…) or punctuation, which every passage holds; search for a word that says what you want"

func noWordsError() error { return &QueryError{Message: noWordsMessage} }

// isNoWords reports whether err is noWordsError's.
func isNoWords(err error) bool {
	var qe *QueryError
	return errors.As(err, &qe) && qe.Param == "" && qe.Message == noWordsMessage
}

// cleanQuery replaces invalid UTF-8 and control characters with spaces.
func cleanQuery(q string) string {
	q = strings.ToValidUTF8(q, " ")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		// Typographic quotes count as quotes.
		switch r {
		case '“', '”', '„':
			return '"'
		}
		return r
	}, q)
}

// readQuoted reads a quoted string starting at rs[i] == '"'. An unclosed
// quote runs to the end of the query.
func readQuoted(rs []rune, i int) (string, int) {
	j := i + 1
	for j < len(rs) && rs[j] != '"' {
		j++
	}
	text := strings.TrimSpace(string(rs[i+1 : j]))
	if j < len(rs) {
		j++
	}
	return text, j
}

// readToken reads up to the next space, taking a quoted value after a
// colon (speaker:"Jean Ross") as part of the token.
func readToken(rs []rune, i int) (string, int) {
	j := i
	for j < len(rs) && !unicode.IsSpace(rs[j]) {
		if rs[j] == ':' && j+1 < len(rs) && rs[j+1] == '"' {
			_, end := readQuoted(rs, j+1)
			return string(rs[i:end]), end
		}
		j++
	}
	return string(rs[i:j]), j
}

// tokenClause classifies one unquoted token.
func tokenClause(tok string) (clause, error) {
	if name, value, ok := strings.Cut(tok, ":"); ok && isFieldName(name) {
		spec, known := LookupFacet(name)
		if !known {
			return clause{}, &QueryError{Message: fmt.Sprintf("unknown field %q: use %s, e.g. council:Kent", name+":", strings.Join(FacetNames(), ", "))}
		}
		value = strings.TrimSpace(strings.Trim(value, `"`))
		if value == "" {
			return clause{}, &QueryError{Message: fmt.Sprintf("%s: needs a value, e.g. %s", name, spec.queryExample())}
		}
		return clause{kind: clauseField, field: spec.Name, text: value}, nil
	}
	if strings.HasSuffix(tok, "*") {
		p := strings.TrimRight(tok, "*")
		if p == "" {
			return clause{}, nil // a lone * asks for everything: browse
		}
		if utf8.RuneCountInString(strings.TrimFunc(p, notWordRune)) < minPrefixRunes {
			return clause{}, &QueryError{Message: fmt.Sprintf("%q is too short to complete: type at least %d letters before *", tok, minPrefixRunes)}
		}
		return clause{kind: clausePrefix, text: p}, nil
	}
	return clause{kind: clauseWord, text: tok}, nil
}

func isFieldName(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
