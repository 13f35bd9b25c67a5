package ingest

import (
	"strings"
	"testing"
)

// buildParas builds an article from paragraphs, under a plain opening
// paragraph.
func buildParas(t *testing.T, title string, paras ...string) *Article {
	t.Helper()
	doc := &Document{Name: "t.txt", Title: title, Blocks: []Block{
		{Kind: BlockParagraph, Text: "The service has grown by a third in eighteen months."},
	}}
	for _, p := range paras {
		doc.Blocks = append(doc.Blocks, Block{Kind: BlockParagraph, Text: p})
	}
	a, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func speakerOf(a *Article, prefix string) (string, bool) {
	for _, p := range a.Passages {
		if len(p.Text) >= len(prefix) && p.Text[:len(prefix)] == prefix {
			return p.Speaker, p.Kind == KindQuote
		}
	}
	return "<lost>", false
}

// TestQuoteBetweenTwoIntroductions gives a quotation with no attribution
// to the person the paragraph before it introduced, not to one the next
// paragraph introduces for the quotation after that; and a lead-in line
// ("Name, role, place:") introduces the quotation under it, not the one
// above it. The place after the role is not a person.
func TestQuoteBetweenTwoIntroductions(t *testing.T) {
	a := buildParas(t, "Why social workers choose us",
		"Natalie Greenwood is a principal social worker at the Trust.",
		"“Being a trust gives us a bit of freedom. We can make decisions quickly.”",
		"Owen Baxter joined as a social worker in the Children in Care team after five years in Sheffield.",
		"“The difference is that people here stay. My team has had the same manager for four years.”")
	for prefix, want := range map[string]string{"“Being a trust": "Natalie Greenwood", "“The difference": "Owen Baxter"} {
		if got, isQuote := speakerOf(a, prefix); got != want || !isQuote {
			t.Errorf("%s…: quote by %q, want %q", prefix, got, want)
		}
	}
	a = buildParas(t, "Why our ASYEs stay",
		"Aisha Begum, social worker, Leeds West locality:",
		"“The restorative practice model isn't just a poster on the wall. My manager sits down with me.”",
		"Connor Walsh, social worker, Leeds South:",
		"“I had 12 cases at the end of my ASYE year. Friends elsewhere had 25.”")
	for prefix, want := range map[string]string{"“The restorative": "Aisha Begum", "“I had 12": "Connor Walsh"} {
		if got, isQuote := speakerOf(a, prefix); got != want || !isQuote {
			t.Errorf("%s…: quote by %q, want %q", prefix, got, want)
		}
	}
}

func parseNamed(t *testing.T, name, text string) *Article {
	t.Helper()
	arts, err := Parse(name, []byte(text), Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("%d articles, %v", len(arts), err)
	}
	return arts[0]
}

// TestDatelineInOtherFurniture reads the date of a short line that is only
// a dateline ("Page last reviewed: 3 February 2025") inside an element
// dropped as furniture under a class that names no date ("meta"), rather
// than estimating a year from the text.
func TestDatelineInOtherFurniture(t *testing.T) {
	a := parseHTMLArticle(t, `<html><body><main><h1>Social work apprenticeships</h1><p class="meta">Page last reviewed: 3 February 2025</p><p>Surrey County Council runs a degree apprenticeship for support staff. Ofsted rated our children's services Good in 2024.</p></main></body></html>`)
	if a.Published != "2025-02-03" || a.PublishedEstimated {
		t.Errorf("published %q (estimated %v), want 2025-02-03", a.Published, a.PublishedEstimated)
	}
	// A footer's date dates the site, not the article.
	a = parseHTMLArticle(t, `<html><body><main><h1>Social work apprenticeships</h1><p>Surrey County Council runs a degree apprenticeship for support staff. Ofsted rated our children's services Good in 2024.</p></main><footer class="meta">Updated: 3 February 2025</footer></body></html>`)
	if a.Published == "2025-02-03" {
		t.Errorf("published %q from the footer", a.Published)
	}
}

const emailBulletin = `From: Workforce Development <workforce@leeds.gov.uk>
To: Bulletin subscribers <bulletin@lists.leeds.gov.uk>
Subject: Fwd: Social Work Bulletin: Why our ASYEs stay
Date: Tue, 10 Jun 2025 08:02:14 +0100
Message-ID: <4471@lists.leeds.gov.uk>

View this email in your browser: https://news.leeds.gov.uk/bulletin/june-2025

Leeds City Council has kept most of its newly qualified social workers beyond their second year. Ofsted rated Leeds children's services Outstanding in 2022.

Every ASYE gets fortnightly supervision for the first six months.

--
You are receiving this email because you subscribed to the bulletin.
Unsubscribe: https://news.leeds.gov.uk/unsubscribe?id=4471
`

// TestEmailSavedAsText reads an email's header as metadata: the subject is
// the title (without "Fwd:"), the Date field the date, the "view in
// browser" link the address; the other fields, that line and the footer
// under the signature separator are no part of the article.
func TestEmailSavedAsText(t *testing.T) {
	a := parseNamed(t, "bulletin.txt", emailBulletin)
	if a.Title != "Social Work Bulletin: Why our ASYEs stay" {
		t.Errorf("title %q", a.Title)
	}
	if a.Published != "2025-06-10" || a.URL != "https://news.leeds.gov.uk/bulletin/june-2025" {
		t.Errorf("published %q, url %q", a.Published, a.URL)
	}
	text := allPassageText(a)
	for _, junk := range []string{"From:", "Message-ID", "workforce@", "View this email", "You are receiving", "Unsubscribe"} {
		if strings.Contains(text, junk) {
			t.Errorf("passage holds %q", junk)
		}
	}
	if !strings.Contains(text, "fortnightly supervision") {
		t.Errorf("body lost: %s", text)
	}
	// A text that only mentions a field is not an email.
	a = parseNamed(t, "note.txt", "From: the archive\n\nLeeds City Council has kept most of its newly qualified social workers beyond their second year.\n\n--\n\nWe asked two of them why.\n")
	if !strings.Contains(allPassageText(a), "asked two of them") {
		t.Errorf("a text that is not an email lost its end: %s", allPassageText(a))
	}
}

// TestSocialThreadHeaders reads "Name @handle · 27 Feb 2025" over each
// post of a thread copied from X as a byline: the date is the article's
// (not a year the text mentions), and the line is neither the title nor a
// passage; the reply controls are furniture.
func TestSocialThreadHeaders(t *testing.T) {
	a := parseNamed(t, "thread.txt", `Sarah Whitmore @SWhitmoreSW · 27 Feb 2025
1/ A thread on why I've stayed at Lancashire County Council children's services for eight years.

Sarah Whitmore @SWhitmoreSW · 27 Feb 2025
2/ Ofsted said Good in 2023. My team averages 16 children per worker.

Show more replies
Post your reply
`)
	if a.Published != "2025-02-27" {
		t.Errorf("published %q", a.Published)
	}
	text := allPassageText(a) + a.Title
	for _, junk := range []string{"@SWhitmoreSW", "Post your reply", "Show more replies"} {
		if strings.Contains(text, junk) {
			t.Errorf("title or passage holds %q", junk)
		}
	}
}
