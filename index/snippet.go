package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// A hit's highlight is cut from its text by the index, from the term
// locations of the match, rather than by Bleve's fragmenter, which cuts
// at a fixed number of characters: mid-sentence, before the figure a
// sentence is about ("a maximum…" of 20), and once per field, so a list
// showed its matched item twice and a Q&A repeated its question.
// A snippet is whole sentences (the lines of a list) around the best
// match, as many as fit in snippetRunes; a sentence too long for that is
// cut at spaces, keeping a figure with the word before it.

// snippetRunes is the length a snippet aims at; a text up to snippetFit
// is shown whole.
const (
	snippetRunes = 240
	snippetFit   = 300
)

// matchSpan is one match in a field, in bytes, with the term matched.
type matchSpan struct {
	start, end int
	term       string
}

// fieldMatches lists the matches of field in locs, in order, without
// overlaps.
func fieldMatches(locs search.FieldTermLocationMap, field string, size int) []matchSpan {
	var out []matchSpan
	for term, ls := range locs[field] {
		for _, l := range ls {
			if int(l.End) <= size && l.Start < l.End {
				out = append(out, matchSpan{int(l.Start), int(l.End), term})
			}
		}
	}
	slices.SortFunc(out, func(a, b matchSpan) int { return a.start - b.start })
	kept := out[:0]
	for _, m := range out {
		if len(kept) > 0 && m.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// marked is text[from:to] escaped, with the matches in <mark>; a list's
// line breaks become separators.
func marked(text string, from, to int, matches []matchSpan, list bool) string {
	var b strings.Builder
	pos := from
	write := func(s string) {
		if !list {
			b.WriteString(html.EscapeString(s))
			return
		}
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				// After the lead-in's colon a space; between items a dot.
				if strings.HasSuffix(strings.TrimSpace(b.String()), ":") {
					b.WriteString(" ")
				} else {
					b.WriteString(" · ")
				}
			}
			b.WriteString(html.EscapeString(l))
		}
	}
	for _, m := range matches {
		if m.start < from || m.end > to {
			continue
		}
		write(text[pos:m.start])
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[m.start:m.end]))
		b.WriteString("</mark>")
		pos = m.end
	}
	write(text[pos:to])
	return b.String()
}

// snippet is the highlight of text for matches: "" when nothing in it
// matched.
func snippet(text string, matches []matchSpan, list bool) string {
	if len(matches) == 0 {
		return ""
	}
	from, to := snippetWindow(text, matches, list)
	s := marked(text, from, to, matches, list)
	if from > 0 {
		s = ellipsis + s
	}
	if to < len(text) {
		s += ellipsis
	}
	return s
}

// snippetWindow chooses the bytes [from, to) of text to show: all of a
// short text; else the sentence with the most different words matched
// (the first of equals) and the sentences around it that fit.
func snippetWindow(text string, matches []matchSpan, list bool) (int, int) {
	if utf8.RuneCountInString(text) <= snippetFit {
		return 0, len(text)
	}
	units := sentences(text, list)
	best, bestScore := 0, -1
	for i, u := range units {
		terms := map[string]bool{}
		n := 0
		for _, m := range matches {
			if m.start >= u[0] && m.end <= u[1] {
				terms[m.term] = true
				n++
			}
		}
		if score := len(terms)*100 + n; score > bestScore {
			best, bestScore = i, score
		}
	}
	lo, hi := best, best
	runes := func(a, b int) int { return utf8.RuneCountInString(text[units[a][0]:units[b][1]]) }
	if runes(lo, hi) > snippetRunes {
		return cutSentence(text, units[best], matches)
	}
	for grown := true; grown; {
		grown = false
		if hi+1 < len(units) && runes(lo, hi+1) <= snippetRunes {
			hi++
			grown = true
		}
		if lo > 0 && runes(lo-1, hi) <= snippetRunes {
			lo--
			grown = true
		}
	}
	return units[lo][0], units[hi][1]
}

// sentences splits text into sentences (lines, for a list), as byte
// ranges without the spaces between them.
func sentences(text string, list bool) [][2]int {
	var out [][2]int
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && text[s] == ' ' || s < e && text[s] == '\n' {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n') {
			e--
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			add(i)
			start = i + 1
		case !list && (r == '.' || r == '?' || r == '!'):
			j := i + w
			for j < len(text) {
				c, cw := utf8.DecodeRuneInString(text[j:])
				if c != '”' && c != '’' && c != '"' && c != ')' {
					break
				}
				j += cw
			}
			if j < len(text) && text[j] == ' ' {
				next, _ := utf8.DecodeRuneInString(text[j+1:])
				if unicode.IsUpper(next) || next == '“' || next == '‘' || unicode.IsDigit(next) {
					add(j)
					start = j + 1
				}
			}
		}
		i += w
	}
	add(len(text))
	return out
}

// cutSentence shows about snippetRunes of one long sentence around its
// first match, cut at spaces; a figure just past either end is kept.
func cutSentence(text string, unit [2]int, matches []matchSpan) (int, int) {
	first := unit[0]
	for _, m := range matches {
		if m.start >= unit[0] {
			first = m.start
			break
		}
	}
	// Start a third of the length before the match, then take the
	// length; near the sentence's end, start earlier to fill it.
	from := first
	for n := 0; from > unit[0] && n < snippetRunes/3; n++ {
		_, w := utf8.DecodeLastRuneInString(text[:from])
		from -= w
	}
	to, n := from, 0
	for ; to < unit[1] && n < snippetRunes; n++ {
		_, w := utf8.DecodeRuneInString(text[to:])
		to += w
	}
	for ; from > unit[0] && n < snippetRunes; n++ {
		_, w := utf8.DecodeLastRuneInString(text[:from])
		from -= w
	}
	// Back to the nearest space, never into a word.
	if from > unit[0] {
		if sp := strings.IndexByte(text[from:first], ' '); sp >= 0 {
			from += sp + 1
		} else {
			from = first
		}
	}
	if to < unit[1] {
		if sp := strings.LastIndexByte(text[first:to], ' '); sp > 0 {
			to = first + sp
		}
		// "a maximum of 20": a figure after the cut comes with it.
		if next := strings.TrimLeft(text[to:unit[1]], " "); next != "" && startsFigure(next) {
			word := strings.IndexByte(next, ' ')
			if word < 0 {
				word = len(next)
			}
			to = unit[1] - len(next) + word
		}
	}
	return from, to
}

// startsFigure reports whether s begins with a number or an amount.
func startsFigure(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r) || r == '£' || r == '$' || r == '€'
}

// passageHighlights are a hit's highlights from the term locations of
// its match: the snippet of its text, and its question marked up when
// the question matched.
func passageHighlights(text, question string, list bool, locs search.FieldTermLocationMap) (highlights []string, questionHL string) {
	highlights = []string{}
	if s := snippet(text, fieldMatches(locs, fieldText, len(text)), list); s != "" {
		highlights = append(highlights, s)
	}
	if qm := fieldMatches(locs, fieldQuestion, len(question)); len(qm) > 0 {
		questionHL = marked(question, 0, len(question), qm, false)
	}
	return highlights, questionHL
}
