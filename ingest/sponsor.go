package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// employerRe finds the employer an article speaks for when no banner names
// it: "At Acme Children's Services, we …", "join Acme Children's Services".
var employerRe = regexp.MustCompile(`(?:^|[.!?]\s+)(?:At|Join|join(?:\s+us\s+at)?)\s+((?:the\s+)?\p{Lu}[\p{L}'’&.-]*(?:\s+(?:\p{Lu}[\p{L}'’&.-]*|of|and|for|on))*?\s+\p{Lu}[\p{L}'’&.-]*)(?:,|\s+(?:we|where|and|today|as|to)\b|[.!?]|$)`)

// childrensTrust is the Council.Type of a trust or company that runs a
// council's children's services.
const childrensTrust = "children's trust"

// Where an article's council was found (Article.CouncilSource).
const (
	fromMetadata   = "metadata"
	fromBanner     = "banner"
	fromTitle      = "title"
	fromStandfirst = "standfirst"
	fromBody       = "body"
)

// resolveSponsor sets the article's council and says where it came from:
// the source's own metadata first, then a "sponsored feature from" line,
// then a council named alone in the banner stack, and only then the text
// (councilFromText). It also says whether the article is labelled as paid
// for, and by whom.
func (b *builder) resolveSponsor() {
	b.art.Sponsored = b.sponsored || b.doc.Sponsored
	defer func() {
		// A paid feature whose label names nobody ("Commercial feature")
		// is the employer's: the page says "Sponsored by" it.
		if b.art.Sponsored && b.art.Sponsor == "" {
			b.art.Sponsor = b.art.Council
		}
	}()
	for _, src := range []struct{ name, from string }{
		{b.doc.Sponsor, fromMetadata}, {b.sponsorLine, fromBanner}, {b.councilLine, fromBanner},
	} {
		if name := strings.TrimRight(cleanInline(src.name), ". "); name != "" {
			b.setSponsor(name)
			b.art.CouncilSource = src.from
			if b.art.Sponsored {
				b.art.Sponsor = b.art.Council
			}
			return
		}
	}
	if c, ok := councilOfHost(b.art.URL); ok {
		b.setCouncil(c) // the council's own site
		b.art.CouncilSource = fromMetadata
		return
	}
	if c, from, ok := b.councilFromText(); ok {
		b.setCouncil(c)
		b.art.CouncilSource = from
		return
	}
	for i, text := range b.leadTexts() {
		if m := employerRe.FindStringSubmatch(text); m != nil {
			b.setSponsor(strings.TrimPrefix(m[1], "the "))
			b.art.CouncilSource = b.leadSources()[i]
			return
		}
	}
}

// setSponsor records the sponsor by its gazetteer name when it is a
// council or trust, and otherwise by the name the article gives it.
func (b *builder) setSponsor(name string) {
	if c, ok := LookupCouncil(name); ok {
		b.setCouncil(c)
		return
	}
	b.art.Council = name
}

func (b *builder) setCouncil(c Council) {
	b.art.Council, b.art.Region, b.art.Nation = c.Name, c.Region, c.Nation
}

// leadTexts are the title, standfirst and first passage: where an article
// says who it is for.
func (b *builder) leadTexts() []string {
	// With a standfirst, the first passage is the standfirst.
	if b.art.Standfirst != "" || len(b.passages) == 0 || b.passages[0].Kind == KindComment {
		return []string{b.art.Title, b.art.Standfirst}
	}
	return []string{b.art.Title, b.passages[0].Text}
}

// leadSources names the parts leadTexts returns.
func (b *builder) leadSources() []string {
	if b.art.Standfirst != "" {
		return []string{fromTitle, fromStandfirst}
	}
	return []string{fromTitle, fromBody}
}

// passingRe matches a council named in passing rather than as the
// article's own: "developed by Hertfordshire County Council", "councils
// such as Camden", "from Camden to Lambeth".
var passingRe = regexp.MustCompile(`(?i)\b(?:(?:developed|pioneered|created|designed|piloted|first used|used|adopted|borrowed|run|led|inspired|rated|visited|tried)\s+(?:by|in|from)|like|than|such as|including|alongside|unlike|neighbouring|from|to|and|or|with)\s+(?:the\s+)?(?-i:\p{Lu})[\p{L}'’&-]*(?:\s+(?:(?-i:\p{Lu})[\p{L}'’&-]*|of|upon|on|and))*`)

