package ingest

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordToken is one word, number or punctuation mark of a sentence, with its
// byte span.
type wordToken struct {
	text, lower string
	start, end  int
	punct       bool
}

// wordTokens splits s into words (letters and digits, with inner
// apostrophes split off as "'s"), and single punctuation marks.
func wordTokens(s string) []wordToken {
	out := make([]wordToken, 0, len(s)/5+1)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += w2
			}
			out = append(out, wordToken{text: s[i:j], lower: strings.ToLower(s[i:j]), start: i, end: j})
			i = j
		case (r == '\'' || r == '’') && len(out) > 0 && out[len(out)-1].end == i && i+w < len(s) && (s[i+w] == 's' || s[i+w] == 'S'):
			out = append(out, wordToken{text: s[i : i+w+1], lower: "'s", start: i, end: i + w + 1})
			i += w + 1
		default:
			lower := s[i : i+w] // string(r), without allocating, unless s[i] is not UTF-8
			if r == utf8.RuneError && w == 1 {
				lower = string(r)
			}
			out = append(out, wordToken{text: s[i : i+w], lower: lower, start: i, end: i + w, punct: r != '%' && r != '-' && r != '–'})
			i += w
		}
	}
	return out
}

// A factPhrase is a sequence of words to find in a sentence's tokens: in any
// case, or, when exact, only as written ("Think Family", not "think
// family"). In a phrase of values, "#" stands for a number.
type factPhrase struct {
	words []string
	exact bool
}

// factPhrases compiles data-file phrases, longest first, so "children and
// families" wins over "children".
func factPhrases(ss []string, exact bool) []factPhrase {
	out := make([]factPhrase, len(ss))
	for i, s := range ss {
		for _, t := range wordTokens(s) {
			w := t.lower
			if exact {
				w = t.text
			}
			out[i].words = append(out[i].words, w)
		}
		out[i].exact = exact
	}
	slices.SortStableFunc(out, func(a, b factPhrase) int { return len(b.words) - len(a.words) })
	return out
}

// at reports whether p's words (with no "#") start at token i, and the
// token after them.
func (p factPhrase) at(toks []wordToken, i int) (int, bool) {
	if len(p.words) == 0 || i+len(p.words) > len(toks) {
		return i, false
	}
	for k, w := range p.words {
		if !p.matches(w, toks[i+k]) {
			return i, false
		}
	}
	return i + len(p.words), true
}

// matches reports whether word w of p is token t. In a cue, "#" is any
// small number ("grade #:" reads "Grade 9:"); a value phrase reads its
// "#" itself (valueAt).
func (p factPhrase) matches(w string, t wordToken) bool {
	if p.exact {
		return t.text == w
	}
	if w == "#" {
		_, ok := numberWord(t.lower)
		return ok
	}
	return t.lower == w
}

// firstAt returns the end of the first of ps (longest first) that starts at
// token i.
func firstAt(ps []factPhrase, toks []wordToken, i int) (int, bool) {
	for _, p := range ps {
		if end, ok := p.at(toks, i); ok {
			return end, true
		}
	}
	return i, false
}

// mentions reports whether any of ps occurs in toks.
func mentions(toks []wordToken, ps []factPhrase) bool {
	for i := range toks {
		if _, ok := firstAt(ps, toks, i); ok {
			return true
		}
	}
	return false
}

// numberWords are the figures people write out in words.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}

func numberWord(s string) (int, bool) {
	if n, ok := numberWords[s]; ok {
		return n, true
	}
	if len(s) > 3 || !isNumeral(s) {
		return 0, false // a word: strconv.Atoi would fail, allocating its error
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// isNumeral reports whether s is digits after an optional sign, the only
// strings strconv.Atoi reads.
func isNumeral(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// yearWord reads a four-digit year such as 2013.
func yearWord(s string) (int, bool) {
	if len(s) != 4 || !isNumeral(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1990 && n <= 2099
}

// factSentence is a sentence of a passage and its tokens.
type factSentence struct {
	text string
	toks []wordToken
}

// tokenizeSentences splits text into sentences and each into tokens.
func tokenizeSentences(text string) []factSentence {
	ss := factSentences(text)
	out := make([]factSentence, len(ss))
	for i, s := range ss {
		out[i] = factSentence{s, wordTokens(s)}
	}
	return out
}

// firstWordIndex lists, for a token's lower-case form, the phrases (by
// their index, in order) that may start at it: those whose first word it
// is, and those that may start anywhere (no words, or a "#" first).
type firstWordIndex struct {
	by  map[string][]int
	any []int
}

// newFirstWordIndex indexes phrases by their lower-case first words; ""
// is a phrase that may start anywhere.
func newFirstWordIndex(first []string) firstWordIndex {
	x := firstWordIndex{by: map[string][]int{}}
	for i, w := range first {
		if w == "" {
			x.any = append(x.any, i)
		} else if _, ok := x.by[w]; !ok {
			x.by[w] = nil
		}
	}
	for w := range x.by {
		for i, f := range first {
			if f == w || f == "" {
				x.by[w] = append(x.by[w], i)
			}
		}
	}
	return x
}

// at lists the phrases that may start at a token of lower-case form w.
func (x firstWordIndex) at(w string) []int {
	if l, ok := x.by[w]; ok {
		return l
	}
	return x.any
}

// factSentences splits text at sentence ends and line breaks.
func factSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := c == '\n' || (c == '.' || c == '!' || c == '?' || c == ';') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n')
		if end {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
