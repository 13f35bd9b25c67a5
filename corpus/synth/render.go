package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Formats lists the formats Render writes, text first.
var Formats = []ingest.Format{ingest.FormatText, ingest.FormatMarkdown, ingest.FormatHTML, ingest.FormatJSONL}

// Render lays the article out in format f ("" means text), as a file
// ingest.Parse reads. A JSON lines rendering is one line, newline
// included, so renderings can be concatenated into one file.
func (a *Article) Render(f ingest.Format) ([]byte, error) {
	switch f {
	case "", ingest.FormatText:
		return []byte(a.text()), nil
	case ingest.FormatMarkdown:
		return []byte(a.markdown()), nil
	case ingest.FormatHTML:
		return []byte(a.html()), nil
	case ingest.FormatJSONL:
		return a.jsonLine()
	}
	return nil, fmt.Errorf("synth: cannot render format %q: want text, markdown, html or jsonl", f)
}

// blockWriter returns a function that appends a block to sb, separated
// from the one before by a blank line.
func blockWriter(sb *strings.Builder) func(string) {
	return func(s string) {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(s)
	}
}

// header writes the banner stack (when the article has one), the title
// line as given and the sponsor line, as the plain-text and Markdown
// layouts share them.
func (a *Article) header(block func(string), title string) {
	if a.Banner != "" {
		block(a.Banner)
		block(a.Council.Name)
		block(a.Column)
	}
	block(title)
	block(a.Sponsor)
}

// text lays the article out as the seed articles are: one block per
// paragraph, blank lines between, questions on the line before their
// answers, bullets and numbered comments indented.
func (a *Article) text() string {
	var sb strings.Builder
	block := blockWriter(&sb)
	a.header(block, a.Title)
	comment := 0
	for _, p := range a.Parts {
		switch p.Kind {
		case PartQA:
			block(p.Question + "\n" + p.Text)
		case PartList:
			block(p.Text + "\n\n  • " + strings.Join(p.Items, "\n  • "))
		case PartComment:
			if comment == 0 {
				block(fmt.Sprintf("%d Responses to %s", a.comments(), a.Title))
			}
			comment++
			block(fmt.Sprintf("  %d. %s %s at %s #\n\n    %s", comment, p.Speaker, longDate(p.Date), p.Clock, p.Text))
		default:
			block(p.Text)
		}
	}
	if a.comments() == 0 && a.Banner == "" {
		block("Comments are closed.")
	}
	return sb.String() + "\n"
}

func (a *Article) comments() int {
	n := 0
	for _, p := range a.Parts {
		if p.Kind == PartComment {
			n++
		}
	}
	return n
}

// longDate writes an ISO date the way comment headers do: "January 13, 2014".
func longDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("January 2, 2006")
}
