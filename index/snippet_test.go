package index

import (
	"context"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSnippets checks the highlights people read on the seed corpus
// (issue 13): whole sentences, figures kept whole, a list's items
// separated with the matched item marked once, a Q&A's question apart.
func TestSnippets(t *testing.T) {
	ix := seedCorpus(t)
	hit := func(t *testing.T, query, id string) Hit {
		t.Helper()
		res, err := ix.Search(context.Background(), Request{Query: query, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if h.ID == id {
				return h
			}
		}
		t.Fatalf("%q: no hit %s", query, id)
		return Hit{}
	}
	t.Run("a figure is never cut off", func(t *testing.T) {
		h := hit(t, "caseloads Medway", "how-this-council-supports-social-workers-to-take-pride-in#6")
		if len(h.Highlights) != 1 || !strings.Contains(h.Highlights[0], "an average of 17 cases and a maximum of 20.") {
			t.Errorf("highlights %q: want the sentence with both figures", h.Highlights)
		}
	})
	t.Run("list items separated, the matched one marked once", func(t *testing.T) {
		h := hit(t, "supervision Kent", "social-work-contract-lays-the-foundations-for-an-outstanding#4")
		all := strings.Join(h.Highlights, "\n")
		if len(h.Highlights) != 1 || strings.Count(all, "<mark>") != 1 ||
			!strings.Contains(all, "priorities: Professional leadership · Effective <mark>supervision</mark> · Quality management") {
			t.Errorf("highlights %q: want one, the items separated and supervision marked once", h.Highlights)
		}
	})
	t.Run("a Q&A shows its question once", func(t *testing.T) {
		h := hit(t, "support on tap", "in-a-good-place-what-is-it-like-to-be-a-social-worker-in#3")
		for _, hl := range h.Highlights {
			if strings.Contains(hl, "on tap") {
				t.Errorf("highlight %q repeats the question", hl)
			}
		}
		if h.QuestionHighlight != "How does having that <mark>support</mark> on <mark>tap</mark> help?" {
			t.Errorf("question highlight %q", h.QuestionHighlight)
		}
	})
	t.Run("whole sentences", func(t *testing.T) {
		for _, q := range []string{"caseloads", "supervision", "Ofsted", "pods", "career progression"} {
			res, err := ix.Search(context.Background(), Request{Query: q, Size: 20})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				for _, hl := range h.Highlights {
					if h.Kind != "list" && !wholeSentences(hl) {
						t.Errorf("%q: hit %s highlight %q does not begin and end with a sentence", q, h.ID, hl)
					}
				}
			}
		}
	})
}

// wholeSentences reports whether a highlight that leaves text out starts
// a sentence after its ellipsis and ends one before it, unless it is a
// part of one sentence too long to show whole.
func wholeSentences(hl string) bool {
	plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hl)
	if len(sentences(strings.Trim(plain, ellipsis), false)) == 1 && utf8.RuneCountInString(plain) >= snippetRunes*3/4 {
		return true
	}
	if rest, cut := strings.CutPrefix(plain, ellipsis); cut {
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsUpper(r) && r != '“' && r != '‘' && !unicode.IsDigit(r) {
			return false
		}
	}
	if rest, cut := strings.CutSuffix(plain, ellipsis); cut {
		r, _ := utf8.DecodeLastRuneInString(rest)
		if !strings.ContainsRune(".?!”’\")", r) {
			return false
		}
	}
	return true
}

func TestCutSentence(t *testing.T) {
	text := strings.Repeat("lead ", 30) + "match " + strings.Repeat("word ", 35) + "a maximum of 20 cases " + strings.Repeat("tail ", 20)
	at := strings.Index(text, "match")
	from, to := cutSentence(text, [2]int{0, len(text)}, []matchSpan{{at, at + 5, "match"}})
	shown := text[from:to]
	if !strings.Contains(shown, "match") {
		t.Fatalf("cut %q lost the match", shown)
	}
	if strings.HasSuffix(strings.TrimSpace(shown), "of") {
		t.Errorf("cut %q ends before the figure", shown)
	}
	if from > 0 && text[from-1] != ' ' || to < len(text) && text[to] != ' ' {
		t.Errorf("cut [%d, %d) splits a word: %q", from, to, shown)
	}
}
