package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// person is someone an article names: staff quoted, an interviewee.
type person struct {
	Name  string // as first given in full, "Jean Ross"
	First string
	Last  string
	Role  string // normalised with NormalizeRole
	// selfRole is the role they give themselves in what they say ("I'm
	// a team manager"), used when the text gives them none.
	selfRole string
	// Pronoun is "he" or "she" once the text has used one for them, ""
	// until then.
	Pronoun string
	order   int // position in cast.people
}

// role is the role the text gives them, else the one they give
// themselves.
func (p *person) role() string {
	if p.Role != "" {
		return p.Role
	}
	return p.selfRole
}

// pronounOf maps a pronoun or possessive to "he" or "she".
func pronounOf(w string) string {
	switch strings.ToLower(w) {
	case "he", "him", "his", "himself":
		return "he"
	case "she", "her", "hers", "herself":
		return "she"
	}
	return ""
}

// byPronoun is who a pronoun in an attribution stands for: the person in
// focus, unless the text has said they use another pronoun, in which case
// the person introduced most recently who uses this one.
//
// Someone named beside the focus (in the same narrative paragraph) stands
// in for them where the text has said which pronoun each uses: after "Josh
// Kaur came into social work … His manager, Alison Reed, …", "he says" is
// Josh's, and then "she says" is Alison's.
func (c *cast) byPronoun(focus *person, pronoun string) *person {
	if focus == nil || pronoun == "" || focus.Pronoun == pronoun {
		return focus
	}
	if focus.Pronoun == "" {
		for i := len(c.recent) - 1; i >= 0; i-- {
			if p := c.recent[i]; p != focus && p.Pronoun == pronoun {
				return p
			}
		}
		focus.Pronoun = pronoun // "…," she says: now we know
		return focus
	}
	for i := len(c.people) - 1; i >= 0; i-- {
		if c.people[i].Pronoun == pronoun {
			return c.people[i]
		}
	}
	for i := len(c.recent) - 1; i >= 0; i-- {
		if p := c.recent[i]; p != focus && p.Pronoun == "" {
			p.Pronoun = pronoun
			return p
		}
	}
	return focus
}

// pendingPerson is someone a narrative paragraph named as the subject of
// a sentence without saying what they do or that they speak ("Dr Ama
// Boateng joins from a university …"). They are introduced only if a
// quotation then says "she said" and nobody in focus can be "she".
type pendingPerson struct {
	name, role string
}

// contenders are the people a narrative paragraph named: those it
// introduced and the names it described as a person's without introducing
// them.
type contenders struct {
	people []*person
	others []string
}

// cast is the people an article has introduced so far, in the order it
// introduced them, and who is in focus. It resolves later mentions: a first
// name ("Jean adds"), a surname alone, a pronoun in an attribution ("she
// says").
type cast struct {
	people []*person
	focus  *person // the person most recently named in the narrative
	// recent are the people the last narrative paragraph named.
	recent []*person
	// pending is who the narrative named last, if nobody named since has
	// been introduced (see pendingPerson).
	pending pendingPerson
	// contenders are who the last narrative paragraph that named anyone
	// named: a pronoun in the next quotation may stand for any of them.
	// A quotation attributed since clears them (its speaker is then who
	// "she says" continues).
	contenders contenders
	// byKey lists, oldest first, the people each lookup key has named, so
	// that finding a name does not read the whole cast: a long document
	// can introduce thousands of people. Entries go stale when a person is
	// renamed and are checked on use.
	byKey map[string][]int
}

// introduce adds a person, or returns the one already known by that name,
// filling in the role if it was missing.
func (c *cast) introduce(name, role string) *person {
	name = collapseSpace(name)
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

// subjectPronounRe finds a pronoun that can only stand for the subject of
// the sentence before: one that opens a sentence ("… in Bootle. His team
// has …") or follows "and" ("…, and she has supervised …"). A pronoun
// elsewhere may be someone else's ("Cathy cites a father … although he
// was …").
var subjectPronounRe = regexp.MustCompile(`(?:[.!?]["”’]?\s+(He|She|His|Her)|\band\s+(he|she|his|her))\b`)

// learnPronouns notes, for each person a paragraph names as the subject of
// a sentence and whose pronoun is not known yet, the pronoun the text then
// uses for them, before it names anyone else: "Tom Bright runs the team.
// His team has halved…".
func (c *cast) learnPronouns(text string, ms []mention) {
	for i, m := range ms {
		if m.who == nil || m.who.Pronoun != "" || m.end-m.start <= 3 || !sentenceStart(text, m.start) {
			continue
		}
		end := len(text)
		if i+1 < len(ms) {
			end = ms[i+1].start
		}
		if m.end >= end {
			continue
		}
		if sm := subjectPronounRe.FindStringSubmatch(text[m.end:end]); sm != nil {
			m.who.Pronoun = pronounOf(sm[1] + sm[2])
		}
	}
}

// sentenceStart reports whether text[i:] starts a sentence.
func sentenceStart(text string, i int) bool {
	before := strings.TrimRight(text[:i], " ")
	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "!") || strings.HasSuffix(before, "?")
}

