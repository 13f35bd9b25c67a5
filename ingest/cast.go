package ingest

import (
	"strings"
	"unicode"
)

// person is someone an article names: staff quoted, an interviewee.
type person struct {
	Name  string // as first given in full, "Jean Ross"
	First string
	Last  string
	Role  string // normalised with NormalizeRole
	order int    // position in cast.people
}

// cast is the people an article has introduced so far, in the order it
// introduced them, and who is in focus. It resolves later mentions: a first
// name ("Jean adds"), a surname alone, a pronoun in an attribution ("she
// says").
type cast struct {
	people []*person
	focus  *person // the person most recently named in the narrative
	// byKey lists, oldest first, the people each lookup key has named, so
	// that finding a name does not read the whole cast: a long document
	// can introduce thousands of people. Entries go stale when a person is
	// renamed and are checked on use.
	byKey map[string][]int
}

// introduce adds a person, or returns the one already known by that name,
// filling in the role if it was missing.
func (c *cast) introduce(name, role string) *person {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil
	}
	if p := c.byName(name); p != nil {
		if p.Role == "" && role != "" {
			p.Role = NormalizeRole(role)
		}
		if len(strings.Fields(name)) > len(strings.Fields(p.Name)) {
			p.Name, p.First, p.Last = name, firstWord(name), lastWord(name)
			c.addKeys(p)
		}
		return p
	}
	p := &person{Name: name, First: firstWord(name), Last: lastWord(name), order: len(c.people)}
	if role != "" {
		p.Role = NormalizeRole(role)
	}
	c.people = append(c.people, p)
	c.addKeys(p)
	return p
}

func (c *cast) addKeys(p *person) {
	if c.byKey == nil {
		c.byKey = map[string][]int{}
	}
	keys := []string{"full " + foldKey(p.Name), "word " + p.First, "word " + p.Last}
	if !strings.Contains(p.Name, " ") {
		keys = append(keys, "single "+p.Name)
	}
	for _, k := range keys {
		if list := c.byKey[k]; len(list) == 0 || list[len(list)-1] != p.order {
			c.byKey[k] = append(list, p.order)
		}
	}
}

// byName finds a known person by full name, first name or surname; the
// most recently introduced wins when two share a name.
func (c *cast) byName(name string) *person {
	fields := strings.Fields(name)
	best := -1
	// consider raises best to the latest person listed under key that
	// matches, checking each against its current name.
	consider := func(key string, match func(p *person) bool) {
		list := c.byKey[key]
		for k := len(list) - 1; k >= 0 && list[k] > best; k-- {
			if match(c.people[list[k]]) {
				best = list[k]
				return
			}
		}
	}
	consider("full "+foldKey(name), func(p *person) bool { return strings.EqualFold(p.Name, name) })
	switch {
	case len(fields) == 1:
		consider("word "+name, func(p *person) bool { return p.First == name || p.Last == name })
	case len(fields) > 1:
		// "Sarah" introduced first, "Sarah Khan" later.
		consider("single "+fields[0], func(p *person) bool {
			return p.First == fields[0] && !strings.Contains(p.Name, " ")
		})
	}
	if best < 0 {
		return nil
	}
	return c.people[best]
}

// foldKey maps every letter to one member of its case-folding orbit, so
// that names strings.EqualFold calls equal share a key.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

func firstWord(s string) string { return strings.Fields(s)[0] }
func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}
