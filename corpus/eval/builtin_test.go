package eval

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestBuiltinSetIsBigAndVaried(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Queries) < 50 {
		t.Errorf("built-in set has %d queries, want at least 50", len(set.Queries))
	}
	notes := strings.Builder{}
	for _, q := range set.Queries {
		notes.WriteString(q.Note + "\n")
	}
	for _, sort := range []string{"acronym", "expansion", "misspel", "singular", "question", "council + topic", "name", "role", "comment", "phrase"} {
		if !strings.Contains(notes.String(), sort) {
			t.Errorf("no query of the sort %q", sort)
		}
	}
}

// Each span must quote exactly one paragraph of its seed file, whatever
// the parser later makes of the paragraphs.
func TestBuiltinSpansQuoteOneSeedParagraph(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	paragraphs := make(map[string][]string)
	blank := regexp.MustCompile(`\n\s*\n`)
	for _, f := range corpus.Files() {
		for _, p := range blank.Split(string(f.Data), -1) {
			paragraphs[path.Base(f.Name)] = append(paragraphs[path.Base(f.Name)], fold(p))
		}
	}
	for _, q := range set.Queries {
		for _, j := range q.Judgements {
			paras, ok := paragraphs[j.Article]
			if !ok {
				t.Errorf("%s: article %q is not a seed file", q.ID, j.Article)
				continue
			}
			n := 0
			for _, p := range paras {
				if strings.Contains(p, fold(j.Span)) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: span %q is in %d paragraphs of %s, want 1", q.ID, j.Span, n, j.Article)
			}
		}
	}
}

// The set must resolve against what the parser really makes of the seeds.
func TestBuiltinResolvesAgainstParsedSeeds(t *testing.T) {
	var articles []*ingest.Article
	for _, f := range corpus.Files() {
		as, err := ingest.Parse(f.Name, f.Data, ingest.Options{})
		if err != nil {
			t.Fatalf("parse %s: %v", f.Name, err)
		}
		articles = append(articles, as...)
	}
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	judged, err := set.Resolve(BuiltinName, articles)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range judged {
		if len(q.Grades) == 0 {
			t.Errorf("%s: no graded passages", q.ID)
		}
	}
}

func TestRecordedBaselineReads(t *testing.T) {
	b, err := Recorded()
	if err != nil {
		t.Fatal(err)
	}
	if b.Mean.NDCG < 0 || b.Mean.NDCG > 1 {
		t.Errorf("recorded nDCG@10 %v is not in [0, 1]", b.Mean.NDCG)
	}
}
