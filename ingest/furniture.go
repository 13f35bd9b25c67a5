package ingest

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// lineKind says what a short line of page furniture is. Furniture is never
// a passage, but some of it (banner, column, sponsor, date) is metadata.
type lineKind int

const (
	lineBody           lineKind = iota
	lineBanner                  // "Employer Zone", "Workforce Insights"
	lineColumn                  // "Frontline view", "In the spotlight"
	lineSponsor                 // "A sponsored feature from X"; value is X, or "" for "Sponsored feature"
	lineCouncil                 // a line that is only a council's name, as in a banner stack
	lineFurniture               // "View our current vacancies", "Comments are closed."
	lineEndOfBody               // "More from Community Care": what follows is the site's, not the article's
	lineCommentsHeader          // "2 Responses to …": reader comments follow
	lineImage                   // an image file name such as "Child-with-toy"
	lineCaption                 // "Photo: …", "(Credit: …)", "© …"
	lineDate                    // a dateline; value is the ISO date
	lineByline                  // "By Jane Smith"; value is the ISO date when the byline has one
)

// lineInfo is what classifyLine makes of a line.
type lineInfo struct {
	kind  lineKind
	value string
}

var (
	bannerRe = regexp.MustCompile(`(?i)^(?:employer|recruitment|careers?|jobs|workforce|partner|council)\s+(?:zone|insights?|hub)$`)
	// sponsoredBannerRe: the banners of a publisher's paid-for section.
	sponsoredBannerRe = regexp.MustCompile(`(?i)^(?:employer|partner)\s+(?:zone|hub|content)$|^workforce\s+insights?$`)
	columnRe          = regexp.MustCompile(`(?i)^(?:frontline view|in the spotlight|spotlight|employer spotlight|in focus|inside view|a day in the life|meet the team|case study|practice focus)$`)

	sponsorRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(?:an?\s+)?(?:sponsored|promotional|paid[- ]for)\s+(?:feature|content|article|post|profile)\s+(?:from|by)\s+(.+)$`),
		regexp.MustCompile(`(?i)^(?:an?\s+)?(?:feature|article|content|post|profile|advertisement feature|promotion)\s+(?:sponsored|paid for|supported|funded)\s+by\s+(.+)$`),
		regexp.MustCompile(`(?i)^(?:sponsored|supported|brought to you|presented|paid for|funded)\s+by\s+(.+)$`),
		regexp.MustCompile(`(?i)^in\s+(?:association|partnership)\s+with\s+(.+)$`),
		// "Partner content: Stoke-on-Trent City Council", "Sponsored | Kent
		// County Council"
		regexp.MustCompile(`(?i)^(?:sponsored(?:\s+(?:feature|content|article|post))?|partner\s+content|paid\s+(?:content|post|partnership)|advertisement(?:\s+feature)?|advertorial|commercial\s+(?:feature|content)|promoted(?:\s+content)?)\s*[:|–—]\s*(.+)$`),
		regexp.MustCompile(`(?i)^(?:promoted|paid\s+partnership)\s+(?:by|with)\s+(.+)$`),
		// "This content was paid for by Shropshire Council."
		regexp.MustCompile(`(?i)^this\s+(?:content|article|feature|page|post|piece)\s+(?:is|was|has\s+been)\s+(?:sponsored|paid\s+for|funded|supported|brought\s+to\s+you|produced\s+in\s+(?:association|partnership)\s+with)\s+(?:by\s+)?(.+)$`),
	}
	bareSponsorRe = regexp.MustCompile(`(?i)^(?:an?\s+)?(?:sponsored(?:\s+(?:feature|content|article|post))?|advertisement(?:\s+feature)?|advertorial|promoted(?:\s+content)?|partner\s+content|paid\s+(?:content|partnership)|promotional\s+feature|commercial\s+(?:feature|content))$`)

	// callToActionRe catches job-board links with a tail ("View our current
	// vacancies at Cheshire East jobs."), which the exact lines above miss.
	callToActionRe   = regexp.MustCompile(`(?i)^(?:view|see|browse|search|find|explore|check out)(?:\s+(?:all|our|the))?(?:\s+(?:current|latest|live))?\s+(?:vacancies|jobs|roles|opportunities)(?:\s+(?:at|on|with|in)\s.*)?$`)
	endOfBodyRe      = regexp.MustCompile(`(?i)^(?:more from [\p{L}][\p{L} &'’.-]{1,40}|related (?:articles|content|stories|jobs)|you may also like|further reading|recommended for you|most popular|(?:media|press) (?:contacts?|enquiries))$`)
	commentsHeaderRe = regexp.MustCompile(`(?i)^(?:\d+\s+(?:responses?|comments?|thoughts?|replies|reactions?)(?:\s+(?:to|on)\s.*)?|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:responses?|comments?)(?:\s+to\s.*)?|(?:reader\s+)?comments(?:\s*\(\d+\))?)$`)
	imageRe          = regexp.MustCompile(`(?i)^(?:[a-z0-9]+(?:[-_][a-z0-9]+)+(?:\.(?:jpe?g|png|gif|webp|svg|avif))?|\S+\.(?:jpe?g|png|gif|webp|svg|avif))$`)
	captionRe        = regexp.MustCompile(`(?i)(?:^(?:photo(?:graph)?|picture|pic|image|illustration|credit|photo credit|source)\s*:|©|\((?:credit|photo|picture|image|pic)\s*:[^)]*\)\s*$|^\((?:credit|photo|picture|image)[^)]*\)$)`)
	bylineRe         = regexp.MustCompile(`^(?i:by|written by|words by|author:|words:)\s+\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}\s*(?:[|,·–—-]\s*(.*))?$`)
	// datelinePrefixRe: the words before a page's date ("Published:",
	// "Page last updated:", "Released" over a podcast episode).
	// socialBarRe matches a social site's action bar and counters and a
	// line of hashtags, which a page copied from LinkedIn, Medium or a
	// news site's share bar leaves between paragraphs: "Like · Reply ·
	// 1w", "Repost", "👍❤️ 214", "38 comments • 12 reposts", "212
	// Followers", "3", "#socialwork #hiring".
	socialBarRe = regexp.MustCompile(`(?i)^(?:(?:like|reply|comment|repost|send|share|follow|listen|facebook|twitter|x|linkedin|whatsapp|instagram|copy link)(?:\s*[·•|]\s*(?:like|reply|comment|repost|send|share|\d+[smhdwy]|\d+\s*(?:reactions?|replies|likes?)))*|[\p{So}\p{Sk}\x{FE0F}\x{200D}\s]*\d[\d,.]*[km]?(?:\s+` + socialCounts + `(?:\s*[·•|,]\s*\d[\d,.]*[km]?\s+` + socialCounts + `)*)?|(?:#[\p{L}\p{N}_]+\s*)+)$`)
	// relatedLinkRe matches a link to another story set in the text: a
	// label and a headline, which does not end as a sentence does.
	relatedLinkRe = regexp.MustCompile(`(?i)^(?:related|read more|see also|also read|more on this|read next)\s*:\s*\S.*[^.!?:;]$`)
	// draftNoteRe matches a working note on a draft saved before it was
	// published: "DRAFT v3 – for comms sign-off – not for publication".
	draftNoteRe = regexp.MustCompile(`(?i)^(?:draft(?:\s*(?:v(?:ersion)?\s*\d[\d.]*|\d+))?(?:\s*[-–—:|,(]\s*.*)?|.*\b(?:not for (?:publication|circulation|distribution)|do not (?:publish|circulate))\b.*)$`)
	// emailFooterRe matches a mailing list's footer line: "You are
	// receiving this email because you subscribed to …", "To unsubscribe,
	// …", "Unsubscribe: https://…".
	emailFooterRe = regexp.MustCompile(`(?i)^(?:you(?:'re|’re| are) receiving this (?:e-?mail|message|newsletter|bulletin)\b.*|you received this (?:e-?mail|message)\b.*|to unsubscribe\b.*|unsubscribe(?:\s*[:|]\s*\S*)?|update your (?:email )?preferences\b.*)$`)
	// socialPostHeaderRe matches the line over a post copied from X,
	// Threads or Bluesky: a display name, the @handle, then "·" and when.
	socialPostHeaderRe = regexp.MustCompile(`^[^@\s][^@]{0,60}?\s@[A-Za-z0-9_.]{1,30}(?:\s*[·•]\s*(.{1,30}))?$`)
	// socialThreadRe matches the controls of a thread's replies.
	socialThreadRe   = regexp.MustCompile(`(?i)^(?:replying to(?:\s+@[A-Za-z0-9_.]+)+(?:\s+and\s+\d+\s+others?)?|show (?:more )?replies|show this thread|show more|post your reply|translate post|view quotes)$`)
	datelinePrefixRe = regexp.MustCompile(`(?i)^(?:published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|first published(?:\s+on)?|date|last updated|(?:this\s+)?page\s+(?:was\s+)?last\s+(?:updated|reviewed|modified)(?:\s+on)?|released(?:\s+on)?)\s*:?\s*`)
)

// socialCounts are what a social site counts under a post.
const socialCounts = `(?:followers?|claps?|likes?|reactions?|reposts?|comments?|views?|shares?|responses?)`

// classifyLine says whether a line (a whole paragraph or heading) is page
// furniture, and which kind.
func classifyLine(line string) lineInfo { return classify(line, skipping) }

// precheck says whether the parser may skip a regular expression on text
// that a cheap test shows it cannot match. The parser always does; the
// tests turn it off to hold each skip to the expression it stands in for.
type precheck bool

const (
	skipping   precheck = true
	exhaustive precheck = false
)

// mayStart is mayStart(s, starts) when skipping, else true.
func (pc precheck) mayStart(s, starts string) bool { return !bool(pc) || mayStart(s, starts) }

// mayContain is whether lower, a lower-cased line, holds one of words,
// when skipping; else true.
func (pc precheck) mayContain(lower string, words ...string) bool {
	if !bool(pc) {
		return true
	}
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// mayBeCaption reports, when skipping, whether a trimmed line may match
// captionRe: it has a ©, ends with ")", or starts as "Photo", "Image",
// "Credit" or "Source" do and has a colon. Else it is true.
func (pc precheck) mayBeCaption(s string) bool {
	return !bool(pc) || strings.HasSuffix(s, ")") || strings.Contains(s, "©") ||
		mayStart(s, "pics") && strings.IndexByte(s, ':') >= 0
}

func classify(line string, pc precheck) lineInfo {
	s := strings.TrimSpace(line)
	if s == "" {
		return lineInfo{kind: lineFurniture}
	}
	words := countWords(s, 41)
	if words > 40 {
		return lineInfo{kind: lineBody} // furniture is never this long
	}
	key := strings.ToLower(strings.TrimRight(s, ".!:… "))
	// Each expression is anchored at the start of the line and begins with
	// one of a few letters; mayStart rejects most lines before running it.
	switch {
	case loadWordLists().furnitureLines[key], words <= 12 && pc.mayStart(key, "vsbfec") && callToActionRe.MatchString(key):
		return lineInfo{kind: lineFurniture}
	case words <= 6 && pc.mayStart(key, "mryfp") && endOfBodyRe.MatchString(key):
		return lineInfo{kind: lineEndOfBody}
	case words <= 4 && pc.mayStart(key, "ercjwp") && bannerRe.MatchString(key):
		return lineInfo{kind: lineBanner, value: s}
	case words <= 6 && pc.mayStart(key, "fiseamcp") && columnRe.MatchString(key):
		return lineInfo{kind: lineColumn, value: s}
	case words <= 4 && pc.mayStart(key, "aspc") && bareSponsorRe.MatchString(key):
		return lineInfo{kind: lineSponsor}
	case words <= 30 && pc.mayStart(s, "0123456789otfsenrc") && commentsHeaderRe.MatchString(s):
		return lineInfo{kind: lineCommentsHeader}
	case words == 1 && imageRe.MatchString(s):
		if d, ok := parseDateWith(s, pc); ok { // "5-Mar-2021" is a date, not an image's name
			return lineInfo{kind: lineDate, value: d}
		}
		return lineInfo{kind: lineImage}
	case words <= 40 && pc.mayBeCaption(s) && captionRe.MatchString(s):
		return lineInfo{kind: lineCaption, value: s}
	case words <= 12 && socialBarRe.MatchString(s),
		words <= 24 && pc.mayStart(s, "rsam") && relatedLinkRe.MatchString(s),
		words <= 8 && pc.mayStart(s, "rsptv") && socialThreadRe.MatchString(s),
		words <= 15 && pc.mayContain(key, "draft", "not for", "do not") && draftNoteRe.MatchString(s),
		words <= 30 && pc.mayStart(s, "ytu") && emailFooterRe.MatchString(s):
		return lineInfo{kind: lineFurniture}
	case words <= 16 && strings.Contains(s, "@") && socialPostHeaderRe.MatchString(s):
		// "Sarah Whitmore @SWhitmoreSW · 27 Feb 2025" over each post of a
		// thread: who posted and when, a byline.
		d, _ := findDate(socialPostHeaderRe.FindStringSubmatch(s)[1])
		return lineInfo{kind: lineByline, value: d}
	case scraperLineRe.MatchString(s):
		// A cookie notice, share bar or reading time below the title, too.
		return lineInfo{kind: lineFurniture}
	}
	if words <= 14 && pc.mayStart(s, sponsorStarts) {
		if name, ok := sponsorOfLabel(s); ok {
			return lineInfo{kind: lineSponsor, value: name}
		}
	}
	if words <= 12 {
		if pc.mayStart(s, "bwa") {
			if m := bylineRe.FindStringSubmatch(s); m != nil {
				d, _ := findDate(m[1])
				return lineInfo{kind: lineByline, value: d}
			}
		}
		rest := s
		if pc.mayStart(s, "pufdlrt") {
			rest = datelinePrefixRe.ReplaceAllString(s, "")
		}
		if d, ok := parseDateWith(rest, pc); ok {
			return lineInfo{kind: lineDate, value: d}
		}
		if rest != s {
			if d, ok := findDate(rest); ok {
				return lineInfo{kind: lineDate, value: d}
			}
		}
	}
	if words <= 8 && !endsSentence(s) {
		if c, ok := LookupCouncil(s); ok {
			return lineInfo{kind: lineCouncil, value: c.Name}
		}
	}
	return lineInfo{kind: lineBody}
}

// sponsorOfLabel is who a sponsor label names ("In partnership with X":
// X). A label can hold a second one ("SPONSORED CONTENT | In partnership
// with X", "Partner content: Sponsored by X"): the sponsor is what the
// inner label names, never the inner label's own words.
func sponsorOfLabel(s string) (string, bool) {
	name, found := "", false
	for range 2 {
		var m []string
		for _, re := range sponsorRes {
			if m = re.FindStringSubmatch(s); m != nil {
				break
			}
		}
		if m == nil {
			break
		}
		name, found = strings.TrimRight(strings.TrimSpace(m[1]), "."), true
		s = name
	}
	return name, found
}

// sponsorStarts are the letters sponsorRes begin with.
const sponsorStarts = "aspfcbit"

// mayStart reports whether s may match a case-insensitive expression
// anchored at its start whose first letter is one of starts (lower-case
// letters and digits). A line starting with any other ASCII byte cannot
// match; one starting with a non-ASCII letter may ("ſ" folds to "s",
// "K" to "k"), so it is let through.
func mayStart(s, starts string) bool {
	if s == "" {
		return true
	}
	c := s[0]
	if c >= utf8.RuneSelf {
		return true
	}
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return strings.IndexByte(starts, c) >= 0
}

// isFurniture reports whether a line is furniture of any kind.
func isFurniture(line string) bool {
	return classifyLine(line).kind != lineBody
}

// endsSentence reports whether s ends as a sentence does, allowing for
// closing quotation marks and brackets after the stop.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "”’\"')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";")
}

var (
	creditRe        = regexp.MustCompile(`(?i)\s*\((?:credit|photo|picture|image|pic)\b[^)]*\)`)
	copyrightRe     = regexp.MustCompile(`\s*©.*$`)
	trailCreditRe   = regexp.MustCompile(`(?i)[\s.|–—-]*\b(?:photo(?:graph)?|picture|image|credit|photo credit|source)\s*:[^.]*\.?$`)
	captionPrefixRe = regexp.MustCompile(`(?i)^(?:(photo(?:graph)?|picture|pic|image|illustration)|credit|photo credit|source)\s*:\s*`)
)

// captionText is what a caption says about its picture, without the
// credit: "Photo: the Barnstaple hub" → "the Barnstaple hub"; a line that
// is only a credit ("Credit: Jane Doe", "© Kent County Council") gives "".
func captionText(s string) string {
	if m := captionPrefixRe.FindStringSubmatch(s); m != nil {
		if m[1] == "" {
			return "" // "Credit: …", "Source: …"
		}
		s = s[len(m[0]):]
	}
	s = copyrightRe.ReplaceAllString(creditRe.ReplaceAllString(s, ""), "")
	s = trailCreditRe.ReplaceAllString(s, "")
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "|–—-"))
	if len(strings.Fields(s)) < 3 {
		return ""
	}
	if !endsSentence(s) {
		s += "."
	}
	return s
}

// foldCues makes the pieces mayHold looks for from lower-case ASCII text.
func foldCues(cues ...string) [][]byte {
	b := make([][]byte, len(cues))
	for i, c := range cues {
		b[i] = []byte(c)
	}
	return b
}

// mayHold is mayHold(s, cues) when skipping, else true.
func (pc precheck) mayHold(s string, cues [][]byte) bool { return !bool(pc) || mayHold(s, cues) }

// mayHold reports whether s may match a case-insensitive expression every
// match of which holds one of cues (lower-case ASCII letters, digits,
// spaces and punctuation). It compares s folded as (?i) folds it onto
// ASCII: ASCII letters lowered, and "ſ" and "K", the only other runes
// that fold to ASCII letters, read as s and k.
func mayHold(s string, cues [][]byte) bool {
	var buf [256]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xC5 && i+1 < len(s) && s[i+1] == 0xBF: // ſ
			c = 's'
			i++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x84 && s[i+2] == 0xAA: // K, the Kelvin sign
			c = 'k'
			i += 2
		}
		b = append(b, c)
	}
	for _, cue := range cues {
		if bytes.Contains(b, cue) {
			return true
		}
	}
	return false
}