// comingToRe finds where "to" names a destination, not one end of a
// range: "apply to Staffordshire", "move to Devon". passingRe would read
// the place as mentioned in passing.
var comingToRe = regexp.MustCompile(`(?i)\b(appl(?:y|ying|ied)|com(?:e|ing)|came|mov(?:e|ed|ing)|relocat(?:e|ed|ing)|welcome|return(?:ed|ing)?)\s+to\b`)

// employerCueRe finds words that speak of the employer itself ("the
// county council says", "the authority will offer", "join us"), so one
// mention of a council beside them is enough to name it.
var employerCueRe = regexp.MustCompile(`(?i)\b(?:the (?:county |city |borough |district |unitary )?council|the (?:local )?authority|our (?:social workers|teams?|council|practitioners|city|county|borough)|we(?: are|['’]re) (?:recruiting|looking|hiring)|join (?:us|our|team)|apply (?:to|now|today))\b`)

// modelOriginRe finds a sentence about where a way of working came from:
// the council it names is the model's origin, not the employer.
var modelOriginRe = regexp.MustCompile(`(?i)\b(?:model|approach|framework|method|programme|scheme|tool|practice)\b[^.!?]{0,60}\b(?:developed|pioneered|created|designed|piloted|first used|devised|invented)\b`)

// ownCouncils are the councils text names other than in passing.
//
// A council's own name may hold the words passingRe reads as passing
// ("Bradford Children and Families Trust", "Brighton and Hove"): a passing
// phrase that starts inside a council's name does not count, or the rest
// of the name would be read as another council ("Bradford"). The text is
// tokenised once, and the names and passing phrases, both in text order,
// are merged in one pass.
func ownCouncils(text string) []Council {
	text = comingToRe.ReplaceAllString(text, "$1 in")
	type name struct{ council, start, end int }
	var names []name
	eachCouncilName(text, func(council, start, end int) { names = append(names, name{council, start, end}) })
	if len(names) == 0 {
		return nil // most text names none: no need to look for passing phrases
	}
	var passing [][]int
	j := 0
	for _, m := range passingRe.FindAllStringIndex(text, -1) {
		for j < len(names) && names[j].end <= m[0] {
			j++
		}
		if j < len(names) && names[j].start < m[0] {
			continue // "… Children and Families Trust": inside a name
		}
		passing = append(passing, m)
	}
	var out []Council
	seen := map[int]bool{}
	k := 0
	for _, n := range names {
		for k < len(passing) && passing[k][1] <= n.start {
			k++
		}
		if k < len(passing) && passing[k][0] <= n.start || seen[n.council] {
			continue // "developed by Hertfordshire", "from Camden"
		}
		seen[n.council] = true
		out = append(out, loadGazetteer().councils[n.council])
	}
	return out
}

// councilFromText finds the employing council when no banner names it,
// and says where: the one council the title names as its own; else the one
// the standfirst (or, without one, the lead paragraph) names; else the
// council the text names most, when it clearly leads and is named often
// enough or beside words about the employer; else the one council the
// title and standfirst name at all, even in passing ("the academy
// developed by Coventry City Council"). A council mentioned in passing (a
// model developed elsewhere, a neighbour) never wins over one named as
// the employer.
func (b *builder) councilFromText() (Council, string, bool) {
	lead, from := b.leadTexts(), b.leadSources()
	for i, text := range lead {
		if cs := ownCouncils(text); len(cs) == 1 {
			if i == 0 {
				if c, where, ok := b.councilOverTitle(cs[0]); ok {
					return c, where, true // "What Leeds got right" over Wakefield's story
				}
			}
			// "… social work in Bradford" over "Bradford Children and
			// Families Trust is recruiting": the trust runs the
			// council's children's services and employs its staff.
			for j := i + 1; j < len(lead); j++ {
				for _, t := range ownCouncils(lead[j]) {
					if t.Type == childrensTrust && cs[0].Type != childrensTrust && t.Region == cs[0].Region {
						return t, from[j], true
					}
				}
			}
			return cs[0], from[i], true
		} else if len(cs) > 1 {
			break
		}
	}
	if c, ok := b.councilMostNamed(); ok {
		return c, fromBody, true
	}
	var named []Council
	var where string
	for i, text := range lead {
		if modelOriginRe.MatchString(text) {
			continue // "the model, first developed by Hertfordshire"
		}
		for _, c := range FindCouncils(text) {
			if !slices.ContainsFunc(named, func(n Council) bool { return n.Name == c.Name }) {
				named = append(named, c)
				where = from[i]
			}
		}
	}
	if len(named) == 1 {
		return named[0], where, true
	}
	return Council{}, "", false
}

