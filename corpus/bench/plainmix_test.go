package bench

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// peerTerm is a bare word or a quoted phrase of a query as the peers'
// harnesses split it.
type peerTerm struct {
	text   string
	phrase bool
}

// peerTerms splits q the way ParseQuery in ../shared/peers/bench/bench.go
// does (the splitter the FTS5 and PostgreSQL harnesses use): a quoted
// phrase, an unbalanced quote running to the end, or a word up to the next
// space, tab or quote.
func peerTerms(q string) []peerTerm {
	var ts []peerTerm
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimSpace(q) {
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			var p string
			if end < 0 {
				p, q = q[1:], ""
			} else {
				p, q = q[1:1+end], q[2+end:]
			}
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				ts = append(ts, peerTerm{p, true})
			}
			continue
		}
		end := strings.IndexAny(q, " \t\"")
		if end < 0 {
			end = len(q)
		}
		ts = append(ts, peerTerm{q[:end], false})
		q = q[end:]
	}
	return ts
}

// wordsOf is the set of lower-case words of texts, split at anything
// that is not a letter.
func wordsOf(texts ...string) map[string]bool {
	set := map[string]bool{}
	for _, t := range texts {
		for _, w := range strings.Fields(strings.ToLower(strings.Map(keepLetters, t))) {
			set[w] = true
		}
	}
	return set
}

// swapsOf reports whether w is v with two neighbouring letters swapped,
// as misspell makes it.
func swapsOf(w string, words map[string]bool) bool {
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ {
		c := slices.Clone(b)
		c[i], c[i+1] = c[i+1], c[i]
		if words[string(c)] {
			return true
		}
	}
	return false
}

// checkPlainQueries checks that every query of qs is one a peer's
// harness splits into the terms we mean, made of the words of texts:
// single words and two-word phrases of letters only, each word in texts
// (misspelt ones a swap of two letters of a word in texts), and never of
// stop words alone.
func checkPlainQueries(t *testing.T, qs []Query, texts []string) {
	t.Helper()
	words := wordsOf(texts...)
	for _, q := range qs {
		terms := peerTerms(q.Text)
		if len(terms) == 0 || strings.ContainsAny(q.Text, "*:#\n") || len(q.Filters) > 0 || q.Collapse != "" {
			t.Errorf("%s query %q is not a plain line of words and phrases", q.Shape, q.Text)
			continue
		}
		meaningful := false
		for _, term := range terms {
			ws := strings.Fields(term.text)
			if term.phrase != (q.Shape == "phrase") || term.phrase && len(ws) != 2 {
				t.Errorf("%s query %q splits into %+v", q.Shape, q.Text, terms)
			}
			for _, w := range ws {
				if !lettersOnly(w) || w != strings.ToLower(w) {
					t.Errorf("%s query %q has the word %q, not lower-case letters", q.Shape, q.Text, w)
				}
				if q.Shape == "misspelt" && !swapsOf(w, words) || q.Shape != "misspelt" && !words[w] {
					t.Errorf("%s query %q: %q is not from the passages", q.Shape, q.Text, w)
				}
				if !englishStopWords[w] && !stopWords[w] && len(w) >= 4 {
					meaningful = true
				}
			}
		}
		if !meaningful {
			t.Errorf("%s query %q has no word the index searches for", q.Shape, q.Text)
		}
	}
}

func TestPlainQueryMix(t *testing.T) {
	var sample []ingest.Passage
	var texts []string
	for _, a := range parsedArticles(t, 3, 30) {
		sample = append(sample, a.Passages...)
		for _, p := range a.Passages {
			texts = append(texts, p.Text)
		}
	}
	mix := PlainQueryMix(sample, 1)
	if again := PlainQueryMix(sample, 1); fmt.Sprint(again) != fmt.Sprint(mix) {
		t.Errorf("the same sample and seed gave different mixes")
	}
	if other := PlainQueryMix(sample, 2); fmt.Sprint(other) == fmt.Sprint(mix) {
		t.Errorf("seeds 1 and 2 gave the same mix")
	}
	count := map[string]int{}
	for _, q := range mix {
		count[q.Shape]++
	}
	for _, s := range plainShapes {
		if count[s.shape] != s.count {
			t.Errorf("%d %s queries, want %d", count[s.shape], s.shape, s.count)
		}
	}
	checkPlainQueries(t, mix, texts)
	if PlainQueryMix(nil, 1) != nil {
		t.Errorf("a mix drawn from no passages is not empty")
	}
}

