package ingest

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed data/facts
var factData embed.FS

// factRules is a data file of rules for one family of facts
// (data/facts/NAME.json). A rule reads a value tied to one of its cues
// before it ("a salary of £32,000") or to one of its follows after it
// ("a £2,000 golden hello"); a rule with neither is a value that states
// the fact on its own, such as a practice model's name.
// The value is a number (a small count, or an amount in pounds) or, when
// the file lists values, one of those: a name in the file's spelling
// ("Requires improvement to be good") or a figure ("monthly" = 4 weeks).
type factRules struct {
	Unit   string `json:"unit"`
	Number string `json:"number"` // "count" (the default) or "pounds" ("£35,000", "£35k")
	Min    int    `json:"min"`    // bounds on a number, and on a "#" in a value phrase
	Max    int    `json:"max"`
	Once   bool   `json:"once"` // one fact per type and value per passage
	Values []struct {
		Name   string   `json:"name"`
		Figure float64  `json:"figure"`  // times the number a "#" in the phrase reads
		Spell  []string `json:"phrases"` // in any case
		Exact  []string `json:"exact"`   // only as written
	} `json:"values"`
	Rules []struct {
		Type    string   `json:"type"`
		Kind    string   `json:"kind"`
		Range   bool     `json:"range"` // the figure is "A and B" or "A to B"
		Cues    []string `json:"cues"`
		Follows []string `json:"follows"`
		// Object is how many words may stand between the cue and the
		// value, naming what was rated ("Ofsted rated the trust Good");
		// a value after them must end its clause or take a year or a
		// hedge ("Good in 2022", "Good, noting …"), so that an adjective
		// ("rated the council's good supervision") is not read as one.
		Object int `json:"object"`
		// Links lead from a cue to its value across a phrase that names
		// whose figure it is ("caseloads across its locality teams are
		// now around 18", "salaries for qualified social workers range
		// from £38,000"): up to Between words, opened by one of the file's
		// qualifiers and holding none of its breaks, then a link.
		Links   []string `json:"links"`
		Between int      `json:"between"`
	} `json:"rules"`
	Require []string `json:"require"` // the sentence must mention one of these
	// Others name, straight after a value, something a cue's rule must
	// not read it as ("earn £1,500 retention bonus" is not a salary, nor
	// "a salary of up to £8,000 relocation package"). A rule read from a
	// cue also refuses a value that another rule's follows name, so that
	// rule reads it as its own kind. A file with no others reads as it
	// did before they were added.
	Others  []string `json:"others"`
	Hedges  []string `json:"hedges"`
	Units   []string `json:"units"`
	Context []string `json:"context"` // words that let a figure stand without a unit
	Tails   []string `json:"tails"`
	Years   []string `json:"years"` // words around a fact that give its year ("in 2013")
	// Qualifiers open the phrase between a cue and a link ("across",
	// "for"); breaks end it, as a clause of its own would ("caseloads fell
	// and the team is 15").
	Qualifiers []string `json:"qualifiers"`
	Breaks     []string `json:"breaks"`
}

func mustLoadFactRules(name string) *factRules {
	path := "data/facts/" + name + ".json"
	b, err := factData.ReadFile(path)
	if err != nil {
		panic(fmt.Sprintf("ingest: embedded %s: %v", path, err))
	}
	var r factRules
	if err := json.Unmarshal(b, &r); err != nil {
		panic(fmt.Sprintf("ingest: embedded %s: %v", path, err))
	}
	return &r
}

// rulesExtractor makes an extractor from the rules file
// data/facts/NAME.json.
func rulesExtractor(name string) FactExtractor {
	return newRulesExtractor(name, mustLoadFactRules(name))
}

func newRulesExtractor(name string, r *factRules) FactExtractor {
	return newRulesExtractorWith(name, r, skipping)
}

