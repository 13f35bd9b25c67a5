package server

import (
	"context"
	"errors"
	"html"
	"slices"
	"sort"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// fakeSearcher is a Searcher made of function fields; a nil field fails
// loudly so a test cannot pass by accident.
type fakeSearcher struct {
	SearchFunc   func(ctx context.Context, req index.Request) (*index.Result, error)
	ArticlesFunc func(ctx context.Context) ([]index.ArticleSummary, error)
	ArticleFunc  func(ctx context.Context, id string) (*ingest.Article, error)
	PassageFunc  func(ctx context.Context, id string) (*index.PassageContext, error)
	FacetsFunc   func(ctx context.Context) (map[string][]index.FacetValue, error)
	SuggestFunc  func(ctx context.Context, prefix string, n int) ([]index.Suggestion, error)
	StatsFunc    func(ctx context.Context) (*index.Stats, error)
	// CouncilTopicsFunc answers CouncilTopics.
	CouncilTopicsFunc func(ctx context.Context) ([]index.CouncilTopicRow, error)
}

var errFakeUnset = errors.New("fake: method not set")

func (f *fakeSearcher) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	if f.SearchFunc == nil {
		return nil, errFakeUnset
	}
	return f.SearchFunc(ctx, req)
}

func (f *fakeSearcher) Articles(ctx context.Context) ([]index.ArticleSummary, error) {
	if f.ArticlesFunc == nil {
		return nil, errFakeUnset
	}
	return f.ArticlesFunc(ctx)
}

func (f *fakeSearcher) Article(ctx context.Context, id string) (*ingest.Article, error) {
	if f.ArticleFunc == nil {
		return nil, errFakeUnset
	}
	return f.ArticleFunc(ctx, id)
}

func (f *fakeSearcher) Passage(ctx context.Context, id string) (*index.PassageContext, error) {
	if f.PassageFunc == nil {
		return nil, errFakeUnset
	}
	return f.PassageFunc(ctx, id)
}

func (f *fakeSearcher) Facets(ctx context.Context) (map[string][]index.FacetValue, error) {
	if f.FacetsFunc == nil {
		return nil, errFakeUnset
	}
	return f.FacetsFunc(ctx)
}

func (f *fakeSearcher) Suggest(ctx context.Context, prefix string, n int) ([]index.Suggestion, error) {
	if f.SuggestFunc == nil {
		return nil, errFakeUnset
	}
	return f.SuggestFunc(ctx, prefix, n)
}

func (f *fakeSearcher) Stats(ctx context.Context) (*index.Stats, error) {
	if f.StatsFunc == nil {
		return nil, errFakeUnset
	}
	return f.StatsFunc(ctx)
}

func (f *fakeSearcher) CouncilTopics(ctx context.Context) ([]index.CouncilTopicRow, error) {
	if f.CouncilTopicsFunc == nil {
		return nil, errFakeUnset
	}
	return f.CouncilTopicsFunc(ctx)
}

// fakeWriter is a Writer made of function fields.
type fakeWriter struct {
	IngestFunc  func(ctx context.Context, name string, data []byte) (index.AddReport, error)
	DeleteFunc  func(ctx context.Context, articleID string) error
	RebuildFunc func(ctx context.Context) error
}

func (f *fakeWriter) Ingest(ctx context.Context, name string, data []byte) (index.AddReport, error) {
	if f.IngestFunc == nil {
		return index.AddReport{}, errFakeUnset
	}
	return f.IngestFunc(ctx, name, data)
}

func (f *fakeWriter) Delete(ctx context.Context, id string) error {
	if f.DeleteFunc == nil {
		return errFakeUnset
	}
	return f.DeleteFunc(ctx, id)
}

func (f *fakeWriter) Rebuild(ctx context.Context) error {
	if f.RebuildFunc == nil {
		return errFakeUnset
	}
	return f.RebuildFunc(ctx)
}

