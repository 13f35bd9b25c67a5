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
	// A list's footer line without the signature separator above it.
	a = parseNamed(t, "bulletin2.txt", "Why our ASYEs stay\n\nLeeds City Council has kept most of its newly qualified social workers beyond their second year.\n\nYou are receiving this email because you subscribed to the Leeds Social Work Bulletin.\n")
	if text := allPassageText(a); strings.Contains(text, "You are receiving") || !strings.Contains(text, "second year") {
		t.Errorf("footer kept or body lost: %s", text)
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

// TestWordPressShortcodes removes a page builder's layout shortcodes and
// the media, caption and button shortcodes with what they enclose, in any
// format, and leaves a bracketed editorial insertion alone.
func TestWordPressShortcodes(t *testing.T) {
	a := parseNamed(t, "fostering.md", `# A day with the fostering team

[vc_row][vc_column width="2/3"][vc_column_text]

Hampshire County Council's fostering team supports more than 600 foster families [sic] across the county.

[/vc_column_text][/vc_column][/vc_row]

[embed]https://www.youtube.com/watch?v=abc123XYZ[/embed]

Lauren Hughes, a supervising social worker, sees each of her households every six weeks. [caption id="attachment_812" align="alignright" width="300"] The team at their Winchester base[/caption]

[button link="https://jobs.example.org/fostering" color="blue"]See fostering jobs[/button]

[et_pb_text admin_label="Text"]Our staff get monthly supervision.[/et_pb_text]
`)
	text := allPassageText(a)
	for _, junk := range []string{"[vc_", "[/vc_", "[embed", "youtube", "[caption", "Winchester base", "[button", "See fostering jobs", "[et_pb", "[/et_pb"} {
		if strings.Contains(text, junk) {
			t.Errorf("passage holds %q", junk)
		}
	}
	for _, keep := range []string{"families [sic] across", "every six weeks.", "Our staff get monthly supervision."} {
		if !strings.Contains(text, keep) {
			t.Errorf("lost %q: %s", keep, text)
		}
	}
}

// TestWordProcessorExport reads an HTML export of a Google Docs draft: the
// paragraph of the Title style is the title, the reviewers' comments and
// their anchors are left out, and so is a working note such as "DRAFT v3 –
// not for publication". A line that only starts with the word is kept.
func TestWordProcessorExport(t *testing.T) {
	a := parseHTMLArticle(t, `<html><head><style>.c1{color:#000}</style></head><body class="doc-content"><p class="c2 title"><span>Working in Bristol’s Families in Focus teams</span></p><p class="c2"><span>DRAFT v3 – for comms sign-off – not for publication</span></p><p class="c2"><span>Bristol City Council’s children’s services were judged Good by Ofsted in 2023.</span><a href="#cmnt1" id="cmnt_ref1">[a]</a></p><p class="c2"><span>Draft plans for a new hub in Knowle were approved in the spring, and the team moves in next year.</span></p><div><p class="c2"><a href="#cmnt_ref1" id="cmnt1">[a]</a><span>Check salary with HR before this goes live - JB</span></p></div></body></html>`)
	if a.Title != "Working in Bristol’s Families in Focus teams" {
		t.Errorf("title %q", a.Title)
	}
	text := allPassageText(a)
	for _, junk := range []string{"DRAFT v3", "[a]", "Check salary"} {
		if strings.Contains(text, junk) {
			t.Errorf("passage holds %q", junk)
		}
	}
	if !strings.Contains(text, "Draft plans for a new hub") || !strings.Contains(text, "judged Good") {
		t.Errorf("lost text: %s", text)
	}
}

// TestAnswerLabelledWithNameAndRole gives an interview answer that opens
// "Sophie Tran, team manager: “…”" to the person the label names, though
// someone else answered the question before.
func TestAnswerLabelledWithNameAndRole(t *testing.T) {
	a := parseNamed(t, "qa.md", `# Working in Bristol

Bristol City Council's children's services were judged Good by Ofsted in 2023.

**Q: What does your week look like?**

Marcus Bell, advanced practitioner: “I carry about 14 families and get reflective supervision every three weeks.”

**Q: What practice model do you use?**

Sophie Tran, team manager: “We’re a Signs of Safety authority, from the front door right through to court.”
`)
	for prefix, want := range map[string]string{"Marcus Bell, advanced": "Marcus Bell", "Sophie Tran, team": "Sophie Tran"} {
		found := false
		for _, p := range a.Passages {
			if strings.HasPrefix(p.Text, prefix) {
				found = true
				if p.Speaker != want {
					t.Errorf("%s…: by %q, want %q", prefix, p.Speaker, want)
				}
			}
		}
		if !found {
			t.Errorf("%s…: lost", prefix)
		}
	}
}

// TestFrontMatterAddressKeys reads the address and date from the front
// matter keys static-site generators and exports use besides "url" and
// "date" ("canonical_url", "permalink", "publishDate"); a permalink that is
// only a path does not displace an absolute address.
func TestFrontMatterAddressKeys(t *testing.T) {
	a := parseNamed(t, "fife.md", "---\ntitle: Social work in Fife\ncanonical_url: https://www.fife.gov.uk/jobs/social-work\npermalink: /jobs/social-work/\npublishDate: 2024-08-19\n---\n\nFife Council is recruiting social workers for its teams in Kirkcaldy and Glenrothes.\n")
	if a.URL != "https://www.fife.gov.uk/jobs/social-work" || a.Published != "2024-08-19" {
		t.Errorf("url %q, published %q", a.URL, a.Published)
	}
}

// TestProfileUnderNameHeading gives the story under a heading that is only
// a full name, with the job title on the line under it, to that person:
// her "she says" and the first name alone ("says Grace") are hers. A name
// heading without a title line introduces nobody.
func TestProfileUnderNameHeading(t *testing.T) {
	a := parseHTMLArticle(t, `<html><body><article><h1>Meet the social workers of Essex</h1><p>Three practitioners tell us what drew them to Essex County Council.</p>
<h3>Priya Shah</h3><p class="role">Senior practitioner, Family Support and Protection, Chelmsford</p>
<p>Priya moved to Essex from a London borough four years ago. "I came for the systemic practice training and stayed because of the people," she says.</p>
<h3>Grace Okafor</h3><p class="role">Newly qualified social worker, Assessment team, Basildon</p>
<p>"The ASYE programme gave me a protected caseload of 10 in my first six months," says Grace.</p>
<h3>Our teams</h3><p>"Every team has a practice supervisor," says one manager.</p></article></body></html>`)
	for prefix, want := range map[string]string{"Priya moved": "Priya Shah", `"The ASYE`: "Grace Okafor", `"Every team`: ""} {
		if got, _ := speakerOf(a, prefix); got != want {
			t.Errorf("%s…: by %q, want %q", prefix, got, want)
		}
	}
}

// TestStackedFiguresAreAList reads lines set one under another without a
// blank line or bullets, none a sentence and most of them figures, as a
// list (a PDF's pay table), not as a stack of headings whose text is lost.
// Names stacked over job titles are not taken for one.
func TestStackedFiguresAreAList(t *testing.T) {
	a := parseNamed(t, "brochure.txt", `Social Work Careers 2025

Nottinghamshire County Council wants social workers who are curious, kind and brave.

Pay and rewards

Social Worker (Band B): £38,220 - £42,708
Senior Practitioner (Band C): £43,421 - £47,754
Relocation package of up to £8,000
Essential car user allowance

We also offer hybrid working across the county.
`)
	var list *Passage
	for i := range a.Passages {
		if a.Passages[i].Kind == KindList {
			list = &a.Passages[i]
		}
	}
	if list == nil || len(list.Items) != 4 || list.Items[0] != "Social Worker (Band B): £38,220 - £42,708" {
		t.Fatalf("no list of the four pay lines: %s", allPassageText(a))
	}
	a = parseNamed(t, "names.txt", `Thoughts from the team

Kent County Council is hiring social workers for its east Kent teams this spring.

Comments

James Whitfield
Senior Social Worker at Medway Council
Emma Clarke
Social Worker and Practice Educator

We also offer hybrid working across the county.
`)
	for _, p := range a.Passages {
		if p.Kind == KindList {
			t.Errorf("names taken for a list: %q", p.Text)
		}
	}
}