func newRulesExtractorWith(name string, r *factRules, pc precheck) FactExtractor {
	x := FactExtractor{Name: name, Once: r.Once}
	for _, rule := range r.Rules {
		if !slices.Contains(x.Types, rule.Type) {
			x.Types = append(x.Types, rule.Type)
		}
	}
	m := newFactMatcher(r)
	m.pc = pc
	x.Extract, x.extractSentences = m.facts, m.factsIn
	return x
}

// factMatcher holds a rules file as token phrases.
type factMatcher struct {
	r       *factRules
	starts  []factStart
	values  []factValue
	require []factPhrase
	hedges  []factPhrase
	units   []factPhrase
	context []factPhrase
	years   []factPhrase
	quals   []factPhrase
	breaks  []factPhrase
	others  []factPhrase // what a cue's value must not be followed by
	tails   []string

	// startsAt and valuesAt index starts and values by their first word,
	// so a token is tried only against those that can begin there.
	startsAt, valuesAt firstWordIndex
	// pc says whether factsIn may skip a sentence that cannot hold a fact.
	pc precheck
}

// factStart is where a fact may begin: a rule's cue, or (with no cue)
// the rule's value.
type factStart struct {
	cue     factPhrase
	typ     string
	kind    string
	rng     bool
	follows []factPhrase
	object  int
	links   []factPhrase
	between int
}

// factValue is one phrase of a listed value.
type factValue struct {
	factPhrase
	name   string
	figure float64
}

func newFactMatcher(r *factRules) *factMatcher {
	m := &factMatcher{r: r, tails: r.Tails}
	var bare []factStart // the starts at a value
	others := slices.Clone(r.Others)
	for _, rule := range r.Rules {
		others = append(others, rule.Follows...)
		s := factStart{typ: rule.Type, kind: rule.Kind, rng: rule.Range, object: rule.Object,
			links: factPhrases(rule.Links, false), between: rule.Between}
		for _, c := range factPhrases(rule.Cues, false) {
			s.cue = c
			m.starts = append(m.starts, s)
		}
		if len(rule.Follows) > 0 || len(rule.Cues) == 0 {
			bare = append(bare, factStart{typ: rule.Type, kind: rule.Kind, rng: rule.Range, follows: factPhrases(rule.Follows, false)})
		}
	}
	slices.SortStableFunc(m.starts, func(a, b factStart) int { return len(b.cue.words) - len(a.cue.words) })
	m.starts = append(m.starts, bare...)
	for _, v := range r.Values {
		for _, p := range append(factPhrases(v.Spell, false), factPhrases(v.Exact, true)...) {
			m.values = append(m.values, factValue{factPhrase: p, name: v.Name, figure: v.Figure})
		}
	}
	slices.SortStableFunc(m.values, func(a, b factValue) int { return len(b.words) - len(a.words) })
	startFirst := make([]string, len(m.starts))
	for i, s := range m.starts {
		if len(s.cue.words) > 0 {
			startFirst[i] = s.cue.words[0] // cues match in any case: already lower case
		}
	}
	m.startsAt = newFirstWordIndex(startFirst)
	valueFirst := make([]string, len(m.values))
	for i, v := range m.values {
		if len(v.words) > 0 && v.words[0] != "#" {
			valueFirst[i] = strings.ToLower(v.words[0])
		}
	}
	m.valuesAt = newFirstWordIndex(valueFirst)
	m.require, m.hedges = factPhrases(r.Require, false), factPhrases(r.Hedges, false)
	m.units, m.context, m.years = factPhrases(r.Units, false), factPhrases(r.Context, false), factPhrases(r.Years, false)
	m.quals, m.breaks = factPhrases(r.Qualifiers, false), factPhrases(r.Breaks, false)
	if len(r.Others) > 0 {
		m.others = factPhrases(others, false)
	}
	return m
}

// facts finds the facts in text, sentence by sentence.
func (m *factMatcher) facts(text string) []Fact {
	return m.factsIn(tokenizeSentences(text))
}

