package synth

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
)

// markdown lays the article out as Markdown: the title as a level-one
// heading, section headings at level two, questions in bold on the line
// above their answers, pull quotes as block quotes and lists with "-"
// bullets. Reader comments are left out: Markdown has no way to mark them.
func (a *Article) markdown() string {
	var sb strings.Builder
	block := blockWriter(&sb)
	a.header(block, "# "+a.Title)
	for _, p := range a.Parts {
		switch p.Kind {
		case PartHeading:
			block("## " + p.Text)
		case PartQA:
			block("**" + p.Question + "**  \n" + p.Text)
		case PartPullQuote:
			block("> " + p.Text)
		case PartList:
			block(p.Text + "\n\n- " + strings.Join(p.Items, "\n- "))
		case PartComment:
			// Left out: Markdown has no way to mark a reader comment.
		default:
			block(p.Text)
		}
	}
	return sb.String() + "\n"
}

// html lays the article out as a magazine page: furniture in a header,
// the body in <article>, questions in <strong>, pull quotes in
// <blockquote>, lists in <ul> and comments in the WordPress comment list
// the magazine's pages use.
func (a *Article) html() string {
	e := html.EscapeString
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprintf(&sb, "<title>%s</title>\n", e(a.Title))
	fmt.Fprintf(&sb, "<meta property=\"article:published_time\" content=\"%s\">\n", a.Published)
	sb.WriteString("</head>\n<body>\n<nav><a href=\"/\">Home</a> <a href=\"/jobs\">Jobs</a></nav>\n<article>\n")
	if a.Banner != "" {
		fmt.Fprintf(&sb, "<p class=\"banner\">%s</p>\n<p class=\"sponsor-name\">%s</p>\n<p class=\"column\">%s</p>\n", e(a.Banner), e(a.Council.Name), e(a.Column))
	}
	fmt.Fprintf(&sb, "<h1>%s</h1>\n<p class=\"sponsor\">%s</p>\n", e(a.Title), e(a.Sponsor))
	var comments strings.Builder
	for _, p := range a.Parts {
		switch p.Kind {
		case PartHeading:
			fmt.Fprintf(&sb, "<h2>%s</h2>\n", e(p.Text))
		case PartQA:
			fmt.Fprintf(&sb, "<p><strong>%s</strong><br>\n%s</p>\n", e(p.Question), e(p.Text))
		case PartPullQuote:
			fmt.Fprintf(&sb, "<blockquote><p>%s</p></blockquote>\n", e(p.Text))
		case PartList:
			fmt.Fprintf(&sb, "<p>%s</p>\n<ul>\n", e(p.Text))
			for _, it := range p.Items {
				fmt.Fprintf(&sb, "<li>%s</li>\n", e(it))
			}
			sb.WriteString("</ul>\n")
		case PartComment:
			fmt.Fprintf(&comments, "<li class=\"comment\"><div class=\"comment-author\"><cite class=\"fn\">%s</cite></div>"+
				"<div class=\"comment-meta\"><time datetime=\"%s\">%s at %s</time></div>\n<p>%s</p></li>\n",
				e(p.Speaker), p.Date, longDate(p.Date), p.Clock, e(p.Text))
		default:
			fmt.Fprintf(&sb, "<p>%s</p>\n", e(p.Text))
		}
	}
	sb.WriteString("</article>\n")
	if comments.Len() > 0 {
		fmt.Fprintf(&sb, "<section id=\"comments\">\n<h3>%d Responses to %s</h3>\n<ol class=\"commentlist\">\n%s</ol>\n</section>\n",
			a.comments(), e(a.Title), comments.String())
	}
	sb.WriteString("<footer>More from Community Care</footer>\n</body>\n</html>\n")
	return sb.String()
}

// jsonLine is the article as one JSON lines record: metadata fields and
// the body as the plain text ingest's text front-end reads.
func (a *Article) jsonLine() ([]byte, error) {
	rec := struct {
		Title     string `json:"title"`
		Council   string `json:"council"`
		Published string `json:"published"`
		URL       string `json:"url"`
		Text      string `json:"text"`
	}{a.Title, a.Council.Name, a.Published, fmt.Sprintf("https://synthetic.invalid/articles/%06d", a.Number), a.text()}
	line, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("synth: article %d: %w", a.Number, err)
	}
	return append(line, '\n'), nil
}
