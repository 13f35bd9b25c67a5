package ingest

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is one reference to a person in a piece of text.
type mention struct {
	who        *person
	start, end int
	speech     bool // next to a speech verb: "says Jean", "Jean adds"
	// unsure: a pronoun next to a speech verb that fits more than one
	// person just named ("Sam Okafor … and Jordan Reeve …" / "“…,” she
	// says"); who is nil. The quotation is nobody's rather than a guess's.
	unsure bool
}

// nameTokenRe matches one capitalised word that could be part of a name.
var nameTokenRe = regexp.MustCompile(`(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`)

// pronounRe matches a pronoun that can stand for the person in focus;
// pronounSpans finds what it finds without running it.
var pronounRe = regexp.MustCompile(`\b(?:[Ss]he|[Hh]e)\b`)

// pronounSpans is pronounRe.FindAllStringIndex(text, -1) by a byte scan:
// "she", "She", "he" or "He" as a whole word, where a word is a run of
// ASCII letters, digits and underscores, as \b reads one.
func pronounSpans(text string) [][2]int {
	var spans [][2]int
	for i := 0; i+1 < len(text); i++ {
		if i > 0 && isASCIIWordByte(text[i-1]) {
			continue
		}
		end := 0
		switch {
		case (text[i] == 's' || text[i] == 'S') && strings.HasPrefix(text[i+1:], "he"):
			end = i + 3
		case (text[i] == 'h' || text[i] == 'H') && text[i+1] == 'e':
			end = i + 2
		default:
			continue
		}
		if end < len(text) && isASCIIWordByte(text[end]) {
			continue
		}
		spans = append(spans, [2]int{i, end})
		i = end - 1
	}
	return spans
}

// isASCIIWordByte reports whether c is a word character as \b reads one.
func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// mentions finds the people text refers to, in order, introducing those it
// names with a role ("Jean Ross, principal social worker"; "principal
// social worker Jean Ross") or as speakers ("says Jean"). Pronouns count
// only next to a speech verb and stand for the person in focus.
func (c *cast) mentions(text string) []mention {
	ms, _ := c.mentionsAndOthers(text)
	return ms
}