// subject introduces the person a narrative paragraph opens with when it
// names them without a title but goes on to call them he or she: "Tom
// Bright runs the assessment team in Bootle. His team has halved…". A
// name of two or three words followed by a lower-case word, and not a
// council's.
func (c *cast) subject(text string) (who *person, end int) {
	runs := nameRuns(text)
	if len(runs) == 0 || runs[0][0] != 0 {
		return nil, 0
	}
	name := text[runs[0][0]:runs[0][1]]
	if !strings.Contains(name, " ") {
		return nil, 0
	}
	if _, isCouncil := LookupCouncil(name); isCouncil {
		return nil, 0
	}
	next := firstWords(text[runs[0][1]:], 1)
	if len(next) == 0 || !startsLower(next[0]) {
		return nil, 0
	}
	if subjectPronounRe.FindStringIndex(text[runs[0][1]:]) == nil {
		return nil, 0
	}
	return c.introduce(name, ""), runs[0][1]
}

// subjectRuns finds the names of two or three words that open a sentence
// of text, after an honorific if any, and are followed by a lower-case
// word, as a sentence's subject is: "Ben Ashby joined …", "Dr Ama Boateng
// leads …". A council's name is not a person's.
func subjectRuns(text string) [][2]int {
	var out [][2]int
	for _, run := range nameRuns(text) {
		name := text[run[0]:run[1]]
		if !strings.Contains(name, " ") {
			continue
		}
		before := strings.TrimRight(text[:run[0]], " ")
		// "Dr Ama Boateng joins …", "When Nadia Khan moved …, she …": a
		// title, or a capitalised conjunction opening the sentence.
		if w := lastWords(before, 1); len(w) == 1 && (loadWordLists().honorifics[strings.TrimSuffix(w[0], ".")] ||
			loadWordLists().notNames[w[0]] && startsUpper(w[0])) {
			before = strings.TrimRight(before[:len(before)-len(w[0])], " ")
		}
		if before != "" && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, "!") && !strings.HasSuffix(before, "?") &&
			!afterOpeningPhrase(before) {
			continue
		}
		next := firstWords(text[run[1]:], 1)
		if len(next) == 0 || !startsLower(next[0]) {
			continue
		}
		if _, isCouncil := LookupCouncil(name); isCouncil {
			continue
		}
		out = append(out, run)
	}
	return out
}

// openingWords start a sentence's opening phrase, set off by a comma
// before its subject: "On a grey morning in Great Yarmouth, Kieran Walsh
// is …", "Since 2019, Ama Boateng has …".
var openingWords = map[string]bool{
	"On": true, "In": true, "At": true, "After": true, "Before": true, "When": true, "While": true,
	"Since": true, "For": true, "During": true, "Last": true, "This": true, "Every": true, "Each": true,
	"By": true, "Until": true, "Today": true, "Now": true, "Later": true, "Earlier": true, "Back": true,
	"Three": true, "Two": true, "Four": true, "Five": true, "Ten": true, "Most": true, "Some": true,
}

// afterOpeningPhrase reports whether before, the text ahead of a name,
// ends a sentence's opening phrase: a comma, after a sentence start whose
// first word is one of openingWords, with no other comma between.
func afterOpeningPhrase(before string) bool {
	if !strings.HasSuffix(before, ",") {
		return false
	}
	start := max(strings.LastIndex(before, ". "), strings.LastIndex(before, "? "), strings.LastIndex(before, "! "))
	phrase := before[start+1:]
	if start < 0 {
		phrase = before
	}
	phrase = strings.TrimSpace(phrase[:len(phrase)-1])
	if strings.Contains(phrase, ",") || len(phrase) > 80 {
		return false
	}
	w := firstWords(phrase, 1)
	return len(w) == 1 && openingWords[w[0]]
}

// interviewedRe ends the words before a person an interview's lead says
// was interviewed: "We spoke to Aisha Rahman, …", "we caught up with …".
var interviewedRe = regexp.MustCompile(`(?i)\b(?:spoke|spoken|talked|talking|speaking|chatted|chatting)\s+(?:to|with)\s*$|\b(?:caught|catch|catching)\s+up\s+with\s*$|\bsat\s+down\s+with\s*$|\binterviewed\s*$`)

// interviewedRuns are the full names text gives as the one an interview
// is with ("We spoke to Aisha Rahman, who …").
func interviewedRuns(text string) [][2]int {
	var out [][2]int
	for _, run := range nameRuns(text) {
		if strings.Contains(text[run[0]:run[1]], " ") && interviewedRe.MatchString(text[:run[0]]) {
			if _, isCouncil := LookupCouncil(text[run[0]:run[1]]); !isCouncil {
				out = append(out, run)
			}
		}
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
