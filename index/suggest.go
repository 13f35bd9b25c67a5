package index

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Suggestion limits.
const (
	DefaultSuggestions = 8
	MaxSuggestions     = 50
	// maxSuggestTerms bounds the dictionary terms read for one keystroke.
	maxSuggestTerms = 20000
)

// Suggest completes a partly typed query: councils, speakers and topics
// whose name has a word starting with the last word typed, then words of
// the index starting with it, most used first. Earlier words of prefix
// are kept in front of each completion.
func (ix *Index) Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error) {
	if n <= 0 {
		n = DefaultSuggestions
	}
	n = min(n, MaxSuggestions)
	prefix = cleanQuery(prefix)
	if utf8.RuneCountInString(prefix) > MaxQueryChars {
		return nil, &QueryError{Message: "prefix is too long to complete"}
	}
	lead, last := splitLastWord(prefix)
	out := []Suggestion{}
	if last == "" {
		return out, nil
	}
	lower := strings.ToLower(last)
	err := ix.read(func() error {
		var names []Suggestion
		for _, f := range []struct{ field, kind string }{{fieldCouncil, "council"}, {fieldSpeaker, "speaker"}} {
			for _, fv := range ix.keywordValues(ctx, f.field) {
				if wordStarts(fv.Value, lower) {
					names = append(names, Suggestion{Text: fv.Value, Kind: f.kind, Count: fv.Count})
				}
			}
		}
		topicCounts := map[string]int{}
		for _, fv := range ix.keywordValues(ctx, fieldTopic) {
			topicCounts[fv.Value] = fv.Count
		}
		for _, t := range ingest.Topics() {
			if c := topicCounts[t.ID]; c > 0 && (wordStarts(t.Label, lower) || strings.HasPrefix(t.ID, lower)) {
				names = append(names, Suggestion{Text: t.Label, Kind: "topic", Count: c, Apply: `topic:"` + t.Label + `"`})
			}
		}
		byCount(names)
		out = append(out, names...)

		terms, err := ix.termCompletions(lower)
		if err != nil {
			return err
		}
		if strings.TrimSpace(lead) != "" {
			// "signs of saf": keep the completions that make a phrase
			// the index holds, counted as phrases.
			terms, err = ix.phraseCompletions(ctx, lead, terms[:min(len(terms), maxPhraseChecks)])
			if err != nil {
				return err
			}
		}
		for _, t := range terms {
			t.Text = lead + t.Text
			out = append(out, t)
		}
		return ctx.Err()
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, err
}

// maxPhraseChecks bounds the phrase searches one completion may run.
const maxPhraseChecks = 10

// phraseCompletions counts the passages holding lead followed by each
// completion and keeps those that occur, most frequent first.
func (ix *Index) phraseCompletions(ctx context.Context, lead string, terms []Suggestion) ([]Suggestion, error) {
	var out []Suggestion
	for _, t := range terms {
		q := newLiteralPhrase(lead+t.Text, fieldText)
		res, err := ix.alias.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, Suggestion{Text: t.Text, Kind: t.Kind, Count: int(res.Total)})
		}
	}
	byCount(out)
	return out, nil
}

// termCompletions lists the words of the index starting with prefix,
// most used first.
func (ix *Index) termCompletions(prefix string) ([]Suggestion, error) {
	toks := analyzeTerms(ix.wordsAnalyzer, prefix)
	if len(toks) != 1 {
		return nil, nil
	}
	dict, err := ix.alias.FieldDictPrefix(fieldWords, []byte(toks[0]))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var out []Suggestion
	for i := 0; i < maxSuggestTerms; i++ {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		if e.Count > 0 {
			out = append(out, Suggestion{Text: e.Term, Kind: "term", Count: int(e.Count)})
		}
	}
	byCount(out)
	return out, nil
}

func byCount(s []Suggestion) {
	slices.SortStableFunc(s, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
	})
}

// splitLastWord splits "signs of saf" into "signs of " and "saf".
func splitLastWord(s string) (string, string) {
	i := strings.LastIndexAny(s, " \t\n\"")
	return s[:i+1], s[i+1:]
}

// wordStarts reports whether any word of name starts with lowerPrefix.
func wordStarts(name, lowerPrefix string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if strings.HasPrefix(w, lowerPrefix) {
			return true
		}
	}
	return false
}
