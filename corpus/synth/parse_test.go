package synth

import (
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// TestParsedArticlesMatchThePlan renders articles in every format, parses
// them with ingest.Parse and checks what a user of the index would see:
// the sponsor, the interview answers and their speaker, the quotes and
// who said them, lists, comments with their authors and dates, no page
// furniture, and every sentence in exactly one passage.
func TestParsedArticlesMatchThePlan(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			g := New(5)
			for i := range 40 {
				a := g.Article(i)
				arts, err := ingest.Parse(a.Name(f), render(t, a, f), ingest.Options{})
				if err != nil {
					t.Fatalf("article %d: %v", i, err)
				}
				if len(arts) != 1 {
					t.Fatalf("article %d parsed into %d articles, want 1", i, len(arts))
				}
				checkParsed(t, a, f, arts[0])
			}
		})
	}
}

func checkParsed(t *testing.T, want *Article, f ingest.Format, got *ingest.Article) {
	t.Helper()
	name := want.Name(f)
	if got.Title != want.Title {
		t.Errorf("%s: title %q, want %q", name, got.Title, want.Title)
	}
	if got.Council != want.Council.Name {
		t.Errorf("%s: council %q, want the sponsor %q", name, got.Council, want.Council.Name)
	}

	byKind := map[ingest.Kind][]ingest.Passage{}
	for _, p := range got.Passages {
		byKind[p.Kind] = append(byKind[p.Kind], p)
		for _, furniture := range []string{"A sponsored feature from", "A feature sponsored by", "View our current vacancies", "Responses to", "Comments are closed", "60 seconds with"} {
			if strings.Contains(passageText(p), furniture) {
				t.Errorf("%s: passage %s holds page furniture %q: %q", name, p.ID, furniture, passageText(p))
			}
		}
	}
	planned := map[ingest.Kind][]Part{}
	for _, p := range want.Passages(f) {
		planned[p.Passage] = append(planned[p.Passage], p)
	}
	for _, k := range []ingest.Kind{ingest.KindQA, ingest.KindList, ingest.KindComment} {
		if len(byKind[k]) != len(planned[k]) {
			t.Errorf("%s: %d %s passages, want %d", name, len(byKind[k]), k, len(planned[k]))
		}
	}
	for i, p := range byKind[ingest.KindQA] {
		if i >= len(planned[ingest.KindQA]) {
			break
		}
		w := planned[ingest.KindQA][i]
		if p.Question != w.Question || p.Speaker != w.Speaker || p.Role != ingest.NormalizeRole(w.Role) {
			t.Errorf("%s: answer %d is %q by %q (%s), want %q by %q (%s)", name, i+1,
				p.Question, p.Speaker, p.Role, w.Question, w.Speaker, ingest.NormalizeRole(w.Role))
		}
	}
	for i, p := range byKind[ingest.KindComment] {
		if i >= len(planned[ingest.KindComment]) {
			break
		}
		w := planned[ingest.KindComment][i]
		if p.Speaker != w.Speaker || p.Date != w.Date {
			t.Errorf("%s: comment %d by %q on %s, want by %q on %s", name, i+1, p.Speaker, p.Date, w.Speaker, w.Date)
		}
	}
	// Each planned quotation is a quote passage naming its speaker.
	for _, w := range planned[ingest.KindQuote] {
		needle := strings.TrimRight(w.Sentences[0], ".?!")
		found := false
		for _, p := range got.Passages {
			if !strings.Contains(p.Text, needle) {
				continue
			}
			found = true
			if p.Kind != ingest.KindQuote || p.Speaker != w.Speaker {
				t.Errorf("%s: %q is a %s passage by %q, want a quote by %q", name, needle, p.Kind, p.Speaker, w.Speaker)
			}
		}
		if !found {
			t.Errorf("%s: quotation %q is in no passage", name, needle)
		}
	}
	// Every sentence of the body lands in exactly one passage (a pull
	// quote repeating an answer is not indexed again).
	// A sentence may also occur inside a longer one, so the count wanted is
	// its occurrences in all the planned sentences.
	var sentences []string
	for _, p := range want.Passages(f) {
		sentences = append(sentences, p.Sentences...)
	}
	for _, s := range sentences {
		needle := strings.TrimRight(s, ".?!")
		wantN, gotN := 0, 0
		for _, other := range sentences {
			wantN += strings.Count(other, needle)
		}
		for _, p := range got.Passages {
			gotN += strings.Count(passageText(p), needle)
		}
		if gotN != wantN {
			t.Errorf("%s: sentence %q occurs %d times in the passages, want %d", name, needle, gotN, wantN)
		}
	}
}

// passageText is everything a passage shows: its question, its text and
// the list items the text does not already hold.
func passageText(p ingest.Passage) string {
	s := p.Question + "\n" + p.Text
	for _, it := range p.Items {
		if !strings.Contains(p.Text, it) {
			s += "\n" + it
		}
	}
	return s
}