// mentionsAndOthers is mentions, and the names text gives someone it does
// not introduce in the way a person is described ("Jordan Reeve, a family
// finder, …"), who may still be who a pronoun stands for (contenders).
func (c *cast) mentionsAndOthers(text string) ([]mention, []string) {
	var found []mention
	// unnamed are full names the text gives without a title or a speech
	// verb ("Her deputy, Imran Ali, trained at the hub"): not introduced,
	// unless a pronoun then fits nobody else.
	var unnamed [][2]int
	for _, run := range nameRuns(text) {
		name := text[run[0]:run[1]]
		speech := nextToSpeechVerb(text, run[0], run[1]) || saysAfterApposition(text[run[1]:]) || accordingTo(text[:run[0]])
		role := roleAfter(text[run[1]:])
		if role == "" && !openAppositionBefore(text[:run[0]], text[run[1]:]) {
			role = roleBefore(text[:run[0]])
		}
		var who *person
		switch {
		case c.byName(name) == nil && afterPlacePreposition(text[:run[0]]):
			// "a social worker in Taunton, explains": a place, not a person.
			continue
		case c.byName(name) == nil && len(found) > 0 && placeAfterRole(text[found[len(found)-1].end:run[0]]):
			// "Aisha Begum, social worker, Leeds West locality": where the
			// person just named works, not a second person.
			continue
		case c.byName(name) != nil:
			who = c.introduce(name, role)
		case role != "" || speech:
			// A first name alone is a person only when the text says what
			// they do or that they speak ("Mina, a practice development
			// social worker, says").
			if strings.Contains(name, " ") || speech || role != "" {
				if _, isCouncil := LookupCouncil(name); isCouncil {
					continue
				}
				if p := c.pending; speech && !strings.Contains(name, " ") && p.name != "" && firstWord(p.name) == name {
					// "Becky Shaw was one of the first …" / "Becky says".
					name, role = p.name, cmp.Or(role, p.role)
					c.pending = pendingPerson{}
				}
				who = c.introduce(name, role)
			}
		case strings.Contains(name, " "):
			unnamed = append(unnamed, run)
		}
		if who != nil {
			found = append(found, mention{who: who, start: run[0], end: run[1], speech: speech})
		}
	}
	if c.focus != nil || len(found) > 0 || len(unnamed) > 0 || c.pending.name != "" {
		named := len(found) // in text order, as the pronouns are
		who, next := c.focus, 0
		for _, loc := range pronounSpans(text) {
			if !nextToSpeechVerb(text, loc[0], loc[1]) {
				continue
			}
			if c.unsure(text, found[:named], unnamed, loc) {
				found = append(found, mention{start: loc[0], end: loc[1], speech: true, unsure: true})
				continue
			}
			// A pronoun stands for the last person named before it, of the
			// same pronoun when the text has said which they use.
			for ; next < named && found[next].end <= loc[0]; next++ {
				who = found[next].who
			}
			pronoun := pronounOf(text[loc[0]:loc[1]])
			lastEnd := -1
			if next > 0 {
				lastEnd = found[next-1].end
			}
			if run, ok := lastRunBefore(unnamed, lastEnd, loc[0]); ok && (who == nil || who.Pronoun != "" && who.Pronoun != pronoun) {
				// "Her deputy, Imran Ali, trained at the hub. “…,” he
				// says": named after the focus, and the pronoun is not
				// the focus's.
				if _, isCouncil := LookupCouncil(text[run[0]:run[1]]); !isCouncil {
					who = c.introduce(text[run[0]:run[1]], "")
					who.Pronoun = pronoun
				}
			} else if next == 0 && c.pending.name != "" && (who == nil || who.Pronoun != "" && who.Pronoun != pronoun) {
				// "Dr Ama Boateng joins from …" / "She said: …": the
				// person the narrative named last, whom nobody else fits.
				who = c.introduce(c.pending.name, c.pending.role)
				who.Pronoun, c.pending = pronoun, pendingPerson{}
			}
			found = append(found, mention{who: c.byPronoun(who, pronoun), start: loc[0], end: loc[1], speech: true})
		}
	}
	slices.SortStableFunc(found, func(a, b mention) int { return a.start - b.start })
	var others []string
	for _, run := range unnamed {
		if describedAsPerson(text[run[1]:]) {
			others = append(others, text[run[0]:run[1]])
		}
	}
	return found, others
}

// describedAsPerson reports whether the text after a name describes a
// person in apposition: ", a family finder, …", ", who joined …".
func describedAsPerson(rest string) bool {
	rest, ok := strings.CutPrefix(rest, ",")
	if !ok {
		return false
	}
	w := firstWords(rest, 1)
	return len(w) == 1 && (w[0] == "a" || w[0] == "an" || w[0] == "who" || w[0] == "whose" || w[0] == "one")
}

// unsure reports whether the speech pronoun at loc fits more than one
// person and no one better: two people the text names before it, or,
// when it names nobody before it, the contenders of the last narrative
// paragraph, of whom none is known to use this pronoun and at least two
// are not known to use the other. A person the text has already quoted
// ("Jordan Reeve says …") is who a pronoun after them stands for.
func (c *cast) unsure(text string, found []mention, unnamed [][2]int, loc [2]int) bool {
	pronoun := pronounOf(text[loc[0]:loc[1]])
	var people []*person
	var others []string
	for _, m := range found {
		if m.start >= loc[0] {
			break
		}
		if m.speech || m.who == nil {
			return false
		}
		people = append(people, m.who)
	}
	if len(people) > 0 {
		for _, run := range unnamed {
			if run[1] <= loc[0] && describedAsPerson(text[run[1]:]) {
				others = append(others, text[run[0]:run[1]])
			}
		}
	} else {
		people, others = c.contenders.people, c.contenders.others
	}
	fits := 0
	var seen []*person
	for _, p := range people {
		if slices.Contains(seen, p) {
			continue
		}
		seen = append(seen, p)
		switch p.Pronoun {
		case pronoun:
			return false
		case "":
			fits++
		}
	}
	for _, name := range others {
		if c.byName(name) == nil {
			if _, isCouncil := LookupCouncil(name); !isCouncil {
				fits++
			}
		}
	}
	return fits >= 2
}

