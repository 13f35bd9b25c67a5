package bench

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Query is one query of a mix.
type Query struct {
	// Shape is the kind of query it is, for the per-shape figures: one of
	// the mix's shapes (word, words, phrase, filtered, faceted, misspelt,
	// prefix, collapse), or "file" for a query of ParseQueries.
	Shape string
	Text  string // the query as a user types it
	// Filters keeps passages with one of the values of each facet, keyed by
	// facet name (council, topic, kind, speaker), as the API's parameters
	// are.
	Filters  map[string][]string
	Collapse string // "" or index.CollapseArticle
}

// request is q as an index.Request. It is the one place that knows how a
// Request holds its filters.
func (q Query) request() (index.Request, error) {
	req := index.Request{Query: q.Text, Collapse: q.Collapse}
	for facet, values := range q.Filters {
		if _, ok := index.LookupFacet(facet); !ok {
			return index.Request{}, fmt.Errorf("filters on %q, which is not a facet (%s)", facet, strings.Join(index.FacetNames(), ", "))
		}
		req.SetFilter(facet, values...)
	}
	return req, nil
}

// params is q as /api/search URL parameters, whose filter parameters are
// the facet names.
func (q Query) params() url.Values {
	v := url.Values{"q": {q.Text}}
	for facet, values := range q.Filters {
		v[facet] = values
	}
	if q.Collapse != "" {
		v.Set("collapse", q.Collapse)
	}
	return v
}

// ParseQueries reads one query per line; blank lines and lines starting
// with # are skipped. It returns nil when there is no query.
func ParseQueries(data []byte) []Query {
	var qs []Query
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		qs = append(qs, Query{Shape: "file", Text: line})
	}
	return qs
}

// mixShapes are the shapes of the built-in mix and how many queries of
// each it has (200 in all).
var mixShapes = []shapeCount{
	{"word", 40}, {"words", 40}, {"phrase", 25}, {"filtered", 25},
	{"faceted", 20}, {"misspelt", 20}, {"prefix", 15}, {"collapse", 15},
}

// shapeOrder is the order shapes are reported in: the mix's, then the
// queries of ParseQueries.
var shapeOrder = []string{"word", "words", "phrase", "filtered", "faceted", "misspelt", "prefix", "collapse", "file"}

// QueryMix draws the built-in mix of 200 queries from a sample of indexed
// passages, so every query is about words the corpus really holds, common
// ones more often as in real use: 40 single words, 40 of two or three
// words, 25 two-word phrases, 25 words filtered by the council, kind or
// topic of their passage, 20 of the commonest words (broad, so facets count
// many hits), 20 misspelt, 15 prefixes and 15 collapsed by article. The
// same sample and seed give the same mix, shuffled.
func QueryMix(sample []ingest.Passage, seed uint64) []Query {
	return drawMix(sample, seed, false, mixShapes)
}

// plainShapes are the shapes of the plain mix and how many queries of
// each it has (200 in all).
var plainShapes = []shapeCount{
	{"word", 60}, {"words", 60}, {"phrase", 40}, {"faceted", 20}, {"misspelt", 20},
}

// PlainQueryMix draws 200 queries that are each nothing but a line of
// text, so that another engine can run exactly what we run: 60 single
// words, 60 of two or three words, 40 two-word phrases, 20 of the
// commonest words and 20 misspelt, from a sample of indexed passages as
// QueryMix draws them, common words more often. It leaves out what a line
// of text cannot carry or other engines read differently: filters,
// collapsing and prefix*. No query is of stop words alone, which the index
// refuses, and a phrase's two words are whole words of its passage, of
// letters only. The same sample and seed give the same mix, shuffled.
func PlainQueryMix(sample []ingest.Passage, seed uint64) []Query {
	return drawMix(sample, seed, true, plainShapes)
}

// shapeCount is a shape of query and how many of it a mix has.
type shapeCount struct {
	shape string
	count int
}

