package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// readDoc parses a fixture with the front end its extension names.
func readDoc(tb testing.TB, path string) *Document {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	format, err := DetectFormat(path, data)
	if err != nil {
		tb.Fatal(err)
	}
	var doc *Document
	switch format {
	case FormatHTML:
		doc, err = parseHTML(path, decodeHTML(data))
	case FormatMarkdown:
		doc, err = parseMarkdown(path, decodeText(data))
	default:
		tb.Fatalf("%s: readDoc does not read %s", path, format)
	}
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return doc
}

func blocksOf(doc *Document, kind BlockKind) []Block {
	var out []Block
	for _, b := range doc.Blocks {
		if b.Kind == kind {
			out = append(out, b)
		}
	}
	return out
}

func texts(bs []Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

// allText is every word the document will index, for furniture checks.
func allText(doc *Document) string {
	var b strings.Builder
	b.WriteString(doc.Title + "\n" + doc.Standfirst + "\n")
	for _, bl := range doc.Blocks {
		b.WriteString(bl.Text + "\n" + strings.Join(bl.Items, "\n") + "\n" + bl.Author + "\n")
	}
	return b.String()
}

func TestHTMLSponsoredFeature(t *testing.T) {
	doc := readDoc(t, "testdata/html/sponsored_feature.html")
	if doc.Title != "Why social workers are staying in Cheshire East" {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Standfirst != "Small teams, protected caseloads and a practice model staff believe in" {
		t.Errorf("standfirst %q", doc.Standfirst)
	}
	if doc.Published != "2023-03-14" {
		t.Errorf("published %q", doc.Published)
	}
	if !strings.HasSuffix(doc.URL, "/why-social-workers-are-staying-in-cheshire-east/") {
		t.Errorf("url %q", doc.URL)
	}
	if doc.Sponsor != "" {
		t.Errorf("sponsor %q: a news site's name is not the sponsor", doc.Sponsor)
	}
	text := allText(doc)
	for _, furniture := range []string{"cookies", "Share on", "Tweet", "Jobs", "Inform", "More from Community Care",
		"Ofsted praises Salford", "Comments are closed", "2 Responses", "Reply", "says:", "All rights reserved", "dataLayer", "display:flex", "team-meeting", "Employer Zone team"} {
		if strings.Contains(text, furniture) {
			t.Errorf("furniture %q reached the document", furniture)
		}
	}
	headings := texts(blocksOf(doc, BlockHeading))
	if !slices.Equal(headings, []string{"Protected caseloads", "What the offer includes", "A model everyone uses"}) {
		t.Errorf("headings %q", headings)
	}
	if hs := blocksOf(doc, BlockHeading); len(hs) == 3 && (hs[0].Level != 2 || hs[1].Level != 3) {
		t.Errorf("heading levels %d, %d", hs[0].Level, hs[1].Level)
	}
	lists := blocksOf(doc, BlockList)
	if len(lists) != 1 || len(lists[0].Items) != 4 || lists[0].Items[1] != "a laptop and smartphone on day one" {
		t.Errorf("lists %+v", lists)
	}
	quotes := texts(blocksOf(doc, BlockQuote))
	if len(quotes) != 2 || quotes[0] != "“Nobody here carries thirty cases”" || !strings.HasSuffix(quotes[1], "\n– Tom Ellery, advanced practitioner") {
		t.Errorf("quotes %q", quotes)
	}
	captions := texts(blocksOf(doc, BlockCaption))
	if len(captions) != 1 || !strings.HasPrefix(captions[0], "The Crewe locality team") {
		t.Errorf("captions %q", captions)
	}
	// The body keeps the sponsor line and paragraphs in page order.
	paras := texts(blocksOf(doc, BlockParagraph))
	if len(paras) < 6 || paras[0] != "A sponsored feature from Cheshire East Council" || !strings.HasPrefix(paras[1], "When Priya Natt moved") {
		t.Errorf("paragraphs %q", paras)
	}
	comments := blocksOf(doc, BlockComment)
	if len(comments) != 2 {
		t.Fatalf("%d comments, want 2 (a comment and its reply)", len(comments))
	}
	if c := comments[0]; c.Author != "Marcus Webb" || c.Date != "2023-03-15" ||
		c.Text != "Eighteen cases is still a lot in a child protection team. Is that a ceiling or an average?\n\nGenuinely interested, I am thinking of applying." {
		t.Errorf("first comment %+v", c)
	}
	if c := comments[1]; c.Author != "Jo Adeyemi" || c.Date != "2023-03-16" || !strings.HasPrefix(c.Text, "It is an average") {
		t.Errorf("reply %+v", c)
	}
	if doc.Blocks[len(doc.Blocks)-1].Kind != BlockComment {
		t.Error("comments should follow the body")
	}
}

func TestHTMLCouncilCareersPage(t *testing.T) {
	doc := readDoc(t, "testdata/html/council_careers.html")
	if doc.Title != "Children's social work careers" {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Sponsor != "Hackney Council" {
		t.Errorf("sponsor %q: a council's own site names the employer", doc.Sponsor)
	}
	if doc.Published != "2024-06-03" || doc.URL != "https://careers.example.gov.uk/childrens-social-work" {
		t.Errorf("published %q url %q", doc.Published, doc.URL)
	}
	text := allText(doc)
	for _, furniture := range []string{"Skip to main content", "Home", "Careers ›", "Apply now", "Was this page useful", "Mare Street"} {
		if strings.Contains(text, furniture) {
			t.Errorf("furniture %q reached the document", furniture)
		}
	}
	lists := blocksOf(doc, BlockList)
	want := []string{"Salary from £41,000 to £52,000 depending on experience", "27 days' annual leave rising to 32, plus bank holidays",
		"Flexible working, including compressed hours", "nine-day fortnights in most teams"}
	if len(lists) != 1 || !slices.Equal(lists[0].Items, want) {
		t.Errorf("list %+v, want %q", lists, want)
	}
	if h := texts(blocksOf(doc, BlockHeading)); !slices.Equal(h, []string{"Why work for us", "What we offer", "Newly qualified?"}) {
		t.Errorf("headings %q", h)
	}
}

func TestHTMLWithoutArticleElement(t *testing.T) {
	doc := readDoc(t, "testdata/html/no_article_element.html")
	if doc.Title != "Sandwell Children's Trust: building a workforce that stays" {
		t.Errorf("title %q (from <title>, site name cut)", doc.Title)
	}
	paras := texts(blocksOf(doc, BlockParagraph))
	if len(paras) != 4 {
		t.Fatalf("paragraphs %q", paras)
	}
	if !strings.Contains(paras[1], "newcomer.\nTeam managers") {
		t.Errorf("<br> should keep its line break: %q", paras[1])
	}
	if paras[3] != "Loose text at the end of the post body that sits outside any paragraph." {
		t.Errorf("loose text %q", paras[3])
	}
	text := allText(doc)
	for _, furniture := range []string{"Popular this week", "Agency rates", "Advertise", "Copyright", "Home"} {
		if strings.Contains(text, furniture) {
			t.Errorf("furniture %q reached the document", furniture)
		}
	}
}

func TestHTMLDateFromTimeElement(t *testing.T) {
	doc := readDoc(t, "testdata/html/time_only.html")
	if doc.Published != "2024-12-19" {
		t.Errorf("published %q", doc.Published)
	}
	if strings.Contains(allText(doc), "Posted") {
		t.Error("the dateline reached the document")
	}
	if h := blocksOf(doc, BlockHeading); len(h) != 1 || h[0].Level != 4 || h[0].Text != "Early help first" {
		t.Errorf("headings %+v", h)
	}
	if l := blocksOf(doc, BlockList); len(l) != 1 || len(l[0].Items) != 3 {
		t.Errorf("ordered list %+v", l)
	}
}

// TestHTMLDateFromBylineAboveArticle: a byline between the title and the
// article's element dates the article; a comment's date or a footer's
// year does not.
func TestHTMLDateFromBylineAboveArticle(t *testing.T) {
	for _, tt := range []struct{ name, page, want string }{
		{"byline class", `<html><body><nav><a href="/">Home</a> 1 January 2020</nav><h1>Why we stay</h1>
<div class="byline">By Practice Weekly Employer Zone · <span>14 March 2024</span></div>
<article><p>Social workers in Derby say caseloads have fallen and supervision is regular.</p><p>The council has recruited forty permanent staff this year.</p></article>
<footer>© 2019 Practice Weekly</footer></body></html>`, "2024-03-14"},
		{"plain dateline", `<html><body><h1>Why we stay</h1><div class="meta"><span>Posted on 5 June 2023</span></div>
<article><p>Social workers in Derby say caseloads have fallen and supervision is regular.</p></article></body></html>`, "2023-06-05"},
		{"no byline", `<html><body><nav>Updated 1 January 2020</nav><h1>Why we stay</h1>
<article><p>Social workers in Derby say caseloads have fallen and supervision is regular.</p></article></body></html>`, ""},
	} {
		doc, err := parseHTML("page.html", tt.page)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.Published != tt.want {
			t.Errorf("%s: published %q, want %q", tt.name, doc.Published, tt.want)
		}
	}
}

func TestHTMLDeclaredCharset(t *testing.T) {
	doc := readDoc(t, "testdata/html/windows1252.html")
	if doc.Title != "Supervision that works – a team manager’s view" {
		t.Errorf("title %q", doc.Title)
	}
	if p := texts(blocksOf(doc, BlockParagraph)); len(p) != 1 || p[0] != "“We meet every fortnight,” says the team manager. “It’s protected time.”" {
		t.Errorf("paragraph %q", p)
	}
}

func TestHTMLEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		html    string
		wantErr bool
		check   func(t *testing.T, d *Document)
	}{
		{name: "only furniture", html: `<nav><a href="/">Home</a></nav><footer>© 2024</footer>`, wantErr: true},
		{name: "script only", html: `<script>alert("x")</script>`, wantErr: true},
		{name: "fragment", html: `<p>One paragraph about supervision.</p>`, check: func(t *testing.T, d *Document) {
			if len(d.Blocks) != 1 || d.Blocks[0].Text != "One paragraph about supervision." {
				t.Errorf("blocks %+v", d.Blocks)
			}
		}},
		{name: "json-ld date and headline", html: `<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Pods in Medway","datePublished":"2018-10-30"}]</script><p>Body text.</p>`,
			check: func(t *testing.T, d *Document) {
				if d.Title != "Pods in Medway" || d.Published != "2018-10-30" {
					t.Errorf("title %q published %q", d.Title, d.Published)
				}
			}},
		{name: "bad json-ld ignored", html: `<script type="application/ld+json">{"datePublished": </script><p>Body.</p>`, check: func(t *testing.T, d *Document) {
			if d.Published != "" {
				t.Errorf("published %q", d.Published)
			}
		}},
		{name: "hidden and aria-hidden", html: `<article><p>Seen.</p><p hidden>Unseen.</p><div aria-hidden="true">Icon text</div></article>`, check: func(t *testing.T, d *Document) {
			if got := texts(d.Blocks); !slices.Equal(got, []string{"Seen."}) {
				t.Errorf("blocks %q", got)
			}
		}},
		{name: "entities and nbsp", html: `<p>Pay&nbsp;&amp;&nbsp;benefits &ndash; &pound;40k</p>`, check: func(t *testing.T, d *Document) {
			if d.Blocks[0].Text != "Pay & benefits – £40k" {
				t.Errorf("text %q", d.Blocks[0].Text)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseHTML("test.html", tt.html)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %+v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, d)
		})
	}
}

func TestHTMLFixturesAreValidUTF8(t *testing.T) {
	files, _ := filepath.Glob("testdata/html/*.html")
	if len(files) < 4 {
		t.Fatalf("only %d HTML fixtures", len(files))
	}
	for _, f := range files {
		if text := allText(readDoc(t, f)); !utf8.ValidString(text) {
			t.Errorf("%s: invalid UTF-8 in output", f)
		}
	}
}
