package ingest

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/councils.json data/topics.json data/roles.json data/synonyms.json
//go:embed data/words.json
var dataFiles embed.FS

// Council is one body with children's social care duties: an English
// upper-tier authority, a Welsh or Scottish council, a Northern Ireland
// health and social care trust, or a children's services trust or company
// that runs services for councils.
type Council struct {
	Name    string   `json:"name"`              // canonical name, e.g. "Kent County Council"
	Short   string   `json:"short"`             // short name, e.g. "Kent"
	Aliases []string `json:"aliases,omitempty"` // other names in use, former names
	// Hosts are the council's own web hosts where they are not its name
	// written as a host name ("royalgreenwich.gov.uk", "hants.gov.uk").
	Hosts  []string `json:"hosts,omitempty"`
	Nation string   `json:"nation"`         // England, Wales, Scotland, Northern Ireland
	Region string   `json:"region"`         // English region, or the nation elsewhere
	Type   string   `json:"type"`           // county, unitary, London borough, …
	Codes  Codes    `json:"codes,omitzero"` // official area codes, where the council has them
	// FormerNames are names the council, or the authorities it replaced,
	// went by ("Somerset County Council", "Cumbria County Council"). One
	// that names a single council finds it like an alias; one that two
	// successors share (Cumbria's) finds neither, since an article under
	// that name cannot say which of them it means.
	FormerNames []string `json:"former_names,omitempty"`
}

// Codes are the official codes of a council's area: the 9-character ONS
// code (E06…, E08…, E09…, E10… in England, W06… in Wales) and, in England,
// the DfE 3-digit local authority code that the children's social care
// statistics are keyed by. FormerONS lists the ONS codes the same DfE
// authority had before a boundary or status change, newest first.
type Codes struct {
	ONS       string   `json:"ons,omitempty"`
	DfE       string   `json:"dfe,omitempty"`
	FormerONS []string `json:"former_ons,omitempty"`
}

// councilFile is the layout of data/councils.json.
type councilFile struct {
	Councils []Council `json:"councils"`
	// Qualified lists single-word names that are also common words or
	// first names ("Reading", "Brent"): in running text they count only
	// with a qualifier such as "Council" or "London Borough of".
	Qualified []string `json:"qualified"`
	// NotCouncils are phrases that contain a council's name but mean
	// something else ("Newcastle-under-Lyme", "New York").
	NotCouncils []string `json:"not_councils"`
}

// councilSuffixes and councilPrefixes are the qualifiers councils are
// named with in running text; LookupCouncil strips them and FindCouncils
// recognises every short name with each of them.
var (
	councilSuffixes = []string{
		"metropolitan borough council", "metropolitan district council",
		"county borough council", "borough council", "county council",
		"city council", "district council", "city and county council",
		"council", "children's services", "childrens services",
		"children's services trust", "children's trust", "childrens trust",
	}
	councilPrefixes = []string{
		"london borough of", "royal borough of", "city of", "city and county of",
		"county of", "borough of", "the",
	}
)

// gazetteer is the loaded council data with its lookup tables.
type gazetteer struct {
	councils []Council
	byKey    map[string]int // normalised name/short/alias -> index
	// patterns maps a first token to the phrases starting with it, longest
	// first; council -1 marks a NotCouncils phrase.
	patterns map[string][]councilPattern
	claimed  map[string]bool // phrases already in patterns, while loading
}

type councilPattern struct {
	tokens  []string
	council int
	bare    bool // a bare place name, subject to the capital-letter and context rules
}

