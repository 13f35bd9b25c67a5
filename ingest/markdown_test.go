package ingest

import (
	"slices"
	"strings"
	"testing"
)

func TestMarkdownFrontMatter(t *testing.T) {
	doc := readDoc(t, "testdata/markdown/front_matter.md")
	if doc.Title != "Sixty seconds with a Wrexham practice educator" || doc.Sponsor != "Wrexham County Borough Council" ||
		doc.Published != "2022-10-30" || doc.URL != "https://example.org/wrexham-practice-educator" {
		t.Errorf("metadata %q %q %q %q", doc.Title, doc.Sponsor, doc.Published, doc.URL)
	}
	if h := texts(blocksOf(doc, BlockHeading)); !slices.Equal(h, []string{"Why did you become a practice educator?", "What makes a good placement?"}) {
		t.Errorf("headings %q (the H1 repeats the title and is not a heading)", h)
	}
	q := blocksOf(doc, BlockQuote)
	if len(q) != 1 || q[0].Text != "“Students need real cases, real feedback and someone who answers the phone.”\nThat is the whole of it, really." {
		t.Errorf("quote %q", texts(q))
	}
	l := blocksOf(doc, BlockList)
	want := []string{"shadowing on duty in the first fortnight", "a small, allocated caseload by week four", "weekly supervision with the practice educator", "a reflective log reviewed each month"}
	if len(l) != 1 || !slices.Equal(l[0].Items, want) {
		t.Errorf("list %+v", l)
	}
	paras := texts(blocksOf(doc, BlockParagraph))
	if last := paras[len(paras)-1]; last != "Apply through the council's careers site & mention this article *if* you like." {
		t.Errorf("entities and escapes: %q", last)
	}
	if strings.Contains(allText(doc), "rhys.jpg") || strings.Contains(allText(doc), "Rhys with students") {
		t.Error("an image reached the document")
	}
}

func TestMarkdownSetextHeadingAndHardBreak(t *testing.T) {
	doc := readDoc(t, "testdata/markdown/no_front_matter.markdown")
	if doc.Title != "Career progression in Fife" {
		t.Errorf("title %q", doc.Title)
	}
	paras := texts(blocksOf(doc, BlockParagraph))
	if len(paras) != 3 || paras[1] != "Social workers can now move to a senior practitioner post after two years,\nwith a panel instead of a competitive interview." {
		t.Errorf("paragraphs %q", paras)
	}
	if h := blocksOf(doc, BlockHeading); len(h) != 1 || h[0].Level != 3 {
		t.Errorf("headings %+v", h)
	}
	if l := blocksOf(doc, BlockList); len(l) != 1 || !slices.Equal(l[0].Items, []string{"social worker", "senior practitioner", "team leader"}) {
		t.Errorf("list %+v", l)
	}
}

func TestMarkdownEdgeCases(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		wantErr   bool
		want      []string
	}{
		{"front matter only", "---\ntitle: x\n---\n", true, nil},
		{"unclosed front matter is text", "---\ntitle: x\n\nBody", false, []string{"title: x", "Body"}},
		{"raw html block", "<div class=\"intro\">Hello <b>there</b></div>\n\nNext.", false, []string{"Hello there", "Next."}},
		{"image only", "![alt](x.png)", true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseMarkdown("t.md", tt.src)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %+v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(d.Blocks); !slices.Equal(got, tt.want) {
				t.Errorf("blocks %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMarkdownTable reads a GFM table as a list, one item per row: "Key:
// value" for a table of two columns (an "at a glance" box), else each
// cell after its column's header. The table's pipes and rule never reach
// the text.
func TestMarkdownTable(t *testing.T) {
	src := "# Client spotlight\n\nHere is our guide to working there.\n\n" +
		"| | |\n|---|---|\n| **Employer** | Hertfordshire County Council |\n| **Ofsted** | Good (2023) |\n| **Typical caseload** | 14–18 children |\n\n" +
		"| Team | Base | Caseload |\n|---|---|---|\n| Assessment | Stevenage | 16 |\n| Children in care | Watford | 14 |\n\nMore text.\n"
	doc, err := parseMarkdown("t.md", src)
	if err != nil {
		t.Fatal(err)
	}
	lists := blocksOf(doc, BlockList)
	if len(lists) != 2 {
		t.Fatalf("%d lists, want 2: %+v", len(lists), doc.Blocks)
	}
	want := [][]string{
		{"Employer: Hertfordshire County Council", "Ofsted: Good (2023)", "Typical caseload: 14–18 children"},
		{"Team: Assessment; Base: Stevenage; Caseload: 16", "Team: Children in care; Base: Watford; Caseload: 14"},
	}
	for i, l := range lists {
		if !slices.Equal(l.Items, want[i]) {
			t.Errorf("table %d: %q, want %q", i+1, l.Items, want[i])
		}
	}
	if strings.Contains(allText(doc), "|") {
		t.Errorf("pipes in the text: %q", allText(doc))
	}
}
