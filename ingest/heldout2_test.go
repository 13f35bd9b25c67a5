package ingest

import "testing"

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
