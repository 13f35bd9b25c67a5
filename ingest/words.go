package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lastWords returns the last n white-space separated words of s, in order,
// as strings.Fields would give them. It reads s backwards only as far as
// it needs, so looking just before every name in a long paragraph stays
// linear in the paragraph, where strings.Fields(text[:i]) was quadratic.
func lastWords(s string, n int) []string {
	words := make([]string, 0, n)
	end := len(s)
	for len(words) < n {
		for end > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		if end == 0 {
			break
		}
		start := end
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if unicode.IsSpace(r) {
				break
			}
			start -= size
		}
		words = append(words, s[start:end])
		end = start
	}
	for i, j := 0, len(words)-1; i < j; i, j = i+1, j-1 {
		words[i], words[j] = words[j], words[i]
	}
	return words
}

// firstWords returns the first n white-space separated words of s, as
// strings.Fields would give them, reading no further than it needs.
func firstWords(s string, n int) []string {
	words := make([]string, 0, n)
	i := 0
	for len(words) < n {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i == len(s) {
			break
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		words = append(words, s[start:i])
	}
	return words
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// countWords counts the white-space separated words of s, stopping at
// limit: callers only ask whether a line is short, and a line can be a
// whole megabyte-long paragraph.
func countWords(s string, limit int) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		switch {
		case isSpaceRune(r):
			inWord = false
		case !inWord:
			inWord = true
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}

// isSpaceRune is unicode.IsSpace, ASCII by table.
func isSpaceRune(r rune) bool {
	return r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// collapseSpace is strings.Join(strings.Fields(s), " "): white space
// trimmed and each run of it made one space. Most text the parser sees is
// so already, and then s itself is returned, without the slice of words
// and the copy.
func collapseSpace(s string) string {
	space := true // at the start, or after a space: another would need collapsing
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		switch {
		case r == ' ' && !space:
			space = true
		case isSpaceRune(r):
			return strings.Join(strings.Fields(s), " ")
		default:
			space = false
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}