// lastRunBefore is the last of runs that starts after after and ends
// before end.
func lastRunBefore(runs [][2]int, after, end int) ([2]int, bool) {
	for k := len(runs) - 1; k >= 0; k-- {
		if runs[k][1] <= end {
			return runs[k], runs[k][0] > after
		}
	}
	return [2]int{}, false
}

// accordingTo reports whether a name is introduced as a source of what
// follows: "According to Lucy Pratt, …".
func accordingTo(before string) bool {
	w := lastWords(before, 2)
	return len(w) == 2 && strings.EqualFold(w[0], "according") && w[1] == "to"
}

// saysAfterApposition reports whether the text after a name is a job
// title in apposition and then a speech verb: ", a practice development
// social worker, says"; up to three such parts, as news gives an age and
// where someone studied: ", 24, who studied at the University of
// Birmingham, said".
func saysAfterApposition(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	total := 0
	for range 3 {
		if !strings.HasPrefix(rest, ",") {
			return false
		}
		rest = rest[1:]
		i := strings.IndexAny(rest, ",“”\".!?;:")
		if i < 0 || i > 100 || rest[i] != ',' {
			return false
		}
		if total += i; total > 160 {
			return false
		}
		rest = rest[i:]
		after := firstWords(rest[1:], 1)
		if len(after) > 0 && loadWordLists().speechVerbs[trimWord(after[0])] {
			return true
		}
	}
	return false
}

// afterPlacePreposition reports whether before ends with a preposition that
// introduces a place, so that the capitalised words after it name one.
func afterPlacePreposition(before string) bool {
	words := lastWords(before, 1)
	return len(words) > 0 && loadWordLists().placePrepositions[words[0]]
}

// nameRuns finds runs of one to three capitalised words that could be a
// person's name, skipping honorifics and words that are never names.
func nameRuns(text string) [][2]int {
	var runs [][2]int
	toks := nameTokenSpans(text)
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && text[toks[j-1][1]:toks[j][0]] == " " {
			j++
		}
		// toks[i:j] is a run of capitalised words separated by single spaces.
		start := i
		for k := i; k <= j; k++ {
			if k < j && isNameWord(text, toks[k]) {
				continue
			}
			if k > start {
				end := min(k, start+3)
				if !wordBoundaryBefore(text, toks[start][0]) || !wordBoundaryAfter(text, toks[end-1][1]) {
					start = k + 1
					continue
				}
				runs = append(runs, [2]int{toks[start][0], toks[end-1][1]})
			}
			start = k + 1
		}
		i = j
	}
	return runs
}

// nameTokenSpans finds what nameTokenRe.FindAllStringIndex(text, -1) finds,
// by a scan of the text: the expression was a tenth of the time to parse
// an article. It tries the prefixes (Mc, Mac, O', D') before the bare
// word at each position, as the expression's greedy group does.
func nameTokenSpans(text string) [][]int {
	var out [][]int
	for p := 0; p < len(text); {
		r, w := utf8.DecodeRuneInString(text[p:])
		if !isUpperRune(r) {
			p += w
			continue
		}
		end := -1
		for _, pre := range namePrefixes {
			if strings.HasPrefix(text[p:], pre) {
				if e, ok := capitalisedWord(text, p+len(pre)); ok {
					end = e
					break
				}
			}
		}
		if end < 0 {
			if e, ok := capitalisedWord(text, p); ok {
				end = e
			}
		}
		if end < 0 {
			p += w
			continue
		}
		out = append(out, []int{p, end})
		p = end
	}
	return out
}

// namePrefixes are nameTokenRe's optional prefixes, in its order.
var namePrefixes = []string{"Mc", "Mac", "O'", "O’", "D'", "D’"}

