package ingest

import (
	"regexp"
	"strings"
)

const (
	maxQuestionLen       = 300
	maxInlineQuestionLen = 200
)

var (
	qaPrefixRe = regexp.MustCompile(`^(?i:q|question)\s*\d{0,2}\s*[:.)]\s+`)
	// answerPrefixRe matches "A:" and an interview transcript's initials
	// ("DA: Because…"), which a question's initials ("JM: Why…?") mirror.
	answerPrefixRe = regexp.MustCompile(`^(?:(?i:a|answer)\s*[:.)]|(?:\p{Lu}\.?){2,3}\s*:)\s+`)
	// initialsPrefixRe matches the interviewer's initials or label in a
	// transcript ("JM: Why did you…?", "Interviewer: …", "Community Care:
	// Why did you join?").
	initialsPrefixRe = regexp.MustCompile(`^(?:(?:\p{Lu}\.?){2,3}|(?i:interviewer)|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})\s*:\s+`)
	// nameLabelRe matches a transcript's label naming who answers: "Femi
	// Adeyemi: I had been an agency worker …".
	nameLabelRe    = regexp.MustCompile(`^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})\s*:\s+`)
	inlineAnswerRe = regexp.MustCompile(`\s(?i:a|answer)\s*[:.)]\s+`)
	questionWordRe = regexp.MustCompile(`^(?i:what|how|why|when|where|who|which|whose|do|does|did|is|are|was|were|can|could|would|will|should|have|has|had|tell|describe|if)\b`)
)

// question is what splitQA makes of a paragraph that may be an interview
// question.
type question struct {
	text     string // the question
	answer   string // an answer given on the same line, if any
	prefixed bool   // marked "Q:"
}

// splitQA reads a paragraph as an interview question: "Q: …", a line
// ending in "?", or a question with its answer on the same line ("What do
// you like? The people."). It does not decide whether the article is an
// interview; that takes more than one question (see isInterview).
func splitQA(text string) (question, bool) {
	if loc := qaPrefixRe.FindStringIndex(text); loc != nil {
		rest := text[loc[1]:]
		q := question{text: rest, prefixed: true}
		if a := inlineAnswerRe.FindStringIndex(rest); a != nil {
			q.text, q.answer = strings.TrimSpace(rest[:a[0]]), strings.TrimSpace(rest[a[1]:])
		} else if i := strings.Index(rest, "?"); i >= 0 && i < len(rest)-1 {
			q.text, q.answer = strings.TrimSpace(rest[:i+1]), strings.TrimSpace(rest[i+1:])
		}
		return q, q.text != ""
	}
	if loc := initialsPrefixRe.FindStringIndex(text); loc != nil && strings.HasSuffix(text, "?") && len(text) <= maxQuestionLen {
		return question{text: text[loc[1]:], prefixed: true}, true
	}
	if startsWithQuote(text) || answerPrefixRe.MatchString(text) {
		return question{}, false
	}
	if strings.HasSuffix(text, "?") && len(text) <= maxQuestionLen {
		return question{text: text}, true
	}
	if i := strings.Index(text, "? "); i > 0 && i < maxInlineQuestionLen && questionWordRe.MatchString(text) {
		answer := strings.TrimSpace(text[i+1:])
		if countWords(answer, 2) >= 2 && !startsLower(answer) {
			return question{text: text[:i+1], answer: answer}, true
		}
	}
	return question{}, false
}

// stripAnswerPrefix removes an "A:" marker from an answer paragraph.
func stripAnswerPrefix(s string) string {
	return strings.TrimSpace(answerPrefixRe.ReplaceAllString(s, ""))
}

// interviewStarts are the first letters and digits of interviewRe's forms
// ("60 seconds with", "one minute with", "Q&A with", "Meet …").
const interviewStarts = "0123456789otfsaqigm"

// interviewee reads an interview header such as "60 seconds with…Amy
// Gordon, newly qualified social worker, Kent County Council" into the
// person's name and role.
func interviewee(line string) (name, role string, ok bool) { return intervieweeWith(line, skipping) }

func intervieweeWith(line string, pc precheck) (name, role string, ok bool) {
	if !pc.mayStart(line, interviewStarts) {
		return "", "", false
	}
	m := interviewRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	parts := strings.Split(m[1], ",")
	name = strings.TrimSpace(parts[0])
	if i := strings.IndexAny(name, ":–—("); i > 0 {
		name = strings.TrimSpace(name[:i]) // "Meet Sarah Jones: the social worker who …"
	}
	if first, rest, ok := strings.Cut(name, " "); ok && loadWordLists().honorifics[strings.TrimSuffix(first, ".")] {
		name = rest // "Five minutes with Dr Jean Ross"
	}
	// The header names a person, all of it: "Getting to know Tameside's
	// family intervention team" names a team.
	runs := nameRuns(name)
	if len(strings.Fields(name)) > 4 || len(runs) == 0 || runs[0][0] != 0 || runs[0][1] != len(name) {
		return "", "", false
	}
	if len(parts) > 1 {
		role = strings.TrimSpace(parts[1])
		if _, isCouncil := LookupCouncil(role); isCouncil {
			role = ""
		}
	}
	return name, role, true
}