// factsIn finds the facts in tokenized sentences.
func (m *factMatcher) factsIn(sentences []factSentence) []Fact {
	var out []Fact
	var claimed []bool
	for _, st := range sentences {
		sentence, toks := st.text, st.toks
		if bool(m.pc) && len(m.values) == 0 && !mayHoldNumber(st, m.r.Number) {
			continue // every fact's value is a number, and the sentence has none
		}
		if len(m.require) > 0 && !mentions(toks, m.require) {
			continue
		}
		inContext := mentions(toks, m.context)
		claimed = slices.Grow(claimed[:0], len(toks))[:len(toks)] // tokens already part of a fact
		clear(claimed)
		for i := 0; i < len(toks); i++ {
			if claimed[i] {
				continue
			}
			f, end, ok := m.factAt(sentence, toks, i, inContext)
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

// mayHoldNumber reports whether a sentence has a token number could read
// as a fact's value: a "£" for amounts in pounds, else a token numberWord
// reads (count then checks the rules' bounds and what follows).
func mayHoldNumber(st factSentence, kind string) bool {
	if kind == "pounds" {
		return strings.Contains(st.text, "£")
	}
	for _, t := range st.toks {
		if _, ok := numberWord(t.lower); ok {
			return true
		}
	}
	return false
}

// factAt reads a fact that starts at token i, with a cue or with its
// value. It returns the fact and the token after it.
func (m *factMatcher) factAt(sentence string, toks []wordToken, i int, inContext bool) (Fact, int, bool) {
	for _, k := range m.startsAt.at(toks[i].lower) {
		s := &m.starts[k]
		j := i
		if len(s.cue.words) > 0 {
			end, ok := s.cue.at(toks, i)
			if !ok {
				continue
			}
			j = m.skipHedges(toks, end)
		}
		var f Fact
		var end int
		var ok bool
		if len(s.links) > 0 {
			// The value is only ever after a link: with the cue alone
			// ("caseloads 18") the rule would read what other rules refuse.
			f, end, ok = m.readAfterLink(toks, j, s, inContext)
		} else {
			f, end, ok = m.read(toks, j, s, inContext)
		}
		for k := j; !ok && k < j+s.object && k < len(toks) && !toks[k].punct; k++ {
			if m.valueEndsClause(toks, k+1) {
				f, end, ok = m.read(toks, k+1, s, inContext)
			}
		}
		if !ok {
			continue
		}
		start := i
		if f.Year == 0 {
			if y, at, ok := m.yearBefore(toks, i); ok {
				f.Year, start = y, at
			}
		}
		f.Text = sentence[toks[start].start:toks[end-1].end]
		return f, end, true
	}
	return Fact{}, 0, false
}

// readAfterLink reads a value after a phrase that qualifies the cue and
// one of the start's links: "caseloads | across its locality teams | are |
// now around 18". The phrase opens with a qualifier and has no figure,
// punctuation or break in it, so the value is still the cue's.
func (m *factMatcher) readAfterLink(toks []wordToken, j int, s *factStart, inContext bool) (Fact, int, bool) {
	if _, ok := firstAt(m.quals, toks, j); !ok {
		return Fact{}, 0, false
	}
	for k := j + 1; k <= j+s.between && k < len(toks); k++ {
		if end, ok := firstAt(s.links, toks, k); ok {
			if f, end, ok := m.read(toks, m.skipHedges(toks, end), s, inContext); ok {
				return f, end, true
			}
		}
		if _, isNumber := numberWord(toks[k].lower); isNumber || toks[k].punct {
			break
		}
		if _, ok := firstAt(m.breaks, toks, k); ok {
			break
		}
	}
	return Fact{}, 0, false
}

// yearBefore reads a year that opens the clause a fact ends ("In 2023,
// Ofsted rated our children's services Good", "In March 2019 we were
// rated Inadequate", "At its last inspection, in 2023, Ofsted rated …"):
// at the sentence's start or after a comma, one of the year words, a month
// if any and the year, then at most a comma and three words before the
// fact's start i. It returns the year and the token it starts at.
func (m *factMatcher) yearBefore(toks []wordToken, i int) (int, int, bool) {
	const gap = 3
	k := i - 1
	for words := 0; k >= 0 && !toks[k].punct && words < gap; k-- {
		if _, ok := yearWord(toks[k].lower); ok {
			break
		}
		if _, isNumber := numberWord(toks[k].lower); isNumber {
			return 0, i, false // another figure stands between
		}
		words++
	}
	if k >= 0 && toks[k].lower == "," {
		k--
	}
	if k < 1 {
		return 0, i, false
	}
	y, ok := yearWord(toks[k].lower)
	if !ok {
		return 0, i, false
	}
	if _, err := time.Parse("January", toks[k-1].text); err == nil {
		k-- // "In March 2019"
	}
	for _, p := range m.years {
		if at := k - len(p.words); at >= 0 {
			// The phrase must open the sentence or follow a comma: "…
			// rated Outstanding in 2019, and Kingston was judged Good" is
			// another fact's year.
			if end, ok := p.at(toks, at); ok && end == k && (at == 0 || toks[at-1].lower == ",") {
				return y, at, true
			}
		}
	}
	return 0, i, false
}

// valueEndsClause reports whether a value starts at token j and is
// followed by the end of its clause, a hedge or a year ("Good, noting",
// "Good overall", "Good in 2022"), as a value after a cue's object must be.
func (m *factMatcher) valueEndsClause(toks []wordToken, j int) bool {
	_, end, ok := m.value(toks, j)
	if !ok {
		return false
	}
	if end >= len(toks) || toks[end].punct {
		return true
	}
	if _, ok := firstAt(m.hedges, toks, end); ok {
		return true
	}
	_, ok = firstAt(m.years, toks, end)
	return ok
}

// read reads a fact's value at token j and what must or may come after
// it: the end of a range, the phrase the rule wants after the value, a
// unit or a clause end, and a year.
func (m *factMatcher) read(toks []wordToken, j int, s *factStart, inContext bool) (Fact, int, bool) {
	v, j, ok := m.value(toks, j)
	if !ok {
		return Fact{}, 0, false
	}
	f := Fact{Type: s.typ, Kind: s.kind, Value: v, Unit: m.r.Unit}
	if hi, k, ok := m.rangeEnd(toks, j, s.rng); ok {
		if hi <= v.Number {
			return Fact{}, 0, false
		}
		f.Max, j = &hi, k
	} else if s.rng {
		return Fact{}, 0, false
	}
	if len(s.follows) > 0 {
		if j, ok = firstAt(s.follows, toks, m.skipHedges(toks, j)); !ok {
			return Fact{}, 0, false
		}
	} else if _, named := firstAt(m.others, toks, m.skipHedges(toks, j)); named {
		return Fact{}, 0, false // the figure is named as something else
	}
	if j, ok = m.unitOrEnd(toks, j, inContext); !ok {
		return Fact{}, 0, false
	}
	if y, end, ok := m.year(toks, j); ok {
		f.Year, j = y, end
	}
	return f, j, true
}

func (m *factMatcher) skipHedges(toks []wordToken, j int) int {
	for {
		end, ok := firstAt(m.hedges, toks, j)
		if !ok {
			return j
		}
		j = end
	}
}

// value reads one of the listed values at token j or, when the file
// lists none, a number.
func (m *factMatcher) value(toks []wordToken, j int) (FactValue, int, bool) {
	if len(m.values) == 0 {
		n, end, ok := m.number(toks, j)
		return Figure(n), end, ok
	}
	first := "" // past the end only the values that start anywhere can match
	if j < len(toks) {
		first = toks[j].lower
	}
	for _, k := range m.valuesAt.at(first) {
		v := &m.values[k]
		if end, n, ok := m.valueAt(v, toks, j); ok {
			if v.name != "" {
				return Named(v.name), end, true
			}
			return Figure(v.figure * n), end, true
		}
	}
	return FactValue{}, j, false
}

// valueAt matches a value's phrase at token j, reading a count where the
// phrase has "#" ("every # weeks").
func (m *factMatcher) valueAt(v *factValue, toks []wordToken, j int) (int, float64, bool) {
	n := 1.0
	for _, w := range v.words {
		if j >= len(toks) {
			return j, 0, false
		}
		if w == "#" {
			x, next, ok := m.count(toks, j)
			if !ok {
				return j, 0, false
			}
			n, j = x, next
			continue
		}
		if !v.matches(w, toks[j]) {
			return j, 0, false
		}
		j++
	}
	return j, n, true
}

// number reads a number at token j in the file's format.
func (m *factMatcher) number(toks []wordToken, j int) (float64, int, bool) {
	if m.r.Number == "pounds" {
		return m.pounds(toks, j)
	}
	return m.count(toks, j)
}

// count reads a whole number within the rules' bounds at token j.
func (m *factMatcher) count(toks []wordToken, j int) (float64, int, bool) {
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
	return float64(n), j + 1, true
}

// pounds reads an amount such as "£32,000", "£35k" or "£32.5k" within the
// rules' bounds at token j.
func (m *factMatcher) pounds(toks []wordToken, j int) (float64, int, bool) {
	if j+1 >= len(toks) || toks[j].lower != "£" || toks[j+1].start != toks[j].end {
		return 0, j, false
	}
	k := j + 1
	s := toks[k].lower
	for k+2 < len(toks) && (toks[k+1].lower == "," || toks[k+1].lower == ".") &&
		toks[k+1].start == toks[k].end && toks[k+2].start == toks[k+1].end {
		s += toks[k+1].lower + toks[k+2].lower
		k += 2
	}
	scale := 1.0
	if rest, ok := strings.CutSuffix(s, "k"); ok {
		s, scale = rest, 1000
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if n *= scale; err != nil || n < float64(m.r.Min) || n > float64(m.r.Max) {
		return 0, j, false
	}
	return n, k + 1, true
}

// rangeEnd reads "and B", "to B" or "- B" after a number.
func (m *factMatcher) rangeEnd(toks []wordToken, j int, between bool) (float64, int, bool) {
	if j+1 >= len(toks) || len(m.values) > 0 {
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
	return m.number(toks, j+1)
}

// unitOrEnd accepts a figure followed by a unit ("17 cases", not "17
// children's homes"), or, in a sentence about cases, one that ends its
// clause or runs on with a small word ("a maximum of 20 per worker"),
// but not one followed by another noun ("20 minutes"). A file with no
// units and no context words takes any value as it is. It returns the
// token after the fact.
func (m *factMatcher) unitOrEnd(toks []wordToken, j int, inContext bool) (int, bool) {
	if len(m.units) == 0 && len(m.context) == 0 {
		return j, true
	}
	if end, ok := firstAt(m.units, toks, j); ok {
		if end < len(toks) && toks[end].lower == "'s" {
			return 0, false
		}
		return end, true
	}
	if !inContext {
		return 0, false
	}
	if j >= len(toks) || toks[j].punct || slices.Contains(m.tails, toks[j].lower) {
		return j, true
	}
	return 0, false
}

// year reads "in 2013" (after any hedges) following a fact.
func (m *factMatcher) year(toks []wordToken, j int) (int, int, bool) {
	k, ok := firstAt(m.years, toks, m.skipHedges(toks, j))
	if !ok || k >= len(toks) {
		return 0, j, false
	}
	y, ok := yearWord(toks[k].lower)
	return y, k + 1, ok
}