// capitalisedWord matches \p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)? at text[p:] and
// returns its end.
func capitalisedWord(text string, p int) (int, bool) {
	end, ok := upperThenLower(text, p)
	if !ok {
		return p, false
	}
	if end < len(text) && text[end] == '-' {
		if e, ok := upperThenLower(text, end+1); ok {
			end = e
		}
	}
	return end, true
}

// upperThenLower matches \p{Lu}\p{Ll}+ at text[p:], the lower-case run as
// long as it goes, and returns its end.
func upperThenLower(text string, p int) (int, bool) {
	if p >= len(text) {
		return p, false
	}
	r, w := utf8.DecodeRuneInString(text[p:])
	if !isUpperRune(r) {
		return p, false
	}
	q := p + w
	for q < len(text) {
		r, w := utf8.DecodeRuneInString(text[q:])
		if !isLowerRune(r) {
			break
		}
		q += w
	}
	return q, q > p+w
}

func isUpperRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.Is(unicode.Lu, r)
}

func isLowerRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.Is(unicode.Ll, r)
}

func isNameWord(text string, loc []int) bool {
	w := text[loc[0]:loc[1]]
	return !loadWordLists().notNames[w] && !loadWordLists().honorifics[w] && !loadWordLists().roleHeads[strings.ToLower(w)]
}

func wordBoundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r := rune(text[i-1])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || text[i-1] >= 0x80)
}

func wordBoundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r := rune(text[i])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// nextToSpeechVerb reports whether the words just before or after text[start:end]
// include a speech verb ("says Jean", "Jean, smiling, adds" is not caught).
func nextToSpeechVerb(text string, start, end int) bool {
	after := firstWords(strings.TrimLeft(text[end:], " ,"), 1)
	if len(after) > 0 && loadWordLists().speechVerbs[trimWord(after[0])] {
		return true
	}
	// The loop below looks at most six words back, past a title or two.
	before := lastWords(text[:start], 8)
	// "says Dr Jean Ross": the title belongs to the name, and the verb is
	// still next to it.
	for len(before) > 0 && loadWordLists().honorifics[strings.TrimSuffix(before[len(before)-1], ".")] {
		before = before[:len(before)-1]
	}
	if len(before) > 0 {
		last := before[len(before)-1]
		if loadWordLists().speechVerbs[trimWord(last)] && !strings.HasSuffix(last, ".") {
			return true
		}
		// "says adult social worker Sam Patel"
		for k := len(before) - 2; k >= 0 && k >= len(before)-6; k-- {
			w := trimWord(before[k])
			if loadWordLists().speechVerbs[w] {
				return loadWordLists().roleHeads[strings.ToLower(trimWord(before[len(before)-1]))]
			}
			if loadWordLists().roleStop[w] || strings.ContainsAny(before[k], ".,;:") {
				break
			}
		}
		// "said Director of Children's Services Mark Ellison": a title
		// with an "of" phrase, which the loop above stops at.
		if role := roleBefore(text[:start]); role != "" && !strings.HasSuffix(before[len(before)-1], ",") {
			if n := len(strings.Fields(role)); n < len(before) {
				verb := before[len(before)-1-n]
				return loadWordLists().speechVerbs[trimWord(verb)] && !strings.HasSuffix(verb, ".")
			}
		}
	}
	return false
}

func trimWord(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }))
}

var roleAfterRe = regexp.MustCompile(`^(?:\s*,\s*who\s+(?:joined|works|worked|started|came|began|arrived|returned|trained)(?:\s+[\p{L}’']+){0,5}?\s+as\s+|\s+(?:(?:has|had)\s+been\s+|is\s+|was\s+|has\s+)?(?:working|works|worked|joined|started|began|came|arrived|returned|qualified|spent|spending)(?:\s+[\p{L}\d’']+){0,5}?\s+as\s+|\s*,\s*(?:(?:who\s+)?(?:is|was|has\s+been|had\s+been)\s+|now\s+)?|\s*\(\s*|\s+(?:is|was|has been|had been|has become|became|who is|who was|,? who is|,? now)(?:\s+now)?\s+|\s+(?:a|an|the|our)\s+|\s+as\s+(?:(?:its|their)\s+)?)`)

