package ingest

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that tell a heading or title from a paragraph in plain text.
const (
	maxTitleLen        = 250
	maxHeadingLen      = 100
	maxHeadingWords    = 14
	maxStandfirstLen   = 400
	minStandfirstWords = 7
)

// textLine is one non-blank line of a plain-text article.
type textLine struct {
	text        string // trimmed
	indent      int
	blankBefore bool // a blank line separates it from the line before
}

var (
	bulletRe = regexp.MustCompile(`^(?:[•·▪◦‣●○■□➢►*]|[-–—](?:\s|$)|\(?\d{1,2}[.)]|\(?[a-hA-H][.)])\s*(.*)$`)
	// interviewRe matches an interview header such as "60 seconds with…Amy
	// Gordon, newly qualified social worker, Kent County Council".
	// Each of its forms starts with one of interviewStarts.
	interviewRe = regexp.MustCompile(`^(?i:(?:\d+|one|two|three|five|ten|sixty)\s+(?:seconds|minutes)\s+with|a\s+minute\s+with|q\s*&\s*a\s*(?:with|:)|in\s+conversation\s+with|interview\s+with|a\s+day\s+in\s+the\s+life(?:\s+of|\s+with)?|(?:\d+|three|five|six|seven|ten)\s+questions\s+(?:for|with)|spotlight\s+on|getting\s+to\s+know|meet(?:\s+the\s+team|\s+our\s+\p{L}+)?)\s*[…:.,\-–—]*\s*(\p{Lu}.*)$`)
)

// parseText reads an article in the plain-text form of the seed genre: a
// banner stack, a title, a standfirst, paragraphs separated by blank lines
// or single line breaks, headings, bulleted lists, captions, and a reader
// comments section. It marks structure only; Build applies the rules about
// furniture, quotes, speakers and interviews.
func parseText(ctx context.Context, name, text string) (*Document, error) {
	// Plain text has no syntax NFKC could change, so the front end can
	// read the normalised text: a fullwidth "Ｑ:" is a question.
	lines := splitTextLines(cleanText(NormalizeText(text)))
	if len(lines) == 0 {
		return nil, &FileError{Name: name, Err: ErrNoArticle}
	}
	doc := &Document{Name: name, Format: FormatText}
	p := &textParser{ctx: ctx, doc: doc, lines: lines}
	if isEmailHeader(lines) {
		p.lines, p.feedTitle = readEmailHeader(lines, doc)
		if len(p.lines) == 0 {
			return nil, &FileError{Name: name, Err: ErrNoArticle}
		}
	}
	p.header()
	p.body()
	if err := ctx.Err(); err != nil {
		return nil, &FileError{Name: name, Err: err}
	}
	p.standfirst()
	if len(doc.Blocks) == 0 && doc.Standfirst == "" {
		if !endsSentence(doc.Title) {
			return nil, &FileError{Name: name, Err: ErrNoArticle} // a title alone is not an article
		}
		// One sentence and nothing else: it is the body, not a title.
		doc.Blocks = []Block{{Kind: BlockParagraph, Text: doc.Title}}
		doc.Title = ""
	}
	return doc, nil
}

// cleanText makes text safe to parse: valid UTF-8, Unix line ends, no
// control or zero-width characters, ordinary spaces for no-break ones.
func cleanText(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(text)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t', r == '\u00a0', r == '\u2007', r == '\u202f', r == '\u3000':
			return ' '
		case r == '\ufeff', r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\u00ad':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, text)
}

func splitTextLines(text string) []textLine {
	var lines []textLine
	blank := false
	for _, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(raw)
		if t == "" {
			blank = true
			continue
		}
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		lines = append(lines, textLine{text: collapseSpace(t), indent: indent, blankBefore: blank})
		blank = false
	}
	return lines
}

type textParser struct {
	// ctx is held for this one parse, so body can stop between lines.
	ctx   context.Context
	doc   *Document
	lines []textLine
	pos   int
	// titleAt is the index of the first block after the title.
	titleAt int
	// feedTitle is the title feed metadata above the article gives
	// ("title: …"), for an article that does not repeat it.
	feedTitle string
}

func (p *textParser) emit(b Block) { p.doc.Blocks = append(p.doc.Blocks, b) }

