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
	// The fields are those of RSS and Atom items and of the header a
	// reader service puts above a page it turned into Markdown ("Title:",
	// "URL Source:", "Published Time:", "Markdown Content:").
	feedFieldRe = regexp.MustCompile(`(?i)^(?:(feed|feed title|channel|item|item title|title|guid|id|pubdate|pub date|date published|published|published time|updated|last ?build ?date|link|permalink|source|source url|url source|url|category|categories|tags?|author|creator|dc:creator|retrieved|scraped|fetched|markdown content)\s*:\s*(.*)|item\s+\d+\s+of\s+\d+|<!\[cdata\[.*|\]\]>|<\?xml[^>]*\?>)$`)
	// spamRe finds the words of a spam line pasted above an article.
	spamRe = regexp.MustCompile(`(?i)casino|viagra|cialis|\bbetting\b|\bporn|click here|free download|free spins|\bcrypto\b|bitcoin|payday loan|klicka här|gratis|\bbuy cheap\b|\bcheap (?:followers|likes|essays?|pills)\b|\bfollowers now\b|\bbest price\b|\bvisit our (?:site|website|shop)\b|\bdiscount code\b|\breplica\b|\bescorts?\b|\bseo services\b`)
	// spamCues are pieces of text one of which every match of spamRe
	// holds, so a line holding none skips it.
	spamCues = foldCues("casino", "viagra", "cialis", "betting", "porn", "click here", "free download",
		"free spins", "crypto", "bitcoin", "payday loan", "klicka h", "gratis", "cheap", "followers now",
		"best price", "visit our", "discount code", "replica", "escort", "seo services")
	// scraperLineRe matches what a scraper copies from a page's header
	// above its article: skip links, breadcrumbs, share bars, reading
	// times.
	scraperLineRe = regexp.MustCompile(`(?i)^(?:skip to (?:the )?(?:main )?content|skip navigation|home\s*(?:[>»›/|]\s*[\p{L}&' -]+)+|share (?:this|the) (?:article|page|story)\s*:?(?:\s*(?:facebook|twitter|x|linkedin|email|whatsapp|print|copy link)\b)*|(?:estimated )?read(?:ing)? time\s*:?\s*\d+\s*min(?:ute)?s?|\d+\s*min(?:ute)?s?\s+read|listen to this article.*|(?:we use cookies|this (?:website|site) uses cookies)\b.*|(?:accept|reject) (?:all )?cookies|(?:cookie|privacy) settings|manage cookies)$`)
	// teaserEndRe matches how a feed's teaser is cut off: "…", "...",
	// "[…]", then perhaps "Read more".
	teaserEndRe = regexp.MustCompile(`(?i)\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*(?:read more|continue reading|more)?\s*$`)
	// foreignWordRe finds the commonest short words of the languages
	// spam above an article is written in besides English (German,
	// French, Spanish, Italian, Dutch, Swedish).
	foreignWordRe = regexp.MustCompile(`(?i)\b(?:und|der|die|das|ist|mit|für|nicht|jetzt|kostenlos|le|les|des|est|et|avec|pour|dans|gratuit|el|los|las|por|para|con|gratis|il|di|che|per|gratuito|het|een|och|att|för)\b`)
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
	switch strings.Join(strings.Fields(strings.ToLower(m[1])), " ") {
	case "pubdate", "pub date", "date published", "published", "published time", "updated":
		return "published", value, true
	case "link", "permalink", "source url", "url source", "url", "source":
		return "url", value, true
	case "title", "item title":
		return "title", value, true
	case "guid", "id":
		// An item's guid is often its address, but is only an identifier:
		// a link or permalink, wherever it stands, says the address better.
		return "guid", value, true
	}
	return "", "", true
}

// isScraperJunk reports whether a line above an article is left there by
// a feed reader or scraper and is no part of the article: navigation,
// spam, a foreign-language line.
func isScraperJunk(line string) bool {
	return scraperLineRe.MatchString(line) || foreignOrSpam(line)
}

// skipFeedHeader removes the lines of feed metadata, scraper navigation
// and spam above a Markdown article (below any front matter), keeping the
// date and address they give, and returns the rest of src and the title
// the metadata gives, if any.
func skipFeedHeader(src string, doc *Document) (rest, title string) {
	rest = src
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
		case isScraperJunk(t):
		case markdownTeaser(t, after):
		default:
			field, value, ok := feedField(t)
			if !ok {
				return rest, title
			}
			if field == "title" && title == "" {
				title = cleanSpace(value)
			}
			noteFeedField(doc, field, value)
		}
		rest = after
	}
	return rest, title
}

// markdownTeaser reports whether a Markdown line is a feed's teaser that
// the next few lines repeat in full.
func markdownTeaser(line, after string) bool {
	var next []textLine
	for _, l := range strings.SplitN(after, "\n", 6) {
		if t := strings.TrimSpace(strings.TrimLeft(l, "#>*_ ")); t != "" {
			next = append(next, textLine{text: t})
		}
	}
	return isTeaser(line, next)
}

// noteFeedField keeps what a line of feed metadata says about the
// article: its date and its web address.
func noteFeedField(doc *Document, field, value string) {
	switch field {
	case "published":
		if d, ok := parseDate(value); ok && doc.Published == "" {
			doc.Published = d
		}
	case "url":
		if u := webURL(value); u != "" && doc.URL == "" {
			doc.URL = u
		}
	case "guid":
		if doc.FeedGUID == "" {
			doc.FeedGUID = webURL(value)
		}
	}
}

// foreignOrSpam reports whether a line above an article is spam or not in
// English: mostly letters outside the Latin script, spam words, or accented
// Latin words with none of the common English ones.
func foreignOrSpam(line string) bool { return foreignOrSpamWith(line, skipping) }

func foreignOrSpamWith(line string, pc precheck) bool {
	if (pc.mayHold(line, spamCues) && spamRe.MatchString(line)) || shouting(line) {
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
	if englishWordRe.MatchString(line) {
		return false
	}
	return accented || len(foreignWordRe.FindAllStringIndex(line, 3)) >= 2
}

// isTeaser reports whether a line cut off with "…" is repeated whole by
// one of the next few lines: a feed's teaser above the article itself.
func isTeaser(line string, next []textLine) bool {
	loc := teaserEndRe.FindStringIndex(line)
	ok := loc != nil
	if !ok {
		return false
	}
	key := normKey(line[:loc[0]])
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

// shouting reports whether a line is written in capitals with repeated
// exclamation marks, as spam is ("BUY NOW!!!"); a headline is not.
func shouting(line string) bool {
	if !strings.Contains(line, "!!") {
		return false
	}
	upper, letters := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 8 && upper*2 > letters
}

// navigationRun is how many lines from lines[i] form a site's menu copied
// above an article: at least three short lines of a word or a few, with
// no stop and no blank line between them, then a blank line ("Home" /
// "News" / "Jobs and careers" / "Contact us"). A banner stack ("Employer
// Zone" / "Kent County Council") is furniture, not a menu. It returns 0
// when lines[i] starts none.
func navigationRun(lines []textLine, i int) int {
	j := i
	for j < len(lines) && (j == i || !lines[j].blankBefore) {
		t := lines[j].text
		if countWords(t, 5) > 4 || endsSentence(t) || strings.ContainsAny(t, ",\"“”") || classifyLine(t).kind != lineBody {
			return 0
		}
		j++
	}
	if j-i < 3 {
		return 0
	}
	return j - i
}