// possessiveRe matches the employer's name that may open a job title in
// apposition: "Cheshire East's new director of children's services".
var possessiveRe = regexp.MustCompile(`^(?:\p{Lu}[\p{L}&-]*\s+){0,3}\p{Lu}[\p{L}&-]*['’]s\s+`)

// roleAfter reads a job title that directly follows a name: ", the
// operations manager for …", " a newly qualified social worker", " (team
// manager)". It returns "" when none does.
func roleAfter(rest string) string {
	loc := roleAfterRe.FindStringIndex(rest)
	if loc == nil {
		return ""
	}
	title := rest[loc[1]:]
	if m := possessiveRe.FindStringIndex(title); m != nil {
		title = title[m[1]:]
	}
	// A title is read from at most eight words and an "of" phrase after them.
	words := firstWords(title, 16)
	var role []string
	lastHead := -1
	for i, w := range words {
		if i >= 8 {
			break
		}
		bare := strings.TrimRight(w, ",.;:)!?–—")
		lw := strings.ToLower(bare)
		if i == 0 && (lw == "the" || lw == "a" || lw == "an" || lw == "our" || lw == "their" || lw == "its" || lw == "his" || lw == "her" || lw == "my") {
			continue
		}
		if lw == "new" && len(role) == 0 {
			continue // "Cheshire East's new director of children's services"
		}
		if strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") {
			role, lastHead = nil, -1 // "the agency's lead practice consultant"
			continue
		}
		if loadWordLists().roleStop[lw] || !isRoleWord(bare) {
			// "of" may come before any role word (" our of", found by
			// FuzzRoleAfter), when there is no head to extend.
			if lw == "of" && lastHead >= 0 && lastHead == len(role)-1 && (role[lastHead] == "director" || role[lastHead] == "head") {
				return strings.Join(append(role, ofPhrase(words[i:])...), " ")
			}
			break
		}
		role = append(role, lw)
		if loadWordLists().roleHeads[lw] {
			lastHead = len(role) - 1
		}
		if bare != w {
			break
		}
	}
	if lastHead < 0 {
		return ""
	}
	return strings.Join(role[:lastHead+1], " ")
}

// ofPhrase reads "of children’s services" (or, in title case, "of
// Children's Services") after "director" up to the first punctuation or
// preposition.
func ofPhrase(words []string) []string {
	out := []string{"of"}
	for _, w := range words[1:] {
		bare := strings.TrimRight(w, ",.;:)!?–—")
		lw := strings.ToLower(bare)
		if lw == "" || loadWordLists().roleStop[lw] || !isRoleWord(trimPossessive(bare)) || len(out) > 5 {
			break
		}
		out = append(out, lw)
		if bare != w {
			break
		}
	}
	if len(out) == 1 {
		return nil
	}
	return out
}

// isRoleWord reports whether w can be part of a job title: a lower-case
// word, or a capitalised one in title-case job names ("Principal Social
// Worker").
func isRoleWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	if unicode.IsLower([]rune(w)[0]) {
		return true
	}
	return loadWordLists().notNames[w] || loadWordLists().roleHeads[strings.ToLower(w)] || w == "ASYE" || w == "NQSW"
}

// roleBefore reads a job title that directly precedes a name: "Medway
// Council’s principal social worker Jean Ross" gives "principal social
// worker".
func roleBefore(before string) string {
	// The title is at most five words: the noun and four before it.
	words := lastWords(before, 5)
	if len(words) == 0 {
		return ""
	}
	// "Its team manager, Rosa Delgado" puts the title in apposition.
	last := strings.TrimSuffix(words[len(words)-1], ",")
	if !loadWordLists().roleHeads[strings.ToLower(last)] {
		return directorOfBefore(before)
	}
	role := []string{strings.ToLower(last)}
	for k := len(words) - 2; k >= 0 && len(role) < 5; k-- {
		w := words[k]
		lw := strings.ToLower(w)
		if loadWordLists().roleStop[lw] || loadWordLists().speechVerbs[lw] || !isRoleWord(w) || (unicode.IsUpper([]rune(w)[0]) && !loadWordLists().notNames[w]) {
			break
		}
		role = append([]string{lw}, role...)
	}
	return strings.Join(role, " ")
}

