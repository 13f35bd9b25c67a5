package ingest

import "testing"

// TestBoldLabelQuestions reads a bold label without "?" as a question
// only in an interview that asks its other questions in bold; bold
// lead-ins on a careers page stay where they are.
func TestBoldLabelQuestions(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		qa        int
	}{
		{"labels among bold questions", "# Five minutes with Jo Hart\n\nJo Hart is a team manager in Bury.\n\n" +
			"**Your role** I manage a child in need team of eight.\n\n**Why Bury?** It is where I grew up and I know the streets.\n\n" +
			"**What keeps you here?** The people I work with, and a director who answers emails.\n", 3},
		{"bold lead-ins on a careers page", "# Working for Bury\n\nBury Council is recruiting social workers.\n\n" +
			"**Flexible working** is open to every member of the team.\n\n**Pay:** Up to £42,000 for experienced social workers.\n\n" +
			"**Training** We fund a postgraduate certificate for senior practitioners.\n\n**Why Bury?** It is a borough that knows its families.\n", 0},
		{"more labels than questions", "# Our social workers\n\nBury Council is recruiting.\n\n**Your career** Progression is open to all.\n\n" +
			"**Your pay** Salaries rise every year.\n\n**Your wellbeing** Staff have a free counselling line.\n\n" +
			"**What do staff say?** They like the teams.\n\n**Why Bury?** Good schools and cheap houses.\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Parse("a.md", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range arts[0].Passages {
				if p.Kind == KindQA {
					n++
				}
			}
			if n != tt.qa {
				t.Errorf("%d qa passages, want %d", n, tt.qa)
			}
		})
	}
}
