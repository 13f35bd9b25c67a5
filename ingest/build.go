package ingest

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is a body block after furniture has been removed, on its way to
// becoming a passage.
type unit struct {
	kind       BlockKind
	text       string
	items      []string
	leadIn     string // lists: the line that introduces the items
	author     string // comments
	date       string // comments
	blockquote bool   // marked as a quotation by the format itself
	question   bool   // an interview question the format marks (Block.Question)
}

// builder holds the state of one Build.
type builder struct {
	// ctx is the caller's, held for the one Build call this builder
	// serves, so the longest step can stop between paragraphs.
	ctx context.Context
	doc *Document
	// maxPassages bounds the work and memory one article may take;
	// buildPassages sets tooLong and stops once it is passed.
	maxPassages int
	tooLong     bool
	art         *Article

	units []unit
	// Metadata read from furniture lines.
	sponsorLine string // "A sponsored feature from X"
	councilLine string // a council's name alone in the banner stack
	// sponsored: a line labels the article as paid for ("A sponsored
	// feature from X", "Sponsored feature", "Employer Zone").
	sponsored bool
	dateline  string
	// feedGUID is a web address a feed's guid gives (Document.FeedGUID,
	// or a "guid:" paragraph above the article): the url if none better.
	feedGUID string

	cast        cast
	interviewee *person
	qaMode      bool

	passages []draft
	// lastQuote is the speaker of the previous paragraph when it was a
	// quotation, so a quotation continued in the next paragraph keeps it.
	lastQuote         *person
	lastQuoteUnclosed bool
	// cur is the unit buildPassages is reading; focusAt is the unit whose
	// narrative last put someone in focus (-1: none).
	cur, focusAt int
}

// draft is a passage being built, with what folding needs to know.
type draft struct {
	Passage
	bareQuote string // for a paragraph that is one quotation and nothing else: the quoted words
	// who speaks it; finish copies the name and role, which may have been
	// learnt later in the article ("Shah, who joined as a practice manager").
	who *person
}

// Build turns a Document from any format into an Article with passages,
// applying the rules DESIGN.md sets out: furniture is dropped (and banners,
// sponsor lines and datelines read as metadata), interview questions are
// paired with their answers, quotations are attributed to speakers, pull
// quotes that repeat an answer are folded into it, lists keep their lead-in,
// and reader comments keep their author and date. Every sentence of the
// body lands in exactly one passage.
func Build(doc *Document) (*Article, error) {
	return build(context.Background(), doc, DefaultMaxPassages)
}

// build is Build that stops, with ctx's error, once ctx is done, and
// refuses an article of more than maxPassages passages.
func build(ctx context.Context, doc *Document, maxPassages int) (*Article, error) {
	if doc == nil {
		return nil, &FileError{Name: "(nil document)", Err: ErrNoArticle}
	}
	b := newBuilder(ctx, doc, maxPassages)
	for _, step := range []func(){b.readBlocks, b.mergeLists, b.detectInterview, b.buildPassages,
		b.foldPullQuotes, b.resolveURL, b.resolveSponsor, b.resolvePublished} {
		// A long document takes seconds; an abandoned request should not.
		if err := ctx.Err(); err != nil {
			return nil, &FileError{Name: doc.Name, Err: err}
		}
		if b.tooLong {
			return nil, &FileError{Name: doc.Name, Err: fmt.Errorf("%w: more than %d in one article", ErrTooManyPassages, maxPassages)}
		}
		step()
	}
	if err := ctx.Err(); err != nil {
		return nil, &FileError{Name: doc.Name, Err: err}
	}
	if len(b.passages) == 0 {
		return nil, &FileError{Name: doc.Name, Err: ErrNoArticle}
	}
	b.finish()
	return b.art, nil
}

func newBuilder(ctx context.Context, doc *Document, maxPassages int) *builder {
	title := cleanInline(doc.Title)
	return &builder{ctx: ctx, doc: doc, maxPassages: maxPassages, feedGUID: webURL(doc.FeedGUID), art: &Article{
		ID:                 articleID(title, doc.Name),
		Title:              title,
		Standfirst:         cleanInline(doc.Standfirst),
		Source:             doc.Name,
		URL:                webURL(doc.URL),
		Format:             doc.Format,
		Checksum:           doc.Checksum,
		Published:          doc.Published,
		PublishedEstimated: doc.PublishedEstimated,
	}}
}