// openAppositionBefore reports whether a title before a name ends with a
// comma that no comma after the name closes: in "Speaking to the team
// manager, Jo Bell said …" the title is someone else's; in "Its team
// manager, Rosa Delgado, puts …" it is hers.
func openAppositionBefore(before, rest string) bool {
	if !strings.HasSuffix(strings.TrimRight(before, " "), ",") {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	return rest != "" && !strings.ContainsAny(rest[:1], ",.;:)!?") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "—")
}

// directorOfBefore reads a title with an "of" phrase that directly
// precedes a name, in apposition or as news puts it before a name:
// "The council's director of children's services, Mark Fenton, told …",
// "Director of Children's Services Mark Ellison said …".
func directorOfBefore(before string) string {
	words := lastWords(before, 6)
	for k := len(words) - 2; k >= 1; k-- {
		head := strings.ToLower(words[k-1])
		if words[k] != "of" || (head != "director" && head != "head") {
			continue
		}
		of := ofPhrase(words[k:])
		if len(of) != len(words)-k || strings.ContainsAny(strings.TrimSuffix(words[len(words)-1], ","), ".;:!?)–—") {
			return "" // the phrase does not run up to the name, or a sentence ends between
		}
		return strings.Join(append([]string{head}, of...), " ")
	}
	return ""
}

// trimPossessive drops a possessive "'s" from a word: "Children's".
func trimPossessive(w string) string {
	for _, s := range []string{"'s", "’s"} {
		if t, ok := strings.CutSuffix(w, s); ok {
			return t
		}
	}
	return w
}

// attribution finds who speaks the quotations in a paragraph from the
// narrative around them (outside, with quotations replaced by quoteMarker).
// A mention next to a speech verb, or a name after a dash following the
// quotation ("… ” – Jean Ross"), says so explicitly; failing those, the
// first person the paragraph names is a guess, reported as not explicit.
func (c *cast) attribution(outside string) (who *person, explicit bool) {
	ms := c.mentions(outside)
	unsure := false
	for _, m := range ms {
		if m.speech && m.who != nil {
			return m.who, true
		}
		unsure = unsure || m.unsure
	}
	if i := strings.Index(outside, quoteMarker); i >= 0 {
		after := strings.TrimLeft(outside[i+len(quoteMarker):], " ")
		for _, dash := range []string{"–", "—", "-", "―"} {
			if !strings.HasPrefix(after, dash) {
				continue
			}
			offset := len(outside) - len(after) + len(dash)
			for _, m := range ms {
				if m.start >= offset && m.start <= offset+2 {
					return m.who, true
				}
			}
			rest := after[len(dash):]
			if run := nameRuns(rest); len(run) > 0 && run[0][0] <= 2 {
				return c.introduce(rest[run[0][0]:run[0][1]], roleAfter(rest[run[0][1]:])), true
			}
		}
	}
	if unsure {
		return nil, true // "she says", and two people just named could be "she"
	}
	for _, m := range ms {
		if m.who != nil {
			return m.who, false
		}
	}
	return nil, false
}

// placeAfterRole reports whether between, the text from the end of one
// name to the start of the next, is only that person's job title in
// apposition: ", social worker, " in "Aisha Begum, social worker, Leeds
// West locality", where the second name is where they work.
func placeAfterRole(between string) bool {
	rest, ok := strings.CutPrefix(between, ",")
	if !ok {
		return false
	}
	rest = strings.TrimSpace(rest)
	role, ok := strings.CutSuffix(rest, ",")
	if !ok || strings.ContainsAny(role, ",.;:!?") {
		return false
	}
	role = strings.TrimSpace(role)
	return role != "" && roleBefore(role) != "" && countWords(role, 7) <= 6
}