// councilOverTitle finds the council an article is about when its title
// names another as a model or a comparison ("What Leeds got right" over
// Wakefield's story): the rest of the article (standfirst, body) names a
// council other than the title's as its own most, at least twice over the
// title's and with weight, and either the lead names it as its own and
// not the title's, or the rest never names the title's as its own. A
// title whose council the body names as its own as well keeps it.
func (b *builder) councilOverTitle(title Council) (Council, string, bool) {
	// ownerOf says whether text names council name, and the title's, as
	// its own.
	ownerOf := func(text, name string) (own, titles bool) {
		for _, c := range ownCouncils(text) {
			own = own || c.Name == name
			titles = titles || c.Name == title.Name
		}
		return own, titles
	}
	lead := b.leadTexts()[1]
	scores := b.ownCouncilScores(false)
	best, ok := scores.leader()
	if !ok || best.Name == title.Name {
		return Council{}, "", false
	}
	mine, theirs := scores.score[best.Name], scores.score[title.Name]
	if mine < 5 || mine <= 2*theirs {
		return Council{}, "", false
	}
	if leadOwn, titles := ownerOf(lead, best.Name); leadOwn && !titles {
		return best, b.leadSources()[1], true
	}
	if theirs == 0 {
		return best, fromBody, true
	}
	return Council{}, "", false
}

// councilScores are the weights ownCouncilScores gives each council the
// article names as its own, in order of first mention, and whether the
// text speaks of the employer ("the county council says").
type councilScores struct {
	score    map[string]int
	councils map[string]Council
	order    []string
	cue      bool
}

// leader is the council with the highest score when no other has as
// much.
func (s councilScores) leader() (Council, bool) {
	best, second := "", 0
	for _, name := range s.order {
		switch {
		case best == "" || s.score[name] > s.score[best]:
			if best != "" {
				second = s.score[best]
			}
			best = name
		case s.score[name] > second:
			second = s.score[name]
		}
	}
	if best == "" || s.score[best] <= second {
		return Council{}, false
	}
	return s.councils[best], true
}

// councilMostNamed picks the council the article names most as its own,
// counting the title and lead three times and the two paragraphs after the
// lead twice, when it clearly leads: named at least three times so, or the
// text speaks of the employer ("the county council says").
func (b *builder) councilMostNamed() (Council, bool) {
	s := b.ownCouncilScores(true)
	c, ok := s.leader()
	if !ok || (s.score[c.Name] < 3 && !s.cue) {
		return Council{}, false
	}
	return c, true
}

// ownCouncilScores weighs the councils the article names as its own: the
// title (when withTitle) and lead three times, the two paragraphs after
// the lead twice, the rest and headings once.
func (b *builder) ownCouncilScores(withTitle bool) councilScores {
	s := councilScores{score: map[string]int{}, councils: map[string]Council{}}
	count := func(text string, weight int) {
		s.cue = s.cue || employerCueRe.MatchString(text)
		for _, c := range ownCouncils(text) {
			if _, ok := s.councils[c.Name]; !ok {
				s.councils[c.Name] = c
				s.order = append(s.order, c.Name)
			}
			s.score[c.Name] += weight
		}
	}
	for i, t := range b.leadTexts() {
		if i > 0 || withTitle {
			count(t, 3)
		}
	}
	heading := ""
	for i, p := range b.passages {
		if p.Heading != heading && p.Kind != KindComment {
			heading = p.Heading // "Join Team Plymouth" over the text
			count(heading, 1)
		}
		// The first passage was counted as part of the lead; the two after
		// it are the opening paragraphs, where an article names its own
		// council before any neighbour it compares it with.
		if p.Kind != KindComment && i > 0 {
			weight := 1
			if i <= 2 {
				weight = 2
			}
			count(p.Question+" "+p.Text, weight)
		}
	}
	return s
}

