package eval

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// ErrUnresolved marks a judgement that names no passage, or more than one.
var ErrUnresolved = errors.New("judgement does not name exactly one passage")

// Judged is a query whose judgements are resolved to passage ids.
type Judged struct {
	Query
	// Grades maps passage id to grade. When two judgements of a query land
	// on the same passage (a parser merged two paragraphs), the higher
	// grade counts.
	Grades map[string]int
	// Spans maps passage id to the span that named it ("" when the
	// judgement gave the id), so a report can say what was missed.
	Spans map[string]string
}

// Resolve turns every judgement into a passage id against the parsed
// articles. An article is found by its id or by its source file's name
// (with or without the extension); a span is found in the passage's
// question, text and items, ignoring case, runs of white space and the
// difference between curly and straight quotes. Every judgement that
// names no passage, or several, is reported, each naming its query; name
// is the file named in those errors.
func (s *Set) Resolve(name string, articles []*ingest.Article) ([]Judged, error) {
	keys := articleKeys(articles)
	passages := make(map[string]bool)
	for _, a := range articles {
		for _, p := range a.Passages {
			passages[p.ID] = true
		}
	}
	folded := make(map[*ingest.Article][]string, len(articles))
	for _, a := range articles {
		texts := make([]string, len(a.Passages))
		for i, p := range a.Passages {
			texts[i] = fold(searchableText(p))
		}
		folded[a] = texts
	}

	var errs []error
	judged := make([]Judged, 0, len(s.Queries))
	for _, q := range s.Queries {
		grades := make(map[string]int, len(q.Judgements))
		spans := make(map[string]string, len(q.Judgements))
		for _, j := range q.Judgements {
			id, err := resolveOne(j, keys, passages, folded)
			if err != nil {
				errs = append(errs, &FileError{File: name, Query: q.ID, Err: err})
				continue
			}
			if g, ok := grades[id]; !ok || j.Grade > g {
				grades[id], spans[id] = j.Grade, j.Span
			}
		}
		judged = append(judged, Judged{Query: q, Grades: grades, Spans: spans})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return judged, nil
}

func resolveOne(j Judgement, keys map[string][]*ingest.Article, passages map[string]bool, folded map[*ingest.Article][]string) (string, error) {
	if j.Passage != "" {
		if !passages[j.Passage] {
			return "", fmt.Errorf("%w: passage %q is not in the index", ErrUnresolved, j.Passage)
		}
		return j.Passage, nil
	}
	matches := keys[strings.ToLower(strings.TrimSpace(j.Article))]
	if len(matches) == 0 {
		matches = keys[articleKey(j.Article)]
	}
	switch {
	case len(matches) == 0:
		return "", fmt.Errorf("%w: no article %q (give a source file name or an article id)", ErrUnresolved, j.Article)
	case len(matches) > 1:
		return "", fmt.Errorf("%w: %q names %d articles; use the article id", ErrUnresolved, j.Article, len(matches))
	}
	a := matches[0]
	span := fold(j.Span)
	var found []string
	for i, text := range folded[a] {
		if strings.Contains(text, span) {
			found = append(found, a.Passages[i].ID)
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%w: span %q matches no passage of %s", ErrUnresolved, j.Span, a.ID)
	case 1:
		return found[0], nil
	default:
		return "", fmt.Errorf("%w: span %q matches %d passages of %s (%s); quote more of one", ErrUnresolved, j.Span, len(found), a.ID, strings.Join(found, ", "))
	}
}

// articleKeys indexes articles by id and by source file name. A source
// holding several articles (JSON lines) maps its name to all of them.
func articleKeys(articles []*ingest.Article) map[string][]*ingest.Article {
	keys := make(map[string][]*ingest.Article)
	add := func(key string, a *ingest.Article) {
		if key == "" || key == "." {
			return
		}
		for _, b := range keys[key] {
			if b == a {
				return
			}
		}
		keys[key] = append(keys[key], a)
	}
	for _, a := range articles {
		add(strings.ToLower(a.ID), a)
		if a.Source != "" {
			base := strings.ToLower(path.Base(strings.ReplaceAll(a.Source, `\`, "/")))
			add(base, a)
			add(articleKey(base), a)
		}
	}
	return keys
}

// articleKey is the comparable form of a file reference: the base name
// without extension, lower-cased.
func articleKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = path.Base(strings.ReplaceAll(s, `\`, "/"))
	return strings.TrimSuffix(s, path.Ext(s))
}

func searchableText(p ingest.Passage) string {
	parts := make([]string, 0, 2+len(p.Items))
	parts = append(parts, p.Question, p.Text)
	parts = append(parts, p.Items...)
	return strings.Join(parts, "\n")
}

var typography = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\u2026", "...", "\u00a0", " ",
)

// fold lower-cases s, straightens quotes and dashes and collapses white
// space, so a span typed on an ordinary keyboard matches the typeset text.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(typography.Replace(s))), " ")
}