// header reads the banner stack and the title. Banner, column, sponsor and
// dateline lines are passed on as paragraphs for Build to read as metadata.
func (p *textParser) header() {
	for p.pos < len(p.lines) {
		l := p.lines[p.pos]
		if p.skipJunk(l.text) {
			p.pos++
			continue
		}
		if n := navigationRun(p.lines, p.pos); n > 0 {
			p.pos += n
			continue
		}
		info := classifyLine(l.text)
		if info.kind == lineBody && p.isEmployerLine(p.pos) {
			// An employer the gazetteer does not know, named in the banner
			// stack ("Harbourside Care" above "Frontline view"): metadata.
			if p.doc.Sponsor == "" {
				p.doc.Sponsor = l.text
			}
			p.pos++
			continue
		}
		if info.kind == lineBody {
			if p.feedTitle != "" && normKey(p.feedTitle) != normKey(l.text) {
				// The feed gave the title and the text starts straight in.
				p.doc.Title = p.feedTitle
				break
			}
			if len(l.text) <= maxTitleLen && !bulletRe.MatchString(l.text) && (!startsWithQuote(l.text) || quotedHeadline(l.text)) {
				p.doc.Title = strings.TrimSpace(l.text)
				p.pos++
			}
			break
		}
		if info.kind == lineCommentsHeader || info.kind == lineEndOfBody {
			break
		}
		if info.kind != lineImage {
			p.emit(Block{Kind: BlockParagraph, Text: l.text})
		}
		p.pos++
	}
	p.titleAt = len(p.doc.Blocks)
}

// skipJunk reports whether a line above the title is left there by a feed
// reader or scraper (metadata, spam, a teaser), keeping the date and
// address the metadata gives.
func (p *textParser) skipJunk(line string) bool {
	if field, value, ok := feedField(line); ok {
		if field == "title" && p.feedTitle == "" {
			p.feedTitle = value
		}
		noteFeedField(p.doc, field, value)
		return true
	}
	return isScraperJunk(line) || isTeaser(line, p.lines[p.pos+1:])
}

// employerSuffixRe matches the ending of an employer's name, capitalised
// as a name is: a title may end in "to trust".
var employerSuffixRe = regexp.MustCompile(`\b(?:Council|Trust|Borough|Children's Services|Children’s Services|Partnership|Agency)$`)

// looksLikeOrgName reports whether every word of text is capitalised or a
// connector, as in "Harbourside Children's Trust"; a title such as
// "Supporting families in Belfast Trust" has lower-case words.
func looksLikeOrgName(text string) bool {
	for _, w := range strings.Fields(text) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !loadWordLists().nameConnectors[w] {
			return false
		}
	}
	return !strings.ContainsAny(text, ":?!")
}

// isEmployerLine reports whether header line i names the sponsoring
// employer rather than being the title: it is the name a nearby "A
// sponsored feature from X" line gives, or it is a short unpunctuated name
// ending like an employer's, sitting directly above another banner line.
func (p *textParser) isEmployerLine(i int) bool {
	text := p.lines[i].text
	if countWords(text, 11) > 10 || endsSentence(text) {
		return false
	}
	for j := i + 1; j < len(p.lines) && j <= i+6; j++ {
		if info := classifyLine(p.lines[j].text); info.kind == lineSponsor && info.value != "" &&
			strings.EqualFold(normKey(info.value), normKey(text)) {
			return true
		}
	}
	if !employerSuffixRe.MatchString(text) || !looksLikeOrgName(text) || i+1 >= len(p.lines) {
		return false
	}
	switch classifyLine(p.lines[i+1].text).kind {
	case lineBanner, lineColumn, lineSponsor:
		return true
	}
	return false
}

// standfirst takes the first paragraph after the title as the standfirst
// when it reads like one: a sentence or two, not a quotation, a question or
// an interview header.
func (p *textParser) standfirst() {
	for i := p.titleAt; i < len(p.doc.Blocks); i++ {
		b := p.doc.Blocks[i]
		if b.Kind == BlockCaption || (b.Kind == BlockParagraph && isFurniture(b.Text)) {
			continue
		}
		if b.Kind != BlockParagraph || p.doc.Title == "" {
			return
		}
		t := b.Text
		words := countWords(t, minStandfirstWords)
		if len(t) > maxStandfirstLen || startsWithQuote(t) || strings.HasSuffix(t, "?") ||
			interviewRe.MatchString(t) || strings.HasSuffix(t, ":") || qaPrefixRe.MatchString(t) ||
			(words < minStandfirstWords && !endsSentence(t)) {
			return
		}
		p.doc.Standfirst = t
		p.doc.Blocks = append(p.doc.Blocks[:i], p.doc.Blocks[i+1:]...)
		return
	}
}