// TestPlainQueryMixSkipsStopWords draws from passages that are mostly
// stop words of four letters or more, which the built-in mix's shorter
// list lets through: the plain mix must draw only the three real words.
func TestPlainQueryMixSkipsStopWords(t *testing.T) {
	text := "About above after again against because before: being below between both, could during further having " +
		"here itself most myself once only other ought over same should such through under until very would yours " +
		"caseloads, supervision and mentoring."
	sample := make([]ingest.Passage, 20)
	for i := range sample {
		sample[i] = ingest.Passage{ID: fmt.Sprintf("a#%d", i), Text: text}
	}
	mix := PlainQueryMix(sample, 7)
	checkPlainQueries(t, mix, []string{text})
	real := map[string]bool{"caseloads": true, "supervision": true, "mentoring": true}
	for _, q := range mix {
		if q.Shape == "word" || q.Shape == "faceted" {
			if !real[q.Text] {
				t.Errorf("%s query %q is a stop word", q.Shape, q.Text)
			}
		}
	}
}

// TestEnglishStopWordsAreRefused checks the list against the index: each
// word of it, searched alone, is refused as common words only, so the
// plain mix leaves out words the index would refuse and no other.
func TestEnglishStopWordsAreRefused(t *testing.T) {
	idx, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if _, err := idx.Add(t.Context(), parsedArticles(t, 1, 3)); err != nil {
		t.Fatal(err)
	}
	for w := range englishStopWords {
		_, err := idx.Search(t.Context(), index.Request{Query: w})
		if qe := (*index.QueryError)(nil); !errors.As(err, &qe) {
			t.Errorf("searching %q alone gave %v, want it refused as a stop word", w, err)
		}
	}
	if _, err := idx.Search(t.Context(), index.Request{Query: "supervision"}); err != nil {
		t.Errorf("searching a real word: %v", err)
	}
}

func TestWriteQueries(t *testing.T) {
	var out bytes.Buffer
	qs := []Query{{Shape: "word", Text: "supervision"}, {Shape: "phrase", Text: ` "career progression" `}}
	if err := WriteQueries(&out, qs); err != nil {
		t.Fatal(err)
	}
	if want := "supervision\n\"career progression\"\n"; out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
	if back := ParseQueries(out.Bytes()); len(back) != 2 || back[1].Text != `"career progression"` {
		t.Errorf("ParseQueries read back %+v", back)
	}
	for _, q := range []Query{
		{Text: "caseloads", Filters: map[string][]string{"kind": {"qa"}}},
		{Text: "caseloads", Collapse: index.CollapseArticle},
		{Text: "two\nlines"},
		{Text: "# a comment"},
		{Text: "  "},
	} {
		if err := WriteQueries(&bytes.Buffer{}, []Query{q}); err == nil {
			t.Errorf("WriteQueries wrote %+v, which a line of text cannot carry", q)
		}
	}
}

// TestRunExportsQueries runs a bench that exports its passages and
// queries: the queries file holds the 200 queries of the plain mix, drawn
// from the exported passages' words, and the index refuses none of them.
func TestRunExportsQueries(t *testing.T) {
	cfg := quickConfig(30)
	var passages, queries bytes.Buffer
	var progress []string
	cfg.Export, cfg.ExportQueries = &passages, &queries
	cfg.Progress = func(line string) { progress = append(progress, line) }
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(queries.String(), "\n"), "\n")
	if len(lines) != 200 {
		t.Fatalf("exported %d queries, want 200:\n%s", len(lines), queries.String())
	}
	var texts []string
	for _, a := range parsedArticles(t, cfg.Seed, 30) {
		for _, p := range a.Passages {
			texts = append(texts, p.Text)
		}
	}
	// The shapes are not in the file; match each line to the mix the
	// run drew to check it against its shape. With fewer than
	// sampleArticles articles the run samples every passage, sorted by id.
	var sample []ingest.Passage
	for _, a := range parsedArticles(t, cfg.Seed, 30) {
		sample = append(sample, a.Passages...)
	}
	slices.SortFunc(sample, func(x, y ingest.Passage) int { return strings.Compare(x.ID, y.ID) })
	mix := PlainQueryMix(sample, cfg.Seed)
	for i, q := range mix {
		if lines[i] != q.Text {
			t.Fatalf("line %d is %q, the mix's query is %q", i+1, lines[i], q.Text)
		}
	}
	checkPlainQueries(t, mix, texts)
	all := strings.Join(progress, "\n")
	if strings.Contains(all, "refused") {
		t.Errorf("the index refused exported queries:\n%s", all)
	}
	for _, s := range plainShapes {
		if !strings.Contains(all, "  "+s.shape+" ") {
			t.Errorf("no figures for %s queries in the progress:\n%s", s.shape, all)
		}
	}
	if strings.Contains(all, "  prefix ") || strings.Contains(all, "  filtered ") {
		t.Errorf("the run measured queries the file does not hold:\n%s", all)
	}
}
