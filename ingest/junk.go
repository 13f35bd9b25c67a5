package ingest

import (
	"regexp"
	"strings"
	"unicode"
)

// What a feed reader or scraper leaves above an article copied as text.
var (
	// feedFieldRe matches a line of feed or scraper metadata ("guid: …",
	// "pubDate: …", "Permalink: https://…", "Item 4 of 12") and the markup
	// a feed's CDATA section leaves ("]]>"). Group 1 is the field's name,
	// group 2 its value.
	feedFieldRe = regexp.MustCompile(`(?i)^(?:(feed|feed title|channel|item|item title|guid|id|pubdate|pub date|date published|published|updated|link|permalink|source url|url|category|categories|tags?|retrieved|scraped|fetched)\s*:\s*(.*)|item\s+\d+\s+of\s+\d+|<!\[cdata\[.*|\]\]>|<\?xml[^>]*\?>)$`)
	// spamRe finds the words of a spam line pasted above an article.
	spamRe = regexp.MustCompile(`(?i)casino|viagra|cialis|\bbetting\b|\bporn|click here|free download|free spins|\bcrypto\b|payday loan|klicka här|gratis`)
	// englishWordRe finds a common English word, which nearly every
	// English title has and a foreign-language line lacks.
	englishWordRe = regexp.MustCompile(`(?i)\b(?:the|a|an|of|in|on|to|for|with|and|is|are|how|why|what|who|social|work|workers?|children|council|our|your|my|new|at|from|by|it|we|you)\b`)
)

// feedField reads a line of feed or scraper metadata, returning the field
// ("published", "url") it gives the document, if any, and its value.
func feedField(line string) (field, value string, ok bool) {
	m := feedFieldRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	value = strings.TrimSpace(m[2])
	switch strings.ToLower(m[1]) {
	case "pubdate", "pub date", "date published", "published", "updated":
		return "published", value, true
	case "link", "permalink", "source url", "url":
		return "url", value, true
	}
	return "", "", true
}

// foreignOrSpam reports whether a line above an article is spam or not in
// English: mostly letters outside the Latin script, spam words, or accented
// Latin words with none of the common English ones.
func foreignOrSpam(line string) bool {
	if spamRe.MatchString(line) {
		return true
	}
	letters, latin, accented := 0, 0, false
	for _, r := range line {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(unicode.Latin, r) {
			latin++
			accented = accented || r > unicode.MaxASCII
		}
	}
	if letters == 0 {
		return false
	}
	if latin*2 < letters {
		return true
	}
	return accented && !englishWordRe.MatchString(line)
}

// isTeaser reports whether a line cut off with "…" is repeated whole by
// one of the next few lines: a feed's teaser above the article itself.
func isTeaser(line string, next []textLine) bool {
	cut, ok := strings.CutSuffix(strings.TrimSpace(line), "…")
	if !ok {
		cut, ok = strings.CutSuffix(strings.TrimSpace(line), "...")
	}
	key := normKey(cut)
	if !ok || len(strings.Fields(key)) < 3 {
		return false
	}
	for i, l := range next {
		if i >= 4 {
			break
		}
		if strings.HasPrefix(normKey(l.text), key) {
			return true
		}
	}
	return false
}
