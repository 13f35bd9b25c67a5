package ingest

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Topic is one subject of the taxonomy passages are tagged with.
type Topic struct {
	ID          string `json:"id"`          // short slug, e.g. "supervision"
	Label       string `json:"label"`       // display name, e.g. "Supervision"
	Description string `json:"description"` // one sentence for the search page
	// Phrases signal the topic when they occur in a passage as whole
	// words, ignoring case and plural endings.
	Phrases []string `json:"phrases"`
}

type topicData struct {
	topics  []Topic
	phrases *phraseMatcher
}

var loadTopics = sync.OnceValue(func() *topicData {
	var f struct {
		Topics []Topic `json:"topics"`
	}
	mustLoadJSON("data/topics.json", &f)
	d := &topicData{topics: f.Topics, phrases: newPhraseMatcher()}
	for i, t := range f.Topics {
		for _, p := range t.Phrases {
			d.phrases.add(p, i)
		}
	}
	return d
})

// Topics returns the taxonomy in its display order.
func Topics() []Topic {
	d := loadTopics()
	out := make([]Topic, len(d.topics))
	copy(out, d.topics)
	return out
}

// TopicsOf returns the IDs of the topics whose phrases occur in text, in
// taxonomy order.
func TopicsOf(text string) []string {
	d := loadTopics()
	hit := make([]bool, len(d.topics))
	for _, m := range d.phrases.find(text) {
		hit[m.value] = true
	}
	var ids []string
	for i, h := range hit {
		if h {
			ids = append(ids, d.topics[i].ID)
		}
	}
	return ids
}

// phraseMatcher finds whole-word phrases in text, ignoring case, hyphens
// and plural endings: "case loads" matches the phrase "case load". A word
// written in capitals in a phrase ("IT", "LAC") matches only capitals, so
// the acronym does not fire on the pronoun "it".
type phraseMatcher struct {
	byFirst map[string][]phrase
}

type phrase struct {
	words []stemWord
	value int
}

type phraseMatch struct {
	start, end int // word positions
	value      int
}

func newPhraseMatcher() *phraseMatcher {
	return &phraseMatcher{byFirst: map[string][]phrase{}}
}

func (m *phraseMatcher) add(text string, value int) {
	words := stemWords(text)
	if len(words) == 0 {
		return
	}
	first := words[0].stem
	ps := append(m.byFirst[first], phrase{words: words, value: value})
	// Longest first, so callers that want one match get the longest.
	for j := len(ps) - 1; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
		ps[j], ps[j-1] = ps[j-1], ps[j]
	}
	m.byFirst[first] = ps
}

// find returns every phrase occurrence in text, overlapping ones included.
func (m *phraseMatcher) find(text string) []phraseMatch {
	words := stemWords(text)
	var out []phraseMatch
	for i := range words {
		for _, p := range m.byFirst[words[i].stem] {
			if i+len(p.words) > len(words) {
				continue
			}
			ok := true
			for j, w := range p.words {
				t := words[i+j]
				if t.stem != w.stem || (w.acronym && !t.acronym) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, phraseMatch{start: i, end: i + len(p.words), value: p.value})
			}
		}
	}
	return out
}

// stemWord is one word reduced for matching.
type stemWord struct {
	stem    string
	acronym bool // written in capitals, two letters or more
}

// stemWords splits text into lower-case words with possessives and
// plural endings removed.
func stemWords(text string) []stemWord {
	words := splitWords(text)
	out := make([]stemWord, 0, len(words))
	for _, w := range words {
		lower := strings.ToLower(w)
		if lower == "s" && len(out) > 0 {
			continue // the "s" of a possessive: "Kent's"
		}
		// lower != w first: most words have no capital, and ToUpper allocates.
		acronym := len(w) >= 2 && lower != w && strings.ToUpper(w) == w
		s := lower
		if !acronym {
			s = stem(lower)
		} else if strings.HasSuffix(s, "s") && len(s) > 2 {
			s = strings.TrimSuffix(s, "s") // "IROs", "LADOs"
		}
		out = append(out, stemWord{stem: s, acronym: acronym})
	}
	return out
}

// splitWords splits text into runs of letters and digits, reading "&" as
// "and".
func splitWords(text string) []string {
	out := make([]string, 0, len(text)/6+1) // about one word per six bytes of prose
	start := -1
	for i, r := range text {
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
		if r == '&' {
			out = append(out, "and")
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// stem removes a plural ending: "caseloads" -> "caseload",
// "authorities" -> "authority", "processes" -> "process".
func stem(w string) string {
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}
