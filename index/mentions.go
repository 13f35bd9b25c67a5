package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// An article introduces a person in full ("principal social worker Jean
// Ross") and then calls her Jean: "Jean is having one of these
// discussions". A passage that names someone so, after the introduction,
// is indexed with the rest of the name (in the speaker field, where names
// are searched), so that "Jean Ross" finds it among the passages holding
// every word rather than among those holding one.

// mentions returns, for each passage of a, the rest of the full names of
// the people the article quotes whose first name or surname alone the
// passage uses ("Ross" for a passage saying Jean), from the passage that
// introduces them on. A passage of the person's own, or one that gives
// the full name, already holds it.
func mentions(a *ingest.Article) [][]string {
	type person struct {
		name, first, last string
		from              int // the first passage giving the full name
	}
	var people []person
	for i := range a.Passages {
		name := a.Passages[i].Speaker
		fields := strings.Fields(name)
		if len(fields) < 2 || slices.ContainsFunc(people, func(p person) bool { return p.name == name }) {
			continue
		}
		p := person{name: name, first: fields[0], last: fields[len(fields)-1], from: i}
		for j := range i {
			if strings.Contains(passageText(&a.Passages[j]), name) {
				p.from = j
				break
			}
		}
		people = append(people, p)
	}
	out := make([][]string, len(a.Passages))
	if len(people) == 0 {
		return out
	}
	for i := range a.Passages {
		ps := &a.Passages[i]
		text := passageText(ps)
		for _, p := range people {
			if i < p.from || ps.Speaker == p.name || strings.Contains(text, p.name) {
				continue
			}
			if !hasWord(text, p.first) && !hasWord(text, p.last) {
				continue
			}
			// Only the words it lacks: the name it says already
			// counts, and counted twice it would outrank the passages
			// that say it as often.
			var missing []string
			for _, w := range strings.Fields(p.name) {
				if !hasWord(text, w) {
					missing = append(missing, w)
				}
			}
			out[i] = append(out[i], strings.Join(missing, " "))
		}
	}
	return out
}

// withMentions adds the rest of the names a passage uses in part
// (mentions) to its document's speaker and body fields.
func withMentions(doc map[string]any, names []string) {
	if len(names) == 0 {
		return
	}
	speaker, _ := doc[fieldSpeakerText].(string)
	doc[fieldSpeakerText] = append([]string{speaker}, names...)
	if body, ok := doc[fieldBody].([]string); ok {
		doc[fieldBody] = append(slices.Clone(body), names...)
	}
}

// passageText is the question, text and items of a passage, one string.
func passageText(p *ingest.Passage) string {
	return strings.Join(append([]string{p.Question, p.Text}, p.Items...), "\n")
}

// hasWord reports whether text holds word as a whole word, as written (a
// name is capitalised: "Will" is not "will").
func hasWord(text, word string) bool {
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		i = end
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