// memSearcher wires a fakeSearcher to a few articles held in memory with a
// deliberately naive search (every query word as a case-insensitive
// substring), enough for the pages to show real hits, highlights, facets
// and counts. Relevance is not what these tests check.
func memSearcher(articles ...*ingest.Article) *fakeSearcher {
	byID := map[string]*ingest.Article{}
	var passages []ingest.Passage
	for _, a := range articles {
		byID[a.ID] = a
		passages = append(passages, a.Passages...)
	}
	facetsOf := func(ps []ingest.Passage) map[string][]index.FacetValue {
		counts := map[string]map[string]int{"council": {}, "topic": {}, "kind": {}, "speaker": {}}
		for _, p := range ps {
			counts["council"][p.Council]++
			counts["kind"][string(p.Kind)]++
			if p.Speaker != "" {
				counts["speaker"][p.Speaker]++
			}
			for _, t := range p.Topics {
				counts["topic"][t]++
			}
		}
		out := map[string][]index.FacetValue{}
		for name, m := range counts {
			out[name] = []index.FacetValue{}
			for v, n := range m {
				out[name] = append(out[name], index.FacetValue{Value: v, Count: n})
			}
			sort.Slice(out[name], func(i, j int) bool {
				a, b := out[name][i], out[name][j]
				return a.Count > b.Count || a.Count == b.Count && a.Value < b.Value
			})
		}
		return out
	}
	in := func(vs []string, v string) bool { return len(vs) == 0 || slices.Contains(vs, v) }
	anyIn := func(vs, have []string) bool {
		if len(vs) == 0 {
			return true
		}
		for _, h := range have {
			if slices.Contains(vs, h) {
				return true
			}
		}
		return false
	}
	return &fakeSearcher{
		SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
			words := strings.Fields(strings.ToLower(req.Query))
			var matched []ingest.Passage
			for _, p := range passages {
				text := strings.ToLower(p.Question + " " + p.Text)
				ok := in(req.Councils, p.Council) && in(req.Kinds, string(p.Kind)) &&
					in(req.Speakers, p.Speaker) && anyIn(req.Topics, p.Topics)
				for _, w := range words {
					ok = ok && strings.Contains(text, w)
				}
				if ok {
					matched = append(matched, p)
				}
			}
			size := req.Size
			if size == 0 {
				size = 10
			}
			res := &index.Result{Query: req.Query, Total: uint64(len(matched)), Hits: []index.Hit{}, Facets: facetsOf(matched)}
			for i := req.From; i < len(matched) && i < req.From+size; i++ {
				p := matched[i]
				res.Hits = append(res.Hits, index.Hit{
					ID: p.ID, ArticleID: p.ArticleID, ArticleTitle: p.ArticleTitle, Council: p.Council,
					Kind: string(p.Kind), Heading: p.Heading, Speaker: p.Speaker, Role: p.Role,
					Question: p.Question, Text: p.Text, Topics: p.Topics, Score: 1,
					Highlights: []string{markWords(p.Text, words)},
				})
			}
			return res, nil
		},
		ArticlesFunc: func(ctx context.Context) ([]index.ArticleSummary, error) {
			var out []index.ArticleSummary
			for _, a := range articles {
				out = append(out, index.ArticleSummary{ID: a.ID, Title: a.Title, Council: a.Council, Published: a.Published, Passages: len(a.Passages)})
			}
			return out, nil
		},
		ArticleFunc: func(ctx context.Context, id string) (*ingest.Article, error) {
			if a, ok := byID[id]; ok {
				return a, nil
			}
			return nil, index.ErrNotFound
		},
		PassageFunc: func(ctx context.Context, id string) (*index.PassageContext, error) {
			for i, p := range passages {
				if p.ID != id {
					continue
				}
				pc := &index.PassageContext{Passage: p}
				if i > 0 && passages[i-1].ArticleID == p.ArticleID {
					pc.Previous = &passages[i-1]
				}
				if i+1 < len(passages) && passages[i+1].ArticleID == p.ArticleID {
					pc.Next = &passages[i+1]
				}
				return pc, nil
			}
			return nil, index.ErrNotFound
		},
		FacetsFunc: func(ctx context.Context) (map[string][]index.FacetValue, error) {
			return facetsOf(passages), nil
		},
		SuggestFunc: func(ctx context.Context, prefix string, n int) ([]index.Suggestion, error) {
			prefix = strings.ToLower(prefix)
			seen := map[string]bool{}
			out := []index.Suggestion{}
			add := func(text, kind string) {
				if len(out) < n && !seen[text] && strings.HasPrefix(strings.ToLower(text), prefix) {
					seen[text] = true
					out = append(out, index.Suggestion{Text: text, Kind: kind, Count: 1})
				}
			}
			for _, a := range articles {
				add(a.Council, "council")
			}
			for _, p := range passages {
				add(p.Speaker, "speaker")
				for _, w := range strings.Fields(p.Text) {
					add(strings.ToLower(strings.Trim(w, ".,;:!?“”\"'()")), "term")
				}
			}
			return out, nil
		},
		StatsFunc: func(ctx context.Context) (*index.Stats, error) {
			f := facetsOf(passages)
			return &index.Stats{Articles: len(articles), Passages: len(passages), Councils: f["council"], Topics: f["topic"]}, nil
		},
		CouncilTopicsFunc: func(ctx context.Context) ([]index.CouncilTopicRow, error) {
			var rows []index.CouncilTopicRow
			for _, c := range facetsOf(passages)["council"] {
				var of []ingest.Passage
				for _, p := range passages {
					if p.Council == c.Value {
						of = append(of, p)
					}
				}
				rows = append(rows, index.CouncilTopicRow{Council: c.Value, Total: c.Count, Topics: facetsOf(of)["topic"]})
			}
			return rows, nil
		},
	}
}

// markWords escapes text and wraps each occurrence of a word in <mark>,
// as the index's highlighter does.
func markWords(text string, words []string) string {
	escaped := html.EscapeString(text)
	for _, w := range words {
		w = html.EscapeString(w)
		lower := strings.ToLower(escaped)
		var b strings.Builder
		i := 0
		for {
			j := strings.Index(lower[i:], w)
			if j < 0 || w == "" {
				b.WriteString(escaped[i:])
				break
			}
			b.WriteString(escaped[i : i+j])
			b.WriteString("<mark>" + escaped[i+j:i+j+len(w)] + "</mark>")
			i += j + len(w)
		}
		escaped = b.String()
	}
	return escaped
}