func (p *textParser) body() {
	for p.pos < len(p.lines) && p.ctx.Err() == nil {
		l := p.lines[p.pos]
		info := classifyLine(l.text)
		switch {
		case info.kind == lineCommentsHeader:
			p.pos++
			p.comments()
		case info.kind == lineImage:
			p.pos++
		case info.kind == lineCaption:
			p.caption(l)
			p.pos++
		case info.kind != lineBody:
			p.emit(Block{Kind: BlockParagraph, Text: l.text})
			p.pos++
		case isBullet(l.text):
			p.list()
		default:
			p.paragraph()
		}
	}
}

// caption emits a caption block. A short unpunctuated line just above it,
// with no blank line between, is the image's alt text and goes with it.
func (p *textParser) caption(l textLine) {
	text := l.text
	if n := len(p.doc.Blocks); n > p.titleAt && !l.blankBefore {
		prev := p.doc.Blocks[n-1]
		if (prev.Kind == BlockParagraph || prev.Kind == BlockHeading) && countWords(prev.Text, 13) <= 12 && !endsSentence(prev.Text) && !isFurniture(prev.Text) {
			text = prev.Text + ". " + text
			p.doc.Blocks = p.doc.Blocks[:n-1]
		}
	}
	p.emit(Block{Kind: BlockCaption, Text: text})
}

func isBullet(s string) bool {
	m := bulletRe.FindStringSubmatch(s)
	return m != nil && strings.TrimSpace(m[1]) != ""
}

// list reads consecutive bulleted or numbered lines, across blank lines,
// into one list. A line indented under an item continues it.
func (p *textParser) list() {
	var items [][]string // each item's lines, joined at the end: += is quadratic in a long item
	itemIndent := 0
	for p.pos < len(p.lines) {
		l := p.lines[p.pos]
		if m := bulletRe.FindStringSubmatch(l.text); m != nil && strings.TrimSpace(m[1]) != "" && classifyLine(l.text).kind != lineCommentsHeader {
			items = append(items, []string{strings.TrimSpace(m[1])})
			itemIndent = l.indent
			p.pos++
			continue
		}
		if len(items) > 0 && !l.blankBefore && l.indent > itemIndent && classifyLine(l.text).kind == lineBody {
			items[len(items)-1] = append(items[len(items)-1], l.text)
			p.pos++
			continue
		}
		break
	}
	joined := make([]string, len(items))
	for i, lines := range items {
		joined[i] = strings.Join(lines, " ")
	}
	p.emit(Block{Kind: BlockList, Items: joined})
}

// paragraph reads one paragraph, joining hard-wrapped lines, and decides
// whether it is a heading.
func (p *textParser) paragraph() {
	last := p.lines[p.pos].text
	var b strings.Builder // not +=, which is quadratic in a long wrapped paragraph
	b.WriteString(last)
	p.pos++
	for p.pos < len(p.lines) {
		next := p.lines[p.pos]
		if next.blankBefore || endsSentence(last) || !startsLower(next.text) || isBullet(next.text) {
			break
		}
		b.WriteString(" ")
		b.WriteString(next.text)
		last = next.text
		p.pos++
	}
	text := b.String()
	if p.isHeading(text) {
		if items := p.stackedLines(text); len(items) > 1 {
			// Lines set one under another without a blank line, none a
			// sentence: a list without bullets ("Social Worker (Band B):
			// £38,220 - £42,708" / "Relocation package of up to £8,000"),
			// as a PDF's text gives a table, not a stack of headings.
			p.emit(Block{Kind: BlockList, Items: items})
			return
		}
		p.emit(Block{Kind: BlockHeading, Level: 2, Text: text})
		return
	}
	p.emit(Block{Kind: BlockParagraph, Text: text})
}

// isHeading reports whether a paragraph just read is a heading: a short
// line without end punctuation with more text after it. A short line after
// a lead-in ending in a colon is the first item of a list that lost its
// bullet, not a heading.
// stackedLines returns first and the lines directly under it, with no
// blank line between, that read as headings do (short, capitalised, not
// sentences), when there is at least one such line; else nil. The lines
// are consumed.
func (p *textParser) stackedLines(first string) []string {
	items := []string{first}
	for p.pos < len(p.lines) {
		next := p.lines[p.pos]
		if next.blankBefore || isBullet(next.text) || classifyLine(next.text).kind != lineBody {
			break
		}
		p.pos++
		if !p.isHeading(next.text) {
			p.pos--
			break
		}
		items = append(items, next.text)
	}
	// Only a stack of figures or labelled values (pay bands, benefits) is
	// taken for a list: names stacked over job titles, as a social site's
	// comments give them, are not.
	figures := 0
	for _, it := range items {
		if strings.ContainsAny(it, "£$€%") || labelValueRe.MatchString(it) {
			figures++
		}
	}
	if len(items) < 2 || figures*2 <= len(items) {
		p.pos -= len(items) - 1 // leave the lines to be read one by one
		return nil
	}
	return items
}

