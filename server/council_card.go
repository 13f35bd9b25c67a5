package server

import (
	"strings"
	"unicode"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

// cardView is the short profile shown above the results of a search
// whose words name a council.
type cardView struct {
	councilHead
	ID           string
	Caseload     figureView
	England      figureView
	AsAt         string
	Comparison   string // "1.8 above England's 15.2"
	Note         string // why there are no figures (outside England)
	SearchURL    string
	HasFigures   bool
	Neighbouring string // the compare page with its neighbours
	Attribution  string // the licence's line, shown with the figures
}

// maxCards bounds the cards above one page of results.
const maxCards = 2

// maxNameWords is the most words a council's name takes ("Bath and
// North East Somerset").
const maxNameWords = 6

// everydayNames are councils whose one-word names are also everyday words
// a social worker might search for. Typed in lower case they are the word;
// only a capital ("Reading", "Hull") names the council.
var everydayNames = map[string]bool{
	"reading": true, "bury": true, "hull": true, "derby": true, "stoke": true,
	"harrow": true, "slough": true, "highland": true, "fife": true, "moray": true,
}

// queryWord is one word of a query as typed.
type queryWord struct {
	text     string
	capital  bool
	excluded bool // after a minus: a word the user does not want
}

// queryWords splits a query into words: letters, digits, apostrophes and
// hyphens inside a word; field names ("council:") and operators dropped.
func queryWords(q string) []queryWord {
	var out []queryWord
	for _, field := range strings.Fields(q) {
		excluded := strings.HasPrefix(field, "-")
		if _, v, ok := strings.Cut(field, ":"); ok {
			field = v
		}
		for _, w := range strings.FieldsFunc(field, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
		}) {
			w = strings.Trim(w, "-'’")
			if w == "" {
				continue
			}
			if up := strings.ToUpper(w); up == "AND" || up == "OR" || up == "NOT" {
				continue
			}
			r := []rune(w)
			out = append(out, queryWord{text: w, capital: unicode.IsUpper(r[0]), excluded: excluded})
		}
	}
	return out
}

// namedCouncils finds the councils a query's words name, longest name
// first, by the gazetteer's names and the official files' names. Codes
// and a word the user excluded name nothing; nor does an everyday word
// typed in lower case.
func namedCouncils(d *official.Dataset, q string) []*official.Profile {
	words := queryWords(q)
	var out []*official.Profile
	for i := 0; i < len(words) && len(out) < maxCards; {
		matched := 0
		for n := min(maxNameWords, len(words)-i); n >= 1; n-- {
			span := words[i : i+n]
			if p := councilNamed(d, span); p != nil {
				if !containsProfile(out, p) {
					out = append(out, p)
				}
				matched = n
				break
			}
		}
		i += max(matched, 1)
	}
	return out
}

// councilNamed is the profile the words name as a whole, or nil.
func councilNamed(d *official.Dataset, span []queryWord) *official.Profile {
	texts := make([]string, len(span))
	for i, w := range span {
		if w.excluded {
			return nil
		}
		texts[i] = w.text
	}
	name := strings.Join(texts, " ")
	if strings.IndexFunc(name, unicode.IsLetter) < 0 {
		return nil // a DfE code is not how a searcher names a council
	}
	if len(span) == 1 {
		if onsLike(name) || everydayNames[strings.ToLower(name)] && !span[0].capital {
			return nil
		}
	}
	if p, ok := d.ByID(strings.ToLower(name)); ok {
		return p
	}
	// Find, not Lookup: most spans of a query name nothing, and Lookup
	// would rank every council's name to suggest the closest. Find also
	// knows the authorities abolished since 2016 ("Cumbria"), which the
	// gazetteer does not.
	p, _ := d.Find(name)
	return p
}

// onsLike reports whether s has the shape of an ONS code (E10000016).
func onsLike(s string) bool {
	return len(s) == 9 && strings.IndexFunc(s[1:], func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func containsProfile(ps []*official.Profile, p *official.Profile) bool {
	for _, q := range ps {
		if q.ID == p.ID {
			return true
		}
	}
	return false
}

// card is the short profile of p.
func card(p *official.Profile) cardView {
	c := cardView{councilHead: headOf(p), ID: p.ID, HasFigures: profile.HasFigures(p), Note: p.Note, Attribution: p.Attribution}
	if latest := official.Latest(p.Workforce); latest != nil {
		c.Caseload = figure(latest, "caseload")
		c.England = figure(official.Year(p.EnglandWorkforce, latest.Year), "caseload")
		c.AsAt = profile.HumanDate(latest.AsAt)
		if c.Caseload.Value != nil && c.England.Value != nil {
			c.Comparison = profile.CompareWord(*c.Caseload.Value, *c.England.Value)
		}
	}
	if len(p.Neighbours) > 0 {
		c.Neighbouring = "/compare?council=" + p.ID
	}
	return c
}