// splitBoldQuestion splits a paragraph that opens with a question in bold
// ("**Best thing about the county?** The countryside …") into the
// question and its answer; bold is the opening bold text. Without the
// bold, "Best thing about the county?" starts with no question word and
// would not be read as one.
func splitBoldQuestion(text, bold string) (q, answer string, ok bool) {
	if !strings.HasSuffix(bold, "?") || len(bold) > maxQuestionLen {
		return "", "", false
	}
	rest, found := strings.CutPrefix(text, bold)
	rest = strings.TrimSpace(rest)
	if !found || countWords(rest, 2) < 2 {
		return "", "", false
	}
	return bold, rest, true
}

// answerLabel splits a transcript's answer into the name its label gives
// and the answer without it ("Femi Adeyemi: I had …"); name is "" when the
// answer has no such label, or the label is a council's.
func answerLabel(answer string) (name, rest string) {
	m := nameLabelRe.FindStringSubmatchIndex(answer)
	if m == nil {
		return "", answer
	}
	name = answer[m[2]:m[3]]
	if _, isCouncil := LookupCouncil(name); isCouncil {
		return "", answer
	}
	return name, answer[m[1]:]
}

// maxBoldLabelWords bounds a bold label read as a question ("Your role",
// "Why Kent", "A typical week"): longer bold text is a sentence.
const maxBoldLabelWords = 8

// markBoldQuestions reads bold labels without a "?" as questions in an
// interview that asks its other questions in bold: "**Your role** I manage
// …" or a bold line "Why Kent" over its answer, among "**What drew you
// here?**" and the like. It takes at least two bold questions with a "?",
// and no more labels than those, so that a page whose bold openings are
// lead-ins ("**Flexible working** is offered …", "**Pay:** up to £45,000")
// is left alone; a label must be short, not end as a sentence does, and
// open a new sentence after it.
func markBoldQuestions(blocks []Block) []Block {
	asked, labels := 0, 0
	for i, b := range blocks {
		switch {
		case b.Bold == "":
		case strings.HasSuffix(b.Bold, "?"):
			asked++
		case boldLabelAt(blocks, i) != "":
			labels++
		}
	}
	if asked < 2 || labels == 0 || labels > asked {
		return blocks
	}
	out := make([]Block, 0, len(blocks)+labels)
	for i, b := range blocks {
		label := ""
		if b.Bold != "" && !strings.HasSuffix(b.Bold, "?") {
			label = boldLabelAt(blocks, i)
		}
		if label == "" {
			out = append(out, b)
			continue
		}
		rest := strings.TrimSpace(strings.TrimPrefix(b.Text, b.Bold))
		out = append(out, Block{Kind: BlockParagraph, Text: label, Bold: b.Bold, Question: true})
		if rest != "" {
			out = append(out, Block{Kind: BlockParagraph, Text: strings.TrimLeft(rest, ":–—- ")})
		}
	}
	return out
}

// boldLabelAt is the question blocks[i] opens with in bold when it can be
// one: a short label, capitalised, not a sentence, followed by its answer
// (a new sentence after it, or the next paragraph). It is "" otherwise.
func boldLabelAt(blocks []Block, i int) string {
	b := blocks[i]
	if b.Kind != BlockParagraph {
		return ""
	}
	label := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(b.Bold), ":–—- "))
	if label == "" || !startsUpper(label) || endsSentence(label) || strings.ContainsAny(label, "\"“”.!;") ||
		countWords(label, maxBoldLabelWords+1) > maxBoldLabelWords {
		return ""
	}
	rest, ok := strings.CutPrefix(b.Text, b.Bold)
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, ":–—- ")
	if rest == "" {
		// A bold line of its own: its answer is the next paragraph.
		if i+1 >= len(blocks) || blocks[i+1].Kind != BlockParagraph || blocks[i+1].Bold != "" && blocks[i+1].Bold == blocks[i+1].Text {
			return ""
		}
		return label
	}
	if !startsUpper(rest) && !startsWithQuote(rest) || countWords(rest, 2) < 2 {
		return "" // "**Flexible working** is offered to everyone"
	}
	return label
}