// labelValueRe matches a labelled value: "Ofsted: Good", "Grade: FC9".
var labelValueRe = regexp.MustCompile(`^[\p{L}][\p{L} ()'’&-]{1,40}:\s+\S`)

func (p *textParser) isHeading(text string) bool {
	if len(text) > maxHeadingLen || countWords(text, maxHeadingWords+1) > maxHeadingWords || endsSentence(text) ||
		strings.HasSuffix(text, ",") || startsWithQuote(text) || qaPrefixRe.MatchString(text) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	if p.pos >= len(p.lines) {
		return false // the last line: text cut off, not a heading
	}
	if next := p.lines[p.pos]; classifyLine(next.text).kind == lineCommentsHeader {
		return false
	}
	if n := len(p.doc.Blocks); n > 0 {
		prev := p.doc.Blocks[n-1]
		if prev.Kind == BlockParagraph && strings.HasSuffix(prev.Text, ":") {
			return false
		}
	}
	return true
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// commentHeaderRe matches the start of a reader comment: an optional
// number, the author, and the date ("1. Imelda January 13, 2014 at 10:41 pm #").
var commentHeaderRe = regexp.MustCompile(`^(?:\d{1,3}[.)]\s+)?(.{1,60}?)\s+(?:on\s+|says:?\s+|said:?\s+|[|·–—-]\s+)?(` + datePattern.String() + `)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:#|\||reply)?\s*$`)

var commentAuthorRe = regexp.MustCompile(`^(?:\d{1,3}[.)]\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,3}?)\s*(?:says|said|wrote)?:?$`)

// comments reads the reader comments section that follows "N Responses to
// …". A comment starts at a line naming the author and the date, or at an
// author line followed by a date line.
func (p *textParser) comments() {
	var cur *Block
	var paras []string
	flush := func() {
		if cur != nil && len(paras) > 0 {
			cur.Text = strings.Join(paras, "\n\n")
			p.emit(*cur)
		}
		cur, paras = nil, nil
	}
	for p.pos < len(p.lines) {
		l := p.lines[p.pos]
		p.pos++
		if author, date, ok := commentHeader(l.text); ok {
			flush()
			cur = &Block{Kind: BlockComment, Author: author, Date: date}
			continue
		}
		if m := commentAuthorRe.FindStringSubmatch(l.text); m != nil && p.pos < len(p.lines) {
			if d, ok := parseDate(p.lines[p.pos].text); ok {
				flush()
				cur = &Block{Kind: BlockComment, Author: strings.TrimSpace(m[1]), Date: d}
				p.pos++
				continue
			}
		}
		if classifyLine(l.text).kind != lineBody {
			continue
		}
		if cur == nil {
			// Text before the first comment header is the article's, the
			// comments heading having been a false alarm.
			p.emit(Block{Kind: BlockParagraph, Text: l.text})
			continue
		}
		paras = append(paras, l.text)
	}
	flush()
}

func commentHeader(line string) (author, date string, ok bool) {
	m := commentHeaderRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	author = strings.TrimSpace(m[1])
	if countWords(author, 6) > 5 || endsSentence(author) {
		return "", "", false
	}
	date, ok = parseDate(m[2])
	return author, date, ok
}

// quotedHeadlineRe is a headline that opens with a quotation and goes on
// after it ("“I wanted to be part of something”: life in Sandwell"), as
// trade-press titles do; a paragraph that opens with one goes on with
// "says" or ends its sentence.
var quotedHeadlineRe = regexp.MustCompile(`^["“'‘][^"“”'‘’]{3,160}[”"'’]\s*[:–—-]\s*\p{L}[^.!]*$`)

// quotedHeadline reports whether a first line that opens with a quotation
// is the article's title.
func quotedHeadline(s string) bool { return quotedHeadlineRe.MatchString(strings.TrimSpace(s)) }