// cleanInline normalises s (NormalizeText) and collapses all runs of
// white space in it to single spaces. Every text Build stores passes
// through it, whatever the format.
func cleanInline(s string) string {
	return collapseSpace(NormalizeText(strings.ToValidUTF8(s, "\uFFFD")))
}

// cleanParagraphs tidies text that may hold several paragraphs (a reader
// comment), keeping one blank line between them.
func cleanParagraphs(s string) string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n\n") {
		if p = cleanInline(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// normKey reduces text to lower-case letters and digits separated by single
// spaces, so repeats can be found whatever their quotation marks and
// punctuation. Apostrophes are dropped, so "it’s" and "its" key alike.
// One pass, one allocation: it runs on every paragraph more than once.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false // a separator since the last letter or digit
	for _, r := range s {
		if r == '\'' || r == '’' {
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	return b.String()
}

// readBlocks drops furniture, reading banners, sponsor lines and datelines
// as metadata, and drops paragraphs that repeat an earlier one (some
// articles end by repeating their standfirst).
func (b *builder) readBlocks() {
	seen := map[string]bool{}
	if k := normKey(b.art.Standfirst); k != "" {
		seen[k] = true
	}
	if k := normKey(b.art.Title); k != "" {
		seen[k] = true
	}
	endOfBody := false
	for _, blk := range b.doc.Blocks {
		switch blk.Kind {
		case BlockCaption:
			// A caption describes a picture in the article's own words and
			// is searchable; its credit is not.
			if text := captionText(cleanInline(blk.Text)); text != "" && !endOfBody {
				if key := normKey(text); !seen[key] {
					seen[key] = true
					b.units = append(b.units, unit{kind: BlockParagraph, text: text})
				}
			}
			continue
		case BlockComment:
			if text := cleanParagraphs(blk.Text); text != "" {
				author := cleanInline(blk.Author)
				date, _ := parseDate(blk.Date)
				b.units = append(b.units, unit{kind: BlockComment, text: text, author: author, date: date})
			}
			continue
		case BlockList:
			var items []string
			for _, it := range blk.Items {
				if it = stripShortcodes(cleanInline(it)); it != "" && !isFurniture(it) {
					items = append(items, it)
				}
			}
			if len(b.units) == 0 && isMenu(items) {
				continue // a site's menu above the article
			}
			if key := normKey(strings.Join(items, " ")); key != "" && !endOfBody && !seen[key] {
				seen[key] = true
				b.units = append(b.units, unit{kind: BlockList, items: items})
			}
			continue
		}
		text := stripTurnTimestamp(stripShortcodes(cleanInline(blk.Text)))
		if text == "" {
			continue
		}
		if blk.Kind == BlockParagraph && len(b.units) == 0 && b.feedJunk(text) {
			continue // above the article, in any format
		}
		if blk.Kind != BlockQuote && !blk.Question && b.readFurniture(text, &endOfBody) {
			continue
		}
		if endOfBody {
			continue
		}
		if blk.Kind == BlockHeading {
			b.units = append(b.units, unit{kind: BlockHeading, text: text})
			continue
		}
		key := normKey(text)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		b.units = append(b.units, unit{kind: BlockParagraph, text: text, blockquote: blk.Kind == BlockQuote, question: blk.Question})
	}
}

// turnTimestampRe matches the timestamp a transcript's turn opens with
// ("[00:01:13] ", "(02:42) ", "00:01:13 ") before the label naming who
// speaks.
var turnTimestampRe = regexp.MustCompile(`^(?:\[\d{1,2}(?::\d{2}){1,2}\]|\(\d{1,2}(?::\d{2}){1,2}\)|\d{1,2}:\d{2}:\d{2})\s+`)

// stripTurnTimestamp removes a transcript turn's timestamp when a label
// naming the speaker follows it ("[00:01:13] Amira Hassan: Every …"); a
// diary's "10:30 – Home visit" is left as written.
func stripTurnTimestamp(text string) string {
	loc := turnTimestampRe.FindStringIndex(text)
	if loc == nil {
		return text
	}
	if rest := text[loc[1]:]; initialsPrefixRe.MatchString(rest) {
		return rest
	}
	return text
}

// isMenu reports whether a list is a site's menu: three or more items of
// a few words each, with no figures and none a sentence ("News", "Sport",
// "What's On"). Build drops one only before anything of the article.
func isMenu(items []string) bool {
	if len(items) < 3 {
		return false
	}
	for _, it := range items {
		if countWords(it, 4) > 3 || endsSentence(it) || strings.ContainsAny(it, "0123456789£%") {
			return false
		}
	}
	return true
}

// questionAt reads unit i as an interview question: one the format
// marks, or what splitQA makes of its text.
func (b *builder) questionAt(i int) (question, bool) {
	if u := b.units[i]; u.question {
		return question{text: u.text}, true
	}
	return splitQA(b.units[i].text)
}

// feedJunk reports whether a paragraph above the article is feed metadata
// ("guid: …", "Item 3 of 9"), scraper navigation or spam, keeping the date
// and address the metadata gives.
func (b *builder) feedJunk(text string) bool {
	if countWords(text, 13) > 12 || endsSentence(text) {
		return false // prose: "Published: 2018 is not the date of …"
	}
	if field, value, ok := feedField(text); ok {
		if field == "published" && b.art.Published == "" {
			b.art.Published, _ = parseDate(value)
		}
		if field == "url" && b.art.URL == "" {
			b.art.URL = webURL(value)
		}
		if field == "guid" && b.feedGUID == "" {
			b.feedGUID = webURL(value)
		}
		return true
	}
	return isScraperJunk(text)
}

// resolveURL falls back on the feed's guid for the article's url when
// nothing else gave one; the url then also names the council whose site it
// is on and may date the article (resolveSponsor, resolvePublished).
func (b *builder) resolveURL() {
	if b.art.URL == "" {
		b.art.URL = b.feedGUID
	}
}

// readFurniture reports whether a line is furniture, recording what it
// says about the article.
func (b *builder) readFurniture(text string, endOfBody *bool) bool {
	info := classifyLine(text)
	switch info.kind {
	case lineBody:
		return false
	case lineBanner:
		b.sponsored = b.sponsored || sponsoredBannerRe.MatchString(info.value)
		if b.art.Banner == "" {
			b.art.Banner = info.value
		}
	case lineColumn:
		if b.art.Column == "" {
			b.art.Column = info.value
		}
	case lineSponsor:
		b.sponsored = true
		if b.sponsorLine == "" {
			b.sponsorLine = info.value
		}
	case lineCouncil:
		if b.councilLine == "" {
			b.councilLine = info.value
		}
	case lineDate, lineByline:
		if b.dateline == "" {
			b.dateline = info.value
		}
	case lineEndOfBody:
		*endOfBody = true
	}
	return true
}

// mergeLists gives each list its lead-in: the paragraph before it when that
// ends in a colon. A paragraph between such a lead-in and the list is the
// list's first item, which lost its bullet ("The contract is based on eight
// core priorities:" / "Professional leadership" / "• Effective supervision" …).
func (b *builder) mergeLists() {
	var out []unit
	for _, u := range b.units {
		if u.kind == BlockList && len(u.items) == 1 && u.leadIn == "" && strings.HasSuffix(u.items[0], "?") && len(u.items[0]) <= maxQuestionLen {
			// "1. Why social work?": a numbered interview question, which
			// the number made a list of one item.
			u = unit{kind: BlockParagraph, text: u.items[0]}
		}
		n := len(out)
		if n >= 1 && endsWithQuotation(out[n-1]) {
			// "“…”" then "– Jo Edge, team manager" on a line of its own,
			// which text and Markdown read as a list item or a paragraph
			// of its own: the quotation's attribution.
			if by, ok := dashAttribution(u); ok {
				out[n-1].text += " – " + by
				continue
			}
		}
		if u.kind != BlockList {
			out = append(out, u)
			continue
		}
		switch {
		case n >= 1 && isLeadIn(out[n-1]):
			u.leadIn = out[n-1].text
			out = out[:n-1]
		case n >= 2 && isLeadIn(out[n-2]) && out[n-1].kind == BlockParagraph && !out[n-1].blockquote &&
			len(out[n-1].text) <= maxQuestionLen && !startsWithQuote(out[n-1].text):
			u.leadIn = out[n-2].text
			u.items = append([]string{out[n-1].text}, u.items...)
			out = out[:n-2]
		case n >= 1 && out[n-1].kind == BlockList && out[n-1].leadIn == "":
			// Two lists in a row with nothing between are one list.
			u.items = append(out[n-1].items, u.items...)
			out = out[:n-1]
		}
		out = append(out, u)
	}
	b.units = out
}

// endsWithQuotation reports whether a paragraph ends with a closing
// quotation mark and so may take an attribution on the line after it.
func endsWithQuotation(u unit) bool {
	if u.kind != BlockParagraph {
		return false
	}
	t := strings.TrimRight(u.text, " .")
	return (strings.HasSuffix(t, "”") || strings.HasSuffix(t, "\"") || strings.HasSuffix(t, "’")) && len(analyseQuotes(u.text).spans) > 0
}

// dashAttribution reads a unit that only names who said the quotation
// before it: a paragraph "— Tariq Aziz, practice supervisor", or a list of
// one such item (a dash or bullet the format read as a list). It returns
// the name with its role.
func dashAttribution(u unit) (string, bool) {
	var text string
	switch {
	case u.kind == BlockList && len(u.items) == 1:
		text = u.items[0]
	case u.kind == BlockParagraph && !u.blockquote:
		rest, ok := cutDash(u.text)
		if !ok {
			return "", false
		}
		text = rest
	default:
		return "", false
	}
	text = strings.TrimSpace(text)
	name, role, ok := nameWithRole(text)
	if !ok || !strings.Contains(name, " ") && role == "" {
		return "", false // a first name alone, without a role, may be any word
	}
	return text, true
}

// nameWithRole reads a line that is only a person's name, perhaps with
// their job title after a comma: "Dev Patel, team manager", "Grace Obi".
func nameWithRole(text string) (name, role string, ok bool) {
	if countWords(text, 15) > 14 {
		return "", "", false
	}
	runs := nameRuns(text)
	if len(runs) == 0 || runs[0][0] != 0 {
		return "", "", false
	}
	name, rest := text[:runs[0][1]], strings.TrimSuffix(text[runs[0][1]:], ".")
	if _, isCouncil := LookupCouncil(name); isCouncil || strings.ContainsAny(rest, ".!?:;“”\"") {
		return "", "", false
	}
	if rest != "" && !strings.HasPrefix(rest, ",") {
		return "", "", false
	}
	return name, roleAfter(rest), true
}

// cutDash removes the dash that opens an attribution line.
func cutDash(s string) (string, bool) {
	for _, dash := range []string{"–", "—", "―", "-"} {
		if rest, ok := strings.CutPrefix(s, dash); ok {
			return rest, true
		}
	}
	return "", false
}

func isLeadIn(u unit) bool {
	return u.kind == BlockParagraph && !u.blockquote && strings.HasSuffix(u.text, ":")
}

// detectInterview decides whether the article is an interview: it has a
// "60 seconds with…" header, a "Q:" marker, or at least two questions each
// followed by an answer.
func (b *builder) detectInterview() {
	questions := 0
	_, _, header := interviewee(b.art.Title)
	for i, u := range b.units {
		if u.kind != BlockParagraph && u.kind != BlockHeading {
			continue
		}
		if _, _, ok := interviewee(u.text); ok {
			header = true
			continue
		}
		if u.kind == BlockHeading && !b.isHeadingQuestion(i) {
			continue
		}
		q, ok := b.questionAt(i)
		if !ok {
			continue
		}
		if q.prefixed {
			b.qaMode = true
			return
		}
		if q.answer != "" || (i+1 < len(b.units) && b.isAnswer(i+1)) {
			questions++
		}
	}
	b.qaMode = questions >= 2 || (header && questions >= 1)
}

// isHeadingQuestion reports whether unit i is a heading that asks an
// interview question ("### What drew you to Cornwall?") with an answer
// after it.
func (b *builder) isHeadingQuestion(i int) bool {
	u := b.units[i]
	return u.kind == BlockHeading && strings.HasSuffix(u.text, "?") && len(u.text) <= maxQuestionLen &&
		i+1 < len(b.units) && b.isAnswer(i+1)
}

// isAnswer reports whether unit i can answer the question before it.
func (b *builder) isAnswer(i int) bool {
	u := b.units[i]
	if u.kind != BlockParagraph {
		return false
	}
	if _, ok := b.questionAt(i); ok {
		return false
	}
	_, _, header := interviewee(u.text)
	return !header
}

func (b *builder) add(p Passage) *draft {
	b.passages = append(b.passages, draft{Passage: p})
	return &b.passages[len(b.passages)-1]
}

// buildPassages turns units into passages in document order.
func (b *builder) buildPassages() {
	heading := ""
	introDone := false
	b.focusAt = -1
	if name, role, ok := interviewee(b.art.Title); ok {
		b.interviewee = b.cast.introduce(name, role)
	}
	if b.art.Standfirst != "" {
		b.add(Passage{Kind: KindIntro, Text: b.art.Standfirst})
		b.observe(b.art.Standfirst)
		introDone = true
	}
	for i := 0; i < len(b.units) && b.ctx.Err() == nil; i++ {
		if len(b.passages) > b.maxPassages {
			b.tooLong = true
			return
		}
		u := b.units[i]
		b.cur = i
		switch u.kind {
		case BlockHeading:
			if b.qaMode && b.isHeadingQuestion(i) {
				if next, ok := b.addQA(i, heading); ok {
					i = next
					introDone = true
					continue
				}
			}
			if name, role, ok := interviewee(u.text); ok {
				b.interviewee = b.cast.introduce(name, role)
			} else if name, role, ok := nameWithRole(u.text); ok && role != "" {
				// "Sarah, social worker" over her testimonial: the quotation
				// under it is hers.
				b.cast.focus = b.cast.introduce(name, role)
				b.cast.contenders = contenders{}
			} else if ok && role == "" && strings.Contains(name, " ") && name == strings.TrimSpace(u.text) {
				// A profile: "Priya Shah" as a heading, her job title on
				// the line under it, then her story.
				if role := b.roleLineAt(i + 1); role != "" {
					b.cast.focus = b.cast.introduce(name, role)
					b.cast.contenders = contenders{}
					b.focusAt = i + 1
				}
			}
			heading = u.text
			b.lastQuote = nil
			continue
		case BlockComment:
			b.add(Passage{Kind: KindComment, Text: u.text, Speaker: u.author, Date: u.date})
			continue
		case BlockList:
			text := strings.Join(u.items, "\n")
			if u.leadIn != "" {
				text = u.leadIn + "\n" + text
			}
			b.add(Passage{Kind: KindList, Heading: heading, Text: text, Items: u.items})
			b.observe(text)
			b.lastQuote = nil
			introDone = true
			continue
		}
		if name, role, ok := interviewee(u.text); ok && len(u.text) <= maxHeadingLen && i+1 < len(b.units) {
			b.interviewee = b.cast.introduce(name, role)
			heading = u.text
			continue
		}
		if b.qaMode && !u.blockquote {
			if next, ok := b.addQA(i, heading); ok {
				i = next
				introDone = true
				continue
			}
		}
		if !introDone && heading == "" && !startsWithQuote(u.text) && len(analyseQuotes(u.text).spans) == 0 {
			b.add(Passage{Kind: KindIntro, Text: u.text})
			b.observe(u.text)
			introDone = true
			continue
		}
		introDone = true
		if b.addQuote(i, heading) {
			continue
		}
		b.add(Passage{Kind: KindSection, Heading: heading, Text: u.text})
		b.observe(u.text)
		b.lastQuote = nil
	}
	b.tooLong = len(b.passages) > b.maxPassages
}

// addQA adds the interview question at unit i with its answer: the rest of
// the line, or the paragraphs that follow until the next question, heading
// or pull quote. It returns the index of the last unit used.
func (b *builder) addQA(i int, heading string) (int, bool) {
	q, ok := b.questionAt(i)
	if !ok {
		return i, false
	}
	var answer []string
	if q.answer != "" {
		answer = append(answer, stripAnswerPrefix(q.answer))
	}
	j := i + 1
	firstLabel, _ := answerLabel(cmp.Or(q.answer, b.units[min(j, len(b.units)-1)].text))
	for ; j < len(b.units) && b.isAnswer(j); j++ {
		if len(answer) > 0 && analyseQuotes(b.units[j].text).bare {
			break // a pull quote between answers
		}
		if label, _ := answerLabel(b.units[j].text); len(answer) > 0 && label != "" && label != firstLabel {
			break // a transcript's next turn, by someone else
		}
		answer = append(answer, stripAnswerPrefix(b.units[j].text))
	}
	if len(answer) == 0 {
		return i, false
	}
	speaker := b.interviewee
	var labelled string
	for k := range answer {
		name, rest := answerLabel(answer[k])
		if name != "" {
			labelled = cmp.Or(labelled, name)
			answer[k] = rest
		}
	}
	if labelled != "" {
		// "Femi Adeyemi: I had been …": the transcript names who answers.
		speaker = b.cast.introduce(labelled, "")
	} else if who := b.answerSpeaker(answer[0]); who != nil {
		speaker = who
	}
	if speaker == nil {
		speaker = b.soleSpeaker()
	}
	if speaker == nil {
		// The interviewee named once at the top: "Helen Marsh manages a
		// children in need team for Suffolk County Council."
		speaker = b.leadPerson()
		b.interviewee = speaker
	}
	if speaker != nil {
		b.cast.focus = speaker
		b.cast.contenders = contenders{}
	}
	b.add(Passage{Kind: KindQA, Heading: heading, Question: q.text, Text: strings.Join(answer, "\n\n")}).who = speaker
	b.lastQuote = nil
	return j - 1, true
}

// answerSpeaker is who an answer says speaks it ("Joanne says: “…”", "“…,”
// she says"), when it opens with the quotation or the name; a person an
// answer quotes further on ("as my manager Jean says, …") is not the
// interviewee.
func (b *builder) answerSpeaker(answer string) *person {
	if m := signedAnswerRe.FindStringSubmatch(answer); m != nil {
		// "… somewhere I knew the communities. — Lauren Hughes, early help
		// practitioner": an answer signed at its end.
		if _, isCouncil := LookupCouncil(m[1]); !isCouncil {
			return b.cast.introduce(m[1], strings.TrimSpace(m[2]))
		}
	}
	if label, rest, ok := strings.Cut(answer, ":"); ok && len(label) <= 80 && startsWithQuote(strings.TrimSpace(rest)) {
		// "Sophie Tran, team manager: “We're a Signs of Safety
		// authority …”": the answer's label names who gives it.
		if name, role, ok := nameWithRole(strings.TrimSpace(label)); ok && strings.Contains(name, " ") {
			return b.cast.introduce(name, role)
		}
	}
	qt := analyseQuotes(answer)
	if len(qt.spans) == 0 {
		return nil
	}
	who, explicit := b.cast.attribution(qt.outside)
	if who == nil || !explicit {
		return nil
	}
	if startsWithQuote(answer) || strings.HasPrefix(answer, who.First) || strings.HasPrefix(answer, who.Last) {
		return who
	}
	return nil
}

// signedAnswerRe matches an answer's closing signature: a dash, a full
// name and, after a comma, a short role.
var signedAnswerRe = regexp.MustCompile(`[.!?”"]\s+[—–-]\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})(?:\s*,\s*([^,.;:!?]{2,60}))?\.?$`)

// leadPerson is the one person the title, standfirst and paragraphs before
// an interview's first question name as the subject of a sentence ("Ben
// Ashby joined Warwickshire County Council's …", "Dr Ama Boateng leads
// …") or as the one spoken to ("We spoke to Aisha Rahman, who …"),
// introduced with the role the sentence gives; nil when they name none or
// several.
func (b *builder) leadPerson() *person {
	texts := []string{b.art.Title, b.art.Standfirst}
	for _, p := range b.passages {
		if p.Kind == KindIntro || p.Kind == KindSection {
			texts = append(texts, p.Text)
		}
	}
	var name, role string
	for _, text := range texts {
		outside := analyseQuotes(text).outside
		for _, run := range append(subjectRuns(outside), interviewedRuns(outside)...) {
			n := outside[run[0]:run[1]]
			switch {
			case name == "":
				name, role = n, roleAfter(outside[run[1]:])
			case name != n && !strings.HasPrefix(name, n+" ") && !strings.HasPrefix(n, name+" "):
				return nil // two people: which is interviewed is not clear
			}
		}
	}
	if name == "" {
		return nil
	}
	return b.cast.introduce(name, role)
}

// soleSpeaker is the one person an interview without a header has
// introduced, if there is exactly one.
func (b *builder) soleSpeaker() *person {
	if len(b.cast.people) == 1 {
		return b.cast.people[0]
	}
	return nil
}

// addQuote adds unit i as a quote passage if its substance is a direct
// quotation, attributing it to a speaker.
func (b *builder) addQuote(i int, heading string) bool {
	u := b.units[i]
	qt := analyseQuotes(u.text)
	if len(qt.spans) == 0 && !u.blockquote {
		return false
	}
	speaker, explicit := b.cast.attribution(qt.outside)
	if !u.blockquote && !startsWithQuote(u.text) && qt.quoted*10 < len(u.text)*4 && !explicit {
		return false
	}
	switch {
	case !explicit && (anonymousRe.MatchString(qt.outside) || introducesSpeakerRe.MatchString(qt.outside)):
		// "One team manager, who asked not to be named, said: …": said
		// by someone the text does not name, not by the last speaker.
		speaker = nil
	case !explicit:
		speaker = b.impliedSpeaker(i, speaker)
	}
	if speaker != nil {
		b.cast.focus = speaker
		b.cast.contenders = contenders{}
	}
	d := b.add(Passage{Kind: KindQuote, Heading: heading, Text: u.text})
	d.who = speaker
	if qt.bare {
		d.bareQuote = qt.spans[0].inner
	}
	b.lastQuote, b.lastQuoteUnclosed = speaker, qt.unclosed
	return true
}

// anonymousRe finds an attribution to someone unnamed: "a spokesperson
// said", "one team manager, who asked not to be named, said".
//
// After a quotation the verb may come first: "“…,” says one of our locum
// social workers", "“…,” said a newly qualified social worker".
var anonymousRe = regexp.MustCompile(`(?i)\b(?:an?|one|another)\s+(?:[\p{L}'’-]+,?\s+){0,8}?(?:said|says|told|tells|added|adds|explained|explains)\b|\bspokes(?:person|woman|man)\b|\bnot to be named\b|\banonymously\b|‹Q›[,.]?\s*(?:said|says|added|adds|explained|explains)\s+(?:an?|one|another)\s`)

// introducesSpeakerRe finds a paragraph that introduces its own quotation
// with a speech verb and a colon ("The youngest of the new starters said:
// “…”"): whoever it means, it is not the last person quoted.
var introducesSpeakerRe = regexp.MustCompile(`(?i)\b(?:said|says|added|adds|explained|explains|told\s+[\p{L} ]{1,30}?)\s*:\s*‹Q›`)

// impliedSpeaker finds who speaks a quotation that does not say: the
// speaker of a quotation still open from the paragraph before; a person the
// paragraph itself names ("“…” That is the view of Priya Shah, head of
// service."); someone introduced at the start of the next paragraph ("“…”
// / Elizabeth Sterland, consultant social worker, …"); the speaker of the
// paragraph before; the person in focus in the narrative; the interviewee.
func (b *builder) impliedSpeaker(i int, named *person) *person {
	if b.lastQuote != nil && b.lastQuoteUnclosed {
		return b.lastQuote
	}
	if named != nil {
		return named
	}
	// Not when the paragraph just before named who speaks ("Natalie
	// Greenwood is a principal social worker." / "“…”" / "Owen Baxter
	// joined …"), nor when the next paragraph is a lead-in to its own
	// quotation ("Connor Walsh, social worker:").
	// A line that only names someone after the quotation before it
	// ("“…”" / "Tom Akintola, senior practitioner") signs that one.
	introducedBefore := b.cast.focus != nil && b.focusAt == i-1 && !b.signsQuotation(i-1)
	if b.lastQuote == nil && !introducedBefore && i+1 < len(b.units) && b.units[i+1].kind == BlockParagraph && !isLeadIn(b.units[i+1]) {
		known := len(b.cast.people)
		next := analyseQuotes(b.units[i+1].text).outside
		ms := b.cast.mentions(next)
		if len(ms) > 0 && ms[0].start == 0 && ms[0].who.Role != "" && ms[0].who.order >= known {
			return ms[0].who // introduced only now, in the next paragraph
		}
	}
	switch {
	case b.lastQuote != nil:
		return b.lastQuote
	case b.cast.focus != nil:
		return b.cast.focus
	case b.qaMode:
		return b.interviewee
	case b.cast.pending.name != "":
		// "Lucy Grey moved from Birmingham in 2022." / "“I had been
		// thinking about a change …": the person the narrative named.
		who := b.cast.introduce(b.cast.pending.name, b.cast.pending.role)
		b.cast.pending = pendingPerson{}
		return who
	}
	return nil
}

// roleLineAt returns the job title unit j gives when it is only that: a
// short line that is not a sentence and opens with a title ("Senior
// practitioner, Family Support and Protection, Chelmsford").
func (b *builder) roleLineAt(j int) string {
	if j >= len(b.units) {
		return ""
	}
	u := b.units[j]
	if u.kind != BlockParagraph || u.blockquote || countWords(u.text, 15) > 14 || endsSentence(u.text) || strings.ContainsAny(u.text, "“”\"") {
		return ""
	}
	return roleAfter(", " + u.text)
}

// signsQuotation reports whether unit j is only a name, perhaps with a
// role, under a paragraph that ends with a quotation: its signature.
func (b *builder) signsQuotation(j int) bool {
	if j < 1 || !endsWithQuotation(b.units[j-1]) {
		return false
	}
	_, _, ok := nameWithRole(strings.TrimSpace(b.units[j].text))
	return ok
}

// observe notes who a narrative paragraph names, so later quotations and
// first-name mentions can be resolved.
func (b *builder) observe(text string) {
	outside := analyseQuotes(text).outside
	ms, others := b.cast.mentionsAndOthers(outside)
	if len(ms) == 0 || ms[0].start > 0 {
		// "Josh Kaur came into social work … His manager, Alison Reed,
		// …": the subject, then someone named with a title.
		if who, end := b.cast.subject(outside); who != nil {
			ms = append([]mention{{who: who, end: end}}, ms...)
		}
	}
	b.cast.learnPronouns(outside, ms)
	b.notePending(outside, ms, others)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].who != nil {
			b.cast.focus = ms[i].who
			b.focusAt = b.cur
			return
		}
	}
}