var loadGazetteer = sync.OnceValue(func() *gazetteer {
	var f councilFile
	mustLoadJSON("data/councils.json", &f)
	g := &gazetteer{councils: f.Councils, byKey: map[string]int{}, patterns: map[string][]councilPattern{}, claimed: map[string]bool{}}
	qualified := map[string]bool{}
	for _, q := range f.Qualified {
		qualified[normalizeName(q)] = true
	}
	// Names the data file gives come first, so a generated form ("Birmingham
	// children's trust" from Birmingham's short name) never takes a phrase
	// that is some other body's real name.
	for i, c := range f.Councils {
		for _, n := range lookupNames(c, f.Councils) {
			k := normalizeName(n)
			if k == "" {
				continue
			}
			if prev, dup := g.byKey[k]; dup && prev != i {
				panic(fmt.Sprintf("ingest: data/councils.json: %q names both %q and %q", n, f.Councils[prev].Name, c.Name))
			}
			g.byKey[k] = i
			toks := nameTokens(n)
			if !qualified[k] {
				g.addPattern(toks, i, len(toks) == 1 || n == c.Short)
			}
		}
	}
	for i, c := range f.Councils {
		for _, s := range lookupNames(c, f.Councils)[1:] {
			if len(nameTokens(s)) > 3 {
				continue
			}
			for _, suf := range councilSuffixes {
				g.addPattern(nameTokens(s+" "+suf), i, false)
			}
			for _, pre := range councilPrefixes[:5] {
				g.addPattern(nameTokens(pre+" "+s), i, false)
			}
		}
	}
	for _, n := range f.NotCouncils {
		g.addPattern(nameTokens(n), -1, false)
	}
	for first, ps := range g.patterns {
		sort.SliceStable(ps, func(a, b int) bool { return len(ps[a].tokens) > len(ps[b].tokens) })
		g.patterns[first] = ps
	}
	g.claimed = nil
	return g
})

// lookupNames are the names that find council c: its name, short name,
// aliases and the former names no other council shares.
func lookupNames(c Council, all []Council) []string {
	names := append([]string{c.Name, c.Short}, c.Aliases...)
	for _, n := range c.FormerNames {
		if formerNameOwners(n, all) == 1 {
			names = append(names, n)
		}
	}
	return names
}

// formerNameOwners counts the councils that list n as a former name.
func formerNameOwners(n string, all []Council) int {
	k, owners := normalizeName(n), 0
	for _, c := range all {
		for _, f := range c.FormerNames {
			if normalizeName(f) == k {
				owners++
			}
		}
	}
	return owners
}

func (g *gazetteer) addPattern(toks []string, council int, bare bool) {
	if len(toks) == 0 {
		return
	}
	key := strings.Join(toks, " ")
	if g.claimed[key] {
		return // the first council to claim a phrase keeps it
	}
	g.claimed[key] = true
	g.patterns[toks[0]] = append(g.patterns[toks[0]], councilPattern{tokens: toks, council: council, bare: bare})
}

// Councils returns every council in the gazetteer, in data-file order.
func Councils() []Council {
	g := loadGazetteer()
	out := make([]Council, len(g.councils))
	copy(out, g.councils)
	return out
}

// LookupCouncil finds a council by its name, short name or an alias,
// ignoring case and tolerating the usual forms ("Kent", "Kent County
// Council", "London Borough of Hackney", "Hackney Council").
func LookupCouncil(name string) (Council, bool) {
	g := loadGazetteer()
	k := normalizeName(name)
	if i, ok := g.byKey[k]; ok {
		return g.councils[i], true
	}
	for _, suf := range councilSuffixes {
		if s, ok := strings.CutSuffix(k, " "+suf); ok {
			if c, ok := LookupCouncil(s); ok {
				return c, true
			}
		}
	}
	for _, pre := range councilPrefixes {
		if s, ok := strings.CutPrefix(k, pre+" "); ok {
			if c, ok := LookupCouncil(s); ok {
				return c, true
			}
		}
	}
	return Council{}, false
}

// FindCouncils returns the councils text mentions, in order of first
// mention and without duplicates. Names must stand as whole words
// ("Kentish" is not Kent, "North Yorkshire" is not York); a bare place
// name must be capitalised and is ignored where the words around it show
// it means something else ("Kent Police", "University of Kent").
func FindCouncils(text string) []Council {
	var out []Council
	seen := map[int]bool{}
	eachCouncilName(text, func(council, _, _ int) {
		if !seen[council] {
			seen[council] = true
			out = append(out, loadGazetteer().councils[council])
		}
	})
	return out
}

// eachCouncilName calls visit with the gazetteer index and byte span of
// every council name in text, in order.
func eachCouncilName(text string, visit func(council, start, end int)) {
	g := loadGazetteer()
	toks := textTokens(text)
	for i := 0; i < len(toks); {
		p, ok := g.match(toks, i)
		if !ok {
			i++
			continue
		}
		end := i + len(p.tokens)
		if p.council >= 0 {
			visit(p.council, toks[i].start, toks[end-1].end)
		}
		i = end
	}
}