// latestYear is the latest year from 1950 to 2099 that s writes as a
// word of its own (what `\b(?:19[5-9]\d|20\d\d)\b` finds), or "".
// It scans bytes: the expression was a tenth of the time to parse an
// article without a date.
func latestYear(s string) string {
	latest := ""
	for i := 0; i+4 <= len(s); i++ {
		y := s[i : i+4]
		if (y[0] == '1' && y[1] == '9' && y[2] >= '5' && y[2] <= '9' || y[0] == '2' && y[1] == '0' && isDigit(y[2])) &&
			isDigit(y[3]) && (i == 0 || !isWordByte(s[i-1])) && (i+4 == len(s) || !isWordByte(s[i+4])) {
			latest = max(latest, y)
			i += 3
		}
	}
	return latest
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte reports whether c is a word character to a regular
// expression's \b: an ASCII letter, digit or underscore.
func isWordByte(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// urlDateRe finds a date in a web address's path: /2016/06/30/.
var urlDateRe = regexp.MustCompile(`/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)`)

// dateInURL reads the publication date a web address's path gives.
func dateInURL(u string) (string, bool) {
	m := urlDateRe.FindStringSubmatch(u)
	if m == nil {
		return "", false
	}
	return isoDate(fmt.Sprintf("%s-%02s-%02s", m[1], m[2], m[3]))
}

// events are things an article may mention that date it from below: an
// article about "the coronavirus crisis" is from 2020 or later, whatever
// earlier years it names.
//
// cues are lower-case words every match of re holds one of: text without
// any is not matched against re, which saves running five expressions
// over every passage of an article without a date.
var events = []struct {
	re   *regexp.Regexp
	cues []string
	year string
}{
	{regexp.MustCompile(`(?i)\b(?:coronavirus|covid(?:-?19)?|the pandemic|lockdowns?)\b`), []string{"coronavirus", "covid", "the pandemic", "lockdown"}, "2020"},
	{regexp.MustCompile(`(?i)\bSocial Work England\b`), []string{"social work england"}, "2019"},
	{regexp.MustCompile(`(?i)\b(?:ILACS|inspection of local authority children's services)\b`), []string{"ilacs", "inspection of local authority children's services"}, "2018"},
	{regexp.MustCompile(`(?i)\bcost[- ]of[- ]living crisis\b`), []string{"living crisis"}, "2022"},
	{regexp.MustCompile(`(?i)\bStable Homes,? Built on Love\b`), []string{"built on love"}, "2023"},
}

// eventYear is the latest year the events text mentions date it to, or
// "" when it mentions none.
func eventYear(text string) string { return eventYearWith(text, skipping) }

func eventYearWith(text string, pc precheck) string {
	// (?i) matches "ſ" (long s) for "s", which strings.ToLower leaves as
	// it is; other letters lower-case as they fold.
	lower, cued := "", bool(pc) && !strings.ContainsRune(text, 'ſ')
	if cued {
		lower = strings.ToLower(text)
	}
	latest := ""
	for _, e := range events {
		if e.year > latest && (!cued || slices.ContainsFunc(e.cues, func(c string) bool { return strings.Contains(lower, c) })) &&
			e.re.MatchString(text) {
			latest = e.year
		}
	}
	return latest
}

// resolvePublished sets the publication date from the source or a dateline;
// failing those it estimates the year from the latest year the body
// mentions, no later than the first reader comment, and says it estimated.
func (b *builder) resolvePublished() {
	a := b.art
	if a.Published != "" {
		if d, ok := parseDate(a.Published); ok {
			a.Published = d
		}
		return
	}
	if b.dateline != "" {
		a.Published = b.dateline
		return
	}
	if d, ok := dateInURL(a.URL); ok {
		a.Published = d
		return
	}
	latest, firstComment := "", ""
	for _, p := range b.passages {
		if p.Kind == KindComment {
			if p.Date != "" && (firstComment == "" || p.Date < firstComment) {
				firstComment = p.Date
			}
			continue
		}
		latest = max(latest, latestYear(p.Question), latestYear(p.Text))
		if y := eventYear(p.Question + " " + p.Text); y != "" {
			latest = max(latest, y)
		}
	}
	if firstComment != "" && (latest == "" || latest > firstComment[:4]) {
		latest = firstComment[:4]
	}
	if latest != "" {
		a.Published, a.PublishedEstimated = latest, true
	}
}
