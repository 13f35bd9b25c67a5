package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is one quotation inside a paragraph.
type quoteSpan struct {
	start, end int    // byte offsets of the span, marks included
	inner      string // the quoted words, marks and edge spaces removed
	closed     bool   // false when the quotation runs on past the paragraph
}

// substantial reports whether the span is a direct quotation rather than a
// scare-quoted term like ‘Social Work Contract’.
func (q quoteSpan) substantial() bool {
	return countWords(q.inner, 5) >= 5
}

const (
	openDouble  = '“'
	closeDouble = '”'
	openSingle  = '‘'
	closeSingle = '’'
)

// quotedSpans finds the quotations in a paragraph. It accepts curly and
// straight marks, single and double, and mismatched pairs (“…" or “…’); a
// quotation with no closing mark runs to the end of the paragraph, as the
// middle paragraphs of a long quotation do.
func quotedSpans(s string) []quoteSpan {
	var spans []quoteSpan
	sc := &markScanner{s: s, nextOpen: -1, noCloser: len(s) + 1}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isOpeningMark(s, i, r) {
			i += size
			continue
		}
		body := i + size
		end, closeSize, closed := sc.findClosingMark(body, r)
		if !closed && (r == openSingle || r == '\'') && i != 0 {
			// A lone single mark mid-paragraph is an apostrophe or a typo,
			// not the start of a quotation.
			i += size
			continue
		}
		span := quoteSpan{start: i, closed: closed}
		if closed {
			span.end = end + closeSize
			span.inner = strings.TrimSpace(s[body:end])
		} else {
			span.end = end
			span.inner = strings.TrimSpace(s[body:end])
		}
		span.inner = strings.TrimRight(span.inner, ",")
		if span.inner != "" {
			spans = append(spans, span)
		}
		i = max(span.end, body)
	}
	return spans
}

// isOpeningMark reports whether the rune r at byte i of s opens a quotation.
func isOpeningMark(s string, i int, r rune) bool {
	switch r {
	case openDouble:
		return true
	case '"', openSingle, '\'':
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if i > 0 && !unicode.IsSpace(before) && !strings.ContainsRune("([—–-:", before) {
			return false
		}
		return unicode.IsLetter(after) || unicode.IsDigit(after) || (r == '"' && after == '…')
	}
	return false
}

// markScanner remembers what earlier searches of one paragraph found, so
// that a paragraph full of apostrophes or straight quotation marks is read
// in linear time: every search starts further on than the one before.
type markScanner struct {
	s        string
	nextOpen int // offset of the first “ at or after the last search start; -1 before the first
	noCloser int // no single closing mark at or after this offset
}

// openDoubleFrom returns the offset of the first “ at or after from, or len(s).
func (sc *markScanner) openDoubleFrom(from int) int {
	if sc.nextOpen < from {
		sc.nextOpen = len(sc.s)
		if next := strings.IndexRune(sc.s[from:], openDouble); next >= 0 {
			sc.nextOpen = from + next
		}
	}
	return sc.nextOpen
}

// findClosingMark finds where the quotation opened by mark, whose text
// starts at byte from, ends. It returns the byte offset of the closing mark
// and the mark's size, or the end of the quotation and false when there is
// no closing mark (the next opening double mark or the end of s).
func (sc *markScanner) findClosingMark(from int, mark rune) (int, int, bool) {
	s := sc.s
	limit := sc.openDoubleFrom(from)
	double := mark == openDouble || mark == '"'
	if double {
		for i := from; i < limit; {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == closeDouble || r == '"' {
				return i, size, true
			}
			i += size
		}
		// Mismatched pair: “…’ closes on the last single mark that ends a
		// word rather than sitting inside one (an apostrophe).
		last, lastSize := -1, 0
		for i := from; i < limit; {
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == closeSingle || r == '\'') && isClosingPosition(s, i, size) {
				last, lastSize = i, size
			}
			i += size
		}
		if last >= 0 {
			return last, lastSize, true
		}
		return trimTrailingSpace(s, from, limit), 0, false
	}
	if from >= sc.noCloser {
		return len(s), 0, false
	}
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == closeSingle || r == '\'') && isClosingPosition(s, i, size) {
			return i, size, true
		}
		if r == closeDouble {
			return i, size, true
		}
		i += size
	}
	sc.noCloser = from
	return len(s), 0, false
}

// isClosingPosition reports whether the single mark at byte i ends a word
// (closing a quotation) rather than sitting inside one (it’s, workers’).
func isClosingPosition(s string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	if i == 0 || unicode.IsSpace(before) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	if i+size == len(s) {
		return true
	}
	if unicode.IsLetter(after) || unicode.IsDigit(after) {
		return false
	}
	// "workers’ pay" is a plural possessive, not a closing mark.
	return !(before == 's' && after == ' ')
}

func trimTrailingSpace(s string, from, end int) int {
	for end > from && s[end-1] == ' ' {
		end--
	}
	return end
}

// quotation summarises the direct quotations in a paragraph.
type quotation struct {
	spans    []quoteSpan // the substantial quotations only
	outside  string      // the paragraph with each quotation replaced by quoteMarker
	quoted   int         // bytes of quoted text
	bare     bool        // the paragraph is one quotation and nothing else
	unclosed bool        // the last quotation runs on into the next paragraph
}

// quoteMarker stands in for a quotation in the narrative around it.
const quoteMarker = "‹Q›"

func analyseQuotes(text string) quotation {
	var q quotation
	var outside strings.Builder
	prev := 0
	for _, sp := range quotedSpans(text) {
		if sp.start < prev || sp.end > len(text) {
			continue // spans never overlap; this guards the slicing below
		}
		if !sp.substantial() && !shortQuotation(text, sp) {
			continue
		}
		q.spans = append(q.spans, sp)
		q.quoted += len(sp.inner)
		outside.WriteString(text[prev:sp.start])
		outside.WriteString(" " + quoteMarker + " ")
		prev = sp.end
		q.unclosed = !sp.closed
	}
	if q.spans == nil {
		q.outside = collapseSpace(text) // the common case: nothing to copy
	} else {
		outside.WriteString(text[prev:])
		q.outside = collapseSpace(outside.String())
	}
	rest := strings.TrimSpace(strings.ReplaceAll(q.outside, quoteMarker, ""))
	rest = strings.Trim(rest, ".,;:!?…—–- ")
	q.bare = len(q.spans) == 1 && rest == ""
	return q
}

// shortQuotation reports whether a quotation of fewer than five words is
// still the substance of its paragraph: it opens the paragraph, has at
// least three words, and what follows is at most a short attribution
// ("“We keep caseloads manageable,” he says.").
func shortQuotation(text string, sp quoteSpan) bool {
	if sp.start != 0 || countWords(sp.inner, 3) < 3 {
		return false
	}
	return countWords(text[sp.end:], 9) <= 8
}

// startsWithQuote reports whether a paragraph opens with a quotation mark.
func startsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == openDouble || r == '"' || r == openSingle || r == '\''
}