// notePending keeps the person a narrative paragraph last names as a
// sentence's subject without introducing them, if nobody introduced is
// named after them (cast.pending), and notes who the paragraph named
// (cast.recent).
func (b *builder) notePending(outside string, ms []mention, others []string) {
	lastEnd := -1
	var recent []*person
	for _, m := range ms {
		if m.who == nil {
			continue
		}
		lastEnd = max(lastEnd, m.end)
		if !slices.Contains(recent, m.who) {
			recent = append(recent, m.who)
		}
	}
	if len(recent) > 0 {
		b.cast.recent = recent
		b.cast.pending = pendingPerson{}
		b.cast.contenders = contenders{people: recent, others: others}
	}
	// Only the last subject counts, and only if nobody is named after it.
	if runs := subjectRuns(outside); len(runs) > 0 {
		run := runs[len(runs)-1]
		if name := outside[run[0]:run[1]]; run[0] >= lastEnd && b.cast.byName(name) == nil {
			b.cast.pending = pendingPerson{name: name, role: roleAfter(outside[run[1]:])}
		}
	}
}

// pullQuoteReach is how many passages either side of a pull quote are
// searched for the text it repeats.
const pullQuoteReach = 12

// foldPullQuotes removes pull quotes: a paragraph that is nothing but a
// quotation whose words already appear in another passage.
func (b *builder) foldPullQuotes() {
	keys := make([]string, len(b.passages))
	for i, p := range b.passages {
		keys[i] = " " + normKey(p.Question+" "+p.Text) + " "
	}
	var out []draft
	for i, p := range b.passages {
		if p.bareQuote != "" {
			key := " " + normKey(p.bareQuote) + " "
			folded := false
			// A pull quote sits near the text it repeats; looking only
			// nearby keeps long documents linear.
			for j := max(0, i-pullQuoteReach); j < min(len(b.passages), i+pullQuoteReach+1); j++ {
				if j != i && b.passages[j].bareQuote == "" && len(key) >= 12 && strings.Contains(keys[j], key) {
					folded = true
					break
				}
			}
			if folded {
				continue
			}
		}
		out = append(out, p)
	}
	b.passages = out
}

// finish numbers the passages, tags their topics and facts, and copies
// onto each the article fields a hit needs.
func (b *builder) finish() {
	a := b.art
	a.Passages = make([]Passage, len(b.passages))
	b.noteSelfRoles()
	for i, d := range b.passages {
		p := d.Passage
		if d.who != nil {
			p.Speaker, p.Role = d.who.Name, d.who.role()
		}
		p.Topics = TopicsOf(strings.TrimSpace(p.Question + "\n" + p.Text))
		p.Facts = FactsOf(p.Text, p.Items)
		a.Passages[i] = p
	}
	a.Place(a.ID)
}
