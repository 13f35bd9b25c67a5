package ingest

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/facts
var factData embed.FS

// figureRules is a data file of rules for facts that state a figure
// (data/facts/*.json): cue phrases that come before the figure, the
// units that may follow it, and the words that must be in the sentence
// when no unit follows.
type figureRules struct {
	Unit  string `json:"unit"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
	Rules []struct {
		Type  string   `json:"type"`
		Range bool     `json:"range"` // the figure is "A and B" or "A to B"
		Cues  []string `json:"cues"`
	} `json:"rules"`
	Hedges  []string `json:"hedges"`
	Units   []string `json:"units"`
	Context []string `json:"context"`
	Tails   []string `json:"tails"`
}

func mustLoadFigureRules(path string) *figureRules {
	b, err := factData.ReadFile(path)
	if err != nil {
		panic(fmt.Sprintf("ingest: embedded %s: %v", path, err))
	}
	var r figureRules
	if err := json.Unmarshal(b, &r); err != nil {
		panic(fmt.Sprintf("ingest: embedded %s: %v", path, err))
	}
	return &r
}

// figureExtractor makes an extractor from a rules file.
func figureExtractor(name string, r *figureRules) FactExtractor {
	x := FactExtractor{Name: name}
	for _, rule := range r.Rules {
		if !slices.Contains(x.Types, rule.Type) {
			x.Types = append(x.Types, rule.Type)
		}
	}
	m := newFigureMatcher(r)
	x.Extract = m.facts
	return x
}

// figureMatcher holds a rules file as token sequences.
type figureMatcher struct {
	r       *figureRules
	cues    []figureCue
	hedges  [][]string
	units   [][]string
	context [][]string
	tails   []string
}

type figureCue struct {
	words []string
	typ   string
	rng   bool
}

func newFigureMatcher(r *figureRules) *figureMatcher {
	m := &figureMatcher{r: r, tails: r.Tails}
	phrases := func(ss []string) [][]string {
		out := make([][]string, len(ss))
		for i, s := range ss {
			out[i] = strings.Fields(strings.ToLower(s))
		}
		// Longest first, so "children and families" wins over "children".
		slices.SortStableFunc(out, func(a, b []string) int { return len(b) - len(a) })
		return out
	}
	for _, rule := range r.Rules {
		for _, c := range phrases(rule.Cues) {
			m.cues = append(m.cues, figureCue{words: c, typ: rule.Type, rng: rule.Range})
		}
	}
	slices.SortStableFunc(m.cues, func(a, b figureCue) int { return len(b.words) - len(a.words) })
	m.hedges, m.units, m.context = phrases(r.Hedges), phrases(r.Units), phrases(r.Context)
	return m
}

// facts finds the figures in text, sentence by sentence.
func (m *figureMatcher) facts(text string) []Fact {
	var out []Fact
	for _, sentence := range factSentences(text) {
		toks := wordTokens(sentence)
		inContext := m.mentions(toks, m.context)
		claimed := make([]bool, len(toks)) // tokens already part of a fact
		for i := 0; i < len(toks); i++ {
			if claimed[i] {
				continue
			}
			f, end, ok := m.figureAt(sentence, toks, i, inContext)
			if !ok {
				continue
			}
			out = append(out, f)
			for j := i; j < end; j++ {
				claimed[j] = true
			}
			i = end - 1
		}
	}
	return out
}

// figureAt reads a fact whose cue starts at token i: the cue, hedges,
// the figure (or range), and a unit or a clause end in context. It
// returns the fact and the token after it.
func (m *figureMatcher) figureAt(sentence string, toks []wordToken, i int, inContext bool) (Fact, int, bool) {
	for _, cue := range m.cues {
		if !matchWords(toks, i, cue.words) {
			continue
		}
		j := i + len(cue.words)
		j = m.skipHedges(toks, j)
		n, j, ok := m.number(toks, j)
		if !ok {
			continue
		}
		f := Fact{Type: cue.typ, Value: Figure(float64(n)), Unit: m.r.Unit}
		if hi, k, ok := m.rangeEnd(toks, j, cue.rng); ok {
			if hi <= n {
				continue
			}
			h := float64(hi)
			f.Max, j = &h, k
		} else if cue.rng {
			continue
		}
		end, ok := m.unitOrEnd(toks, j, inContext)
		if !ok {
			continue
		}
		f.Text = sentence[toks[i].start:toks[end-1].end]
		return f, end, true
	}
	return Fact{}, 0, false
}

func (m *figureMatcher) skipHedges(toks []wordToken, j int) int {
	for moved := true; moved; {
		moved = false
		for _, h := range m.hedges {
			if matchWords(toks, j, h) {
				j += len(h)
				moved = true
				break
			}
		}
	}
	return j
}

// number reads a whole number within the rules' bounds at token j.
func (m *figureMatcher) number(toks []wordToken, j int) (int, int, bool) {
	if j >= len(toks) {
		return 0, j, false
	}
	n, ok := numberWord(toks[j].lower)
	if !ok || n < m.r.Min || n > m.r.Max {
		return 0, j, false
	}
	// "17.5", "17,000" and "17%" are other figures.
	if j+1 < len(toks) {
		next := toks[j+1]
		joined := next.start == toks[j].end && (next.lower == "." || next.lower == ",") &&
			j+2 < len(toks) && toks[j+2].start == next.end
		if joined || next.lower == "%" || next.lower == "per" && j+2 < len(toks) && toks[j+2].lower == "cent" {
			return 0, j, false
		}
	}
	return n, j + 1, true
}

// rangeEnd reads "and B", "to B" or "- B" after a figure.
func (m *figureMatcher) rangeEnd(toks []wordToken, j int, between bool) (int, int, bool) {
	if j+1 >= len(toks) {
		return 0, j, false
	}
	switch toks[j].lower {
	case "to", "-", "–":
	case "and":
		if !between {
			return 0, j, false
		}
	default:
		return 0, j, false
	}
	n, k, ok := m.number(toks, j+1)
	return n, k, ok
}

// unitOrEnd accepts a figure followed by a unit ("17 cases", not "17
// children's homes"), or, in a sentence about cases, one that ends its
// clause or runs on with a small word ("a maximum of 20 per worker"),
// but not one followed by another noun ("20 minutes"). It returns the
// token after the fact.
func (m *figureMatcher) unitOrEnd(toks []wordToken, j int, inContext bool) (int, bool) {
	for _, u := range m.units {
		if matchWords(toks, j, u) {
			end := j + len(u)
			if end < len(toks) && toks[end].lower == "'s" {
				return 0, false
			}
			return end, true
		}
	}
	if !inContext {
		return 0, false
	}
	if j >= len(toks) || toks[j].punct || slices.Contains(m.tails, toks[j].lower) {
		return j, true
	}
	return 0, false
}

func (m *figureMatcher) mentions(toks []wordToken, phrases [][]string) bool {
	for i := range toks {
		for _, p := range phrases {
			if matchWords(toks, i, p) {
				return true
			}
		}
	}
	return false
}

// wordToken is one word, number or punctuation mark of a sentence, with its
// byte span.
type wordToken struct {
	lower      string
	start, end int
	punct      bool
}

// wordTokens splits s into words (letters and digits, with inner
// apostrophes split off as "'s"), and single punctuation marks.
func wordTokens(s string) []wordToken {
	var out []wordToken
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
			out = append(out, wordToken{lower: strings.ToLower(s[i:j]), start: i, end: j})
			i = j
		case (r == '\'' || r == '’') && len(out) > 0 && out[len(out)-1].end == i && strings.HasPrefix(strings.ToLower(s[i+w:]), "s"):
			out = append(out, wordToken{lower: "'s", start: i, end: i + w + 1})
			i += w + 1
		default:
			out = append(out, wordToken{lower: string(r), start: i, end: i + w, punct: r != '%' && r != '-' && r != '–'})
			i += w
		}
	}
	return out
}

func matchWords(toks []wordToken, i int, words []string) bool {
	if len(words) == 0 || i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].lower != w {
			return false
		}
	}
	return true
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
	if len(s) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
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
