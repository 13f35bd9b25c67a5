package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/recruitsearch/recruitsearch/corpus"
)

// furnitureMarkers must never appear in any passage of any corpus article.
var furnitureMarkers = []string{
	"Comments are closed", "More from Community Care", "View our current vacancies",
	"Child-with-toy", "lady-and-girl", "Responses to", "Employer Zone", "Workforce Insights",
	"sponsored feature from", "feature sponsored by", "(Credit:",
}

// checkStructure checks what must hold for any article from any input:
// ids unique and in order, no empty passage, valid UTF-8 everywhere,
// nothing indexed twice.
func checkStructure(tb testing.TB, a *Article) {
	tb.Helper()
	if a.ID == "" || len(a.ID) > maxSlugLen || strings.Trim(a.ID, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		tb.Errorf("article id %q is not a slug of at most %d characters", a.ID, maxSlugLen)
	}
	if len(a.Passages) == 0 {
		tb.Errorf("%s: no passages", a.ID)
	}
	seen := map[string]int{}
	for i, p := range a.Passages {
		if p.Ordinal != i+1 || p.ID != fmt.Sprintf("%s#%d", a.ID, i+1) || p.ArticleID != a.ID {
			tb.Errorf("passage %d has id %q ordinal %d article %q", i, p.ID, p.Ordinal, p.ArticleID)
		}
		if strings.TrimSpace(p.Text) == "" {
			tb.Errorf("%s is empty", p.ID)
		}
		for _, s := range append([]string{p.Text, p.Question, p.Heading, p.Speaker, p.Role, p.Date}, p.Items...) {
			if !utf8.ValidString(s) {
				tb.Errorf("%s holds invalid UTF-8: %q", p.ID, s)
			}
		}
		if p.Kind == KindList && len(p.Items) == 0 {
			tb.Errorf("%s is a list with no items", p.ID)
		}
		if p.Kind == KindQA && p.Question == "" {
			tb.Errorf("%s is a qa passage with no question", p.ID)
		}
		// Two readers may post the same words; they are two comments.
		key := normKey(p.Question + " " + p.Text + " " + p.Date + " " + p.Speaker)
		if j, dup := seen[key]; dup {
			tb.Errorf("%s repeats %s: %q", p.ID, a.Passages[j].ID, p.Text)
		}
		seen[key] = i
	}
	for _, s := range []string{a.Title, a.Standfirst, a.Council, a.Banner, a.Column} {
		if !utf8.ValidString(s) {
			tb.Errorf("%s: article field holds invalid UTF-8: %q", a.ID, s)
		}
	}
}

// checkNoRepeats checks that no passage's words all appear in another
// passage (an unfolded pull quote would index them twice).
func checkNoRepeats(tb testing.TB, a *Article) {
	tb.Helper()
	seen := map[string]int{}
	for i, p := range a.Passages {
		seen[normKey(p.Question+" "+p.Text)] = i
	}
	for key, i := range seen {
		if len(strings.Fields(key)) < 5 {
			continue
		}
		for other, j := range seen {
			if i != j && strings.Contains(other, key) {
				tb.Errorf("%s is repeated inside %s", a.Passages[i].ID, a.Passages[j].ID)
			}
		}
	}
}

// sentences splits a line of prose into sentences: a stop followed by a
// space and a capital letter or an opening quotation mark.
func sentences(line string) []string {
	var out []string
	start := 0
	for i, r := range line {
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		rest := strings.TrimLeft(line[i+utf8.RuneLen(r):], "”’\"')")
		trimmed := strings.TrimLeft(rest, " ")
		if len(trimmed) == len(rest) || trimmed == "" {
			continue
		}
		next, _ := utf8.DecodeRuneInString(trimmed)
		if unicode.IsUpper(next) || startsWithQuote(trimmed) {
			out = append(out, line[start:len(line)-len(trimmed)])
			start = len(line) - len(trimmed)
		}
	}
	return append(out, line[start:])
}

// checkSentences checks that every sentence of the source's body lands in
// exactly one passage. The body is every line that ends as a sentence does
// and is neither the title nor furniture.
func checkSentences(tb testing.TB, a *Article, source string) {
	tb.Helper()
	keys := make([]string, len(a.Passages))
	for i, p := range a.Passages {
		keys[i] = normKey(p.Question + " " + p.Text)
	}
	for _, line := range strings.Split(cleanText(source), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if m := bulletRe.FindStringSubmatch(line); m != nil && m[1] != "" {
			line = m[1]
		}
		if line == "" || line == a.Title || normKey(line) == normKey(a.Title) || !endsSentence(line) || isFurniture(line) || commentAuthorRe.MatchString(line) {
			continue
		}
		for _, s := range sentences(line) {
			// Interview markers are layout, not words of the body.
			s = answerPrefixRe.ReplaceAllString(qaPrefixRe.ReplaceAllString(s, ""), "")
			if strings.HasSuffix(strings.TrimSpace(s), "?") {
				s = initialsPrefixRe.ReplaceAllString(s, "") // "Community Care: Why …?"
			}
			s = stripTurnTimestamp(s) // "[00:01:13] Amira Hassan: …"
			if _, rest := answerLabel(s); rest != s {
				s = rest // "Femi Adeyemi: I had …"
			}
			key := normKey(s)
			if key == "" {
				continue
			}
			var in []string
			for i, k := range keys {
				if strings.Contains(" "+k+" ", " "+key+" ") {
					in = append(in, a.Passages[i].ID)
				}
			}
			// A sentence of three words or fewer may recur by chance.
			if len(in) == 0 || (len(in) > 1 && len(strings.Fields(key)) > 3) {
				tb.Errorf("sentence %q is in %d passages %v, want exactly one", s, len(in), in)
			}
		}
	}
}

// TestCorpusInvariants checks DESIGN.md's invariants on every corpus file.
func TestCorpusInvariants(t *testing.T) {
	for _, f := range corpus.Files() {
		t.Run(f.Name, func(t *testing.T) {
			a := buildText(t, f.Name, string(f.Data))
			checkStructure(t, a)
			checkNoRepeats(t, a)
			checkSentences(t, a, string(f.Data))
			for _, p := range a.Passages {
				for _, m := range furnitureMarkers {
					if strings.Contains(p.Text+p.Question+strings.Join(p.Items, " "), m) {
						t.Errorf("%s contains furniture %q", p.ID, m)
					}
				}
			}
		})
	}
}
