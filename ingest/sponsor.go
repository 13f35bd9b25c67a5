package ingest

import (
	"regexp"
	"strings"
)

// employerRe finds the employer an article speaks for when no banner names
// it: "At Acme Children's Services, we …", "join Acme Children's Services".
var employerRe = regexp.MustCompile(`(?:^|[.!?]\s+)(?:At|Join|join(?:\s+us\s+at)?)\s+((?:the\s+)?\p{Lu}[\p{L}'’&.-]*(?:\s+(?:\p{Lu}[\p{L}'’&.-]*|of|and|for|on))*?\s+\p{Lu}[\p{L}'’&.-]*)(?:,|\s+(?:we|where|and|today|as|to)\b|[.!?]|$)`)

// resolveSponsor sets the article's council: the source's own metadata
// first, then a "sponsored feature from" line, then a council named alone
// in the banner stack, and only then the text. A council the text merely
// mentions (Hertfordshire developed the model) does not sponsor it.
func (b *builder) resolveSponsor() {
	for _, name := range []string{b.doc.Sponsor, b.sponsorLine, b.councilLine} {
		if name = strings.TrimRight(cleanInline(name), ". "); name != "" {
			b.setSponsor(name)
			return
		}
	}
	if c, ok := b.councilFromText(); ok {
		b.setCouncil(c)
		return
	}
	for _, text := range b.leadTexts() {
		if m := employerRe.FindStringSubmatch(text); m != nil {
			b.setSponsor(strings.TrimPrefix(m[1], "the "))
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

// passingRe matches a council named in passing rather than as the
// article's own: "developed by Hertfordshire County Council", "councils
// such as Camden", "from Camden to Lambeth".
var passingRe = regexp.MustCompile(`(?i)\b(?:(?:developed|pioneered|created|designed|piloted|first used|used|adopted|borrowed|run|led|inspired|rated|visited)\s+(?:by|in|from)|like|than|such as|including|alongside|unlike|neighbouring|from|to|and|or|with)\s+(?:the\s+)?(?-i:\p{Lu})[\p{L}'’&-]*(?:\s+(?:(?-i:\p{Lu})[\p{L}'’&-]*|of|upon|on|and))*`)

// councilFromText picks the council the article is about: the one named
// most, counting the title and lead three times, when it clearly leads.
func (b *builder) councilFromText() (Council, bool) {
	score := map[string]int{}
	councils := map[string]Council{}
	var order []string
	count := func(text string, weight int) {
		for _, c := range FindCouncils(passingRe.ReplaceAllString(text, " ")) {
			if _, ok := councils[c.Name]; !ok {
				councils[c.Name] = c
				order = append(order, c.Name)
			}
			score[c.Name] += weight
		}
	}
	for _, t := range b.leadTexts() {
		count(t, 3)
	}
	for i, p := range b.passages {
		// The first passage was counted as part of the lead.
		if p.Kind != KindComment && i > 0 {
			count(p.Question+" "+p.Text, 1)
		}
	}
	best, second := "", 0
	for _, name := range order {
		switch {
		case best == "" || score[name] > score[best]:
			if best != "" {
				second = score[best]
			}
			best = name
		case score[name] > second:
			second = score[name]
		}
	}
	if best == "" || score[best] < 3 || score[best] <= second {
		return Council{}, false
	}
	return councils[best], true
}

var yearRe = regexp.MustCompile(`\b(?:19[5-9]\d|20\d\d)\b`)

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
	latest, firstComment := "", ""
	for _, p := range b.passages {
		if p.Kind == KindComment {
			if p.Date != "" && (firstComment == "" || p.Date < firstComment) {
				firstComment = p.Date
			}
			continue
		}
		for _, y := range yearRe.FindAllString(p.Question+" "+p.Text, -1) {
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