// drawMix draws each shape's count of queries from sample (the plain mix
// when plain) and shuffles them; nil for no sample.
func drawMix(sample []ingest.Passage, seed uint64, plain bool, shapes []shapeCount) []Query {
	if len(sample) == 0 {
		return nil
	}
	m := newMixer(sample, seed, plain)
	var qs []Query
	for _, s := range shapes {
		for range s.count {
			qs = append(qs, m.query(s.shape))
		}
	}
	m.r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// mixer draws queries of each shape from its sample.
type mixer struct {
	r            *rand.Rand
	sample       []ingest.Passage
	passageWords [][]string // queryWords of each sample passage
	common       []string   // the 25 commonest query words
	// plain draws the plain mix: no word of englishStopWords, and phrases
	// of whole words (plainPhrase).
	plain bool
}

func newMixer(sample []ingest.Passage, seed uint64, plain bool) *mixer {
	m := &mixer{r: rand.New(rand.NewPCG(seed, 0x9e3)), sample: sample, passageWords: make([][]string, len(sample)), plain: plain}
	freq := map[string]int{}
	for i, p := range sample {
		m.passageWords[i] = queryWords(p.Text)
		if plain {
			m.passageWords[i] = slices.DeleteFunc(m.passageWords[i], func(w string) bool { return englishStopWords[w] })
		}
		for _, w := range m.passageWords[i] {
			freq[w]++
		}
	}
	common := make([]string, 0, len(freq))
	for w := range freq {
		common = append(common, w)
	}
	slices.SortFunc(common, func(x, y string) int {
		if freq[x] != freq[y] {
			return freq[y] - freq[x]
		}
		return strings.Compare(x, y)
	})
	m.common = common[:min(len(common), 25)]
	return m
}

// pick is a random sample passage with at least three query words.
func (m *mixer) pick() (ingest.Passage, []string) {
	for {
		i := m.r.IntN(len(m.sample))
		if len(m.passageWords[i]) >= 3 {
			return m.sample[i], m.passageWords[i]
		}
	}
}

func (m *mixer) word(ws []string) string { return ws[m.r.IntN(len(ws))] }

// query draws one query of shape from a random passage. The order of the
// random draws is part of the mix: changing it changes every query.
func (m *mixer) query(shape string) Query {
	p, ws := m.pick()
	q := Query{Shape: shape}
	switch shape {
	case "word":
		q.Text = m.word(ws)
	case "words":
		terms := make([]string, 2+m.r.IntN(2))
		for k := range terms {
			terms[k] = m.word(ws)
		}
		q.Text = strings.Join(terms, " ")
	case "phrase":
		if m.plain {
			q.Text = m.plainPhrase(p)
			break
		}
		all := strings.Fields(strings.ToLower(strings.Map(keepLetters, p.Text)))
		k := m.r.IntN(max(1, len(all)-1))
		q.Text = `"` + strings.Join(all[k:min(len(all), k+2)], " ") + `"`
	case "filtered":
		q.Text = m.word(ws)
		q.Filters = m.filter(p)
	case "faceted":
		q.Text = m.common[m.r.IntN(len(m.common))]
	case "misspelt":
		q.Text = misspell(m.word(ws), m.r)
	case "prefix":
		w := m.word(ws)
		q.Text = w[:min(len(w), 4+m.r.IntN(2))] + "*"
	case "collapse":
		q.Text = m.word(ws) + " " + m.word(ws)
		q.Collapse = index.CollapseArticle
	}
	return q
}

// plainPhrase is two neighbouring words of p's text, in quotes: whole
// words of letters only ("council's" and "strengths-based" are neither),
// one of them a query word, so the index never refuses the phrase as stop
// words alone and no engine splits a word of it in two. When p has no such
// pair it draws from another passage.
func (m *mixer) plainPhrase(p ingest.Passage) string {
	for {
		var words []string
		for _, f := range strings.Fields(p.Text) {
			words = append(words, strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })))
		}
		for range 20 {
			if len(words) < 2 {
				break
			}
			k := m.r.IntN(len(words) - 1)
			a, b := words[k], words[k+1]
			if lettersOnly(a) && lettersOnly(b) && (isQueryWord(a) || isQueryWord(b)) {
				return `"` + a + " " + b + `"`
			}
		}
		p, _ = m.pick()
	}
}

func lettersOnly(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// isQueryWord is whether the plain mix may draw w as a word.
func isQueryWord(w string) bool { return len(w) >= 4 && !stopWords[w] && !englishStopWords[w] }

// filter is one facet value of p: its council, its kind or its first
// topic (its council when it has none).
func (m *mixer) filter(p ingest.Passage) map[string][]string {
	switch m.r.IntN(3) {
	case 1:
		return map[string][]string{"kind": {string(p.Kind)}}
	case 2:
		if len(p.Topics) > 0 {
			return map[string][]string{"topic": {p.Topics[0]}}
		}
	}
	return map[string][]string{"council": {p.Council}}
}

// queryWords are the words of text a person might search for: lower-case,
// four letters or more, not the commonest function words.
func queryWords(text string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(strings.Map(keepLetters, text))) {
		if len(w) >= 4 && !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var stopWords = map[string]bool{
	"that": true, "this": true, "with": true, "have": true, "they": true, "their": true, "them": true,
	"from": true, "what": true, "when": true, "which": true, "there": true, "were": true, "been": true,
	"will": true, "your": true, "about": true, "would": true, "into": true, "than": true, "then": true,
	"also": true, "more": true, "some": true, "very": true, "just": true, "does": true, "each": true,
}

func keepLetters(r rune) rune {
	if unicode.IsLetter(r) {
		return r
	}
	return ' '
}

// misspell swaps two neighbouring letters in the middle of w, the commonest
// typing slip: "supervision" -> "supervsiion".
func misspell(w string, r *rand.Rand) string {
	b := []byte(w)
	if len(b) < 4 {
		return w + w[len(w)-1:]
	}
	i := 1 + r.IntN(len(b)-3)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}
