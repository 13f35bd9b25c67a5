package synth

import (
	"fmt"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Article is one synthetic article as planned: the page furniture and the
// body parts in order, each saying what passage ingest should make of it.
// Render lays it out in any input format.
type Article struct {
	Number    int    // the article number it was generated for
	Title     string // always starts with "Synthetic article"
	Banner    string // "Employer Zone", "Workforce Insights" or ""
	Column    string // "Frontline view", "In the spotlight" or ""
	Council   ingest.Council
	Sponsor   string // the sponsor line: "A sponsored feature from Kent County Council"
	Published string // ISO 8601 date
	Parts     []Part
	Interview bool // a "60 seconds with…" interview
}

// PartKind is what a body part is on the page.
type PartKind int

// The body parts an article is made of.
const (
	PartHeading     PartKind = iota // a section heading
	PartParagraph                   // intro, narrative or quotation paragraph
	PartInterviewee                 // the "60 seconds with…Name, role, Council" line
	PartQA                          // an interview question and its answer
	PartPullQuote                   // a sentence of an answer repeated as a pull quote
	PartList                        // a lead-in line and bulleted items
	PartComment                     // one reader comment
	PartFurniture                   // "View our current vacancies" and the like
)

// Part is one block of an article body.
type Part struct {
	Kind PartKind
	// Passage is the passage kind ingest should make of the part, or ""
	// when the part is not a passage of its own (headings, furniture, the
	// interviewee line, pull quotes that repeat an answer).
	Passage  ingest.Kind
	Text     string // paragraph, answer, lead-in, heading or comment text
	Question string
	Items    []string
	// Speaker and Role name who is quoted (quotes, answers) or who wrote a
	// comment; Role is the job title as the article writes it.
	Speaker string
	Role    string
	Date    string // comments: ISO 8601
	Clock   string // comments: time of day as the page shows it, "10:41 pm"
	Topic   string // the taxonomy topic ID the part was written around
	// Sentences are the sentences of the part's own text, so tests can
	// check that each lands in exactly one passage.
	Sentences []string
}

// Name is the file name for the article in format f, e.g.
// "synthetic-000042.txt".
func (a *Article) Name(f ingest.Format) string {
	return fmt.Sprintf("synthetic-%06d%s", a.Number, f.Extension())
}

// Passages returns the parts that should each become one passage when
// the article is rendered in format f. Markdown has no way to mark reader
// comments, so a Markdown rendering leaves them out.
func (a *Article) Passages(f ingest.Format) []Part {
	var out []Part
	for _, p := range a.Parts {
		if p.Passage != "" && !(p.Kind == PartComment && f == ingest.FormatMarkdown) {
			out = append(out, p)
		}
	}
	return out
}