// match returns the longest pattern that matches toks at i.
func (g *gazetteer) match(toks []token, i int) (councilPattern, bool) {
	for _, p := range g.patterns[toks[i].norm] {
		if i+len(p.tokens) > len(toks) {
			continue
		}
		ok := true
		for j, t := range p.tokens {
			if toks[i+j].norm != t {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if p.bare {
			if !toks[i].capital {
				continue
			}
			end := i + len(p.tokens)
			if end < len(toks) && loadWordLists().notCouncilAfter[toks[end].norm] {
				continue
			}
			if i > 1 && toks[i-1].norm == "of" && (toks[i-2].norm == "university" || toks[i-2].norm == "college") {
				continue
			}
		}
		return p, true
	}
	return councilPattern{}, false
}

// token is one word of running text.
type token struct {
	norm       string // lower-cased
	capital    bool   // starts with an upper-case letter
	start, end int    // byte offsets in the text
}

// textTokens splits text into words: runs of letters and digits, with "&"
// read as "and" so "Brighton & Hove" matches "Brighton and Hove".
// Apostrophes split words, so "Kent's" yields "kent" and "s".
func textTokens(text string) []token {
	var toks []token
	var b strings.Builder
	capital := false
	start := 0
	flush := func(end int) {
		if b.Len() > 0 {
			toks = append(toks, token{norm: b.String(), capital: capital, start: start, end: end})
			b.Reset()
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if b.Len() == 0 {
				capital, start = unicode.IsUpper(r), i
			}
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			flush(i)
			toks = append(toks, token{norm: "and", start: i, end: i + 1})
		default:
			flush(i)
		}
	}
	flush(len(text))
	return toks
}

// nameTokens is textTokens for a data-file name, keeping only the words.
func nameTokens(name string) []string {
	toks := textTokens(name)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.norm
	}
	return out
}

// normalizeName is the lookup key of a name: lower-case words joined by
// single spaces, with curly apostrophes straightened and "&" as "and".
func normalizeName(name string) string {
	name = nameReplacer.Replace(name)
	var b strings.Builder
	for _, f := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	}) {
		f = strings.Trim(f, "'")
		if f == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// nameReplacer is built once: building a Replacer costs more than using
// it, and every council filter of every search normalises its value.
var nameReplacer = strings.NewReplacer("’", "'", "‘", "'", "&", " and ")

// mustLoadJSON decodes an embedded data file. The files ship with the
// binary and the tests load every one, so a failure is a build defect.
func mustLoadJSON(path string, v any) {
	data, err := dataFiles.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		panic(fmt.Sprintf("ingest: embedded %s: %v", path, err))
	}
}

// councilOfHost finds the council whose own web site a page is on: a
// gov.uk address whose name is a council's ("www.kent.gov.uk",
// "careers.westsussex.gov.uk", "www.royalgreenwich.gov.uk").
func councilOfHost(rawURL string) (Council, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return Council{}, false
	}
	labels := strings.Split(strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), ".")
	n := len(labels)
	if n < 3 || labels[n-1] != "uk" || labels[n-2] != "gov" {
		return Council{}, false
	}
	// "brighton-hove", and "dorsetcouncil" for Dorset Council.
	key := lettersOnly(labels[n-3])
	i, ok := hostIndex()[key]
	if !ok {
		i, ok = hostIndex()[strings.TrimSuffix(key, "council")]
	}
	if !ok {
		return Council{}, false
	}
	return loadGazetteer().councils[i], true
}

// lettersOnly is s without anything but the letters a to z.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

// hostIndex maps each council name, written as a host name would be
// (letters only: "westsussex", "royalgreenwich"), to its council, leaving
// out names that two councils share.
var hostIndex = sync.OnceValue(func() map[string]int {
	out := map[string]int{}
	shared := map[string]bool{}
	squash := func(s string) string {
		s = strings.TrimPrefix(strings.ToLower(s), "the ")
		for _, w := range []string{" county council", " city council", " borough council", " metropolitan borough council", " council"} {
			s = strings.TrimSuffix(s, w)
		}
		return lettersOnly(s)
	}
	for i, c := range loadGazetteer().councils {
		names := append([]string{c.Name, c.Short}, c.Aliases...)
		for _, h := range c.Hosts {
			names = append(names, strings.TrimSuffix(h, ".gov.uk"))
		}
		for _, n := range names {
			k := squash(n)
			if k == "" {
				continue
			}
			if j, seen := out[k]; seen && j != i {
				shared[k] = true
			}
			out[k] = i
		}
	}
	for k := range shared {
		delete(out, k)
	}
	return out
})
