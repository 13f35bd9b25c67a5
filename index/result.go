package index

import (
	"fmt"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Result is the answer to a Request, in the JSON shape DESIGN.md fixes.
type Result struct {
	Query string `json:"query"`
	// Total counts every passage the query matches: those holding every
	// word and, after them, those holding only some (see Exact).
	Total uint64 `json:"total"`
	// Exact is the number of passages that hold every word (and satisfy
	// the phrases, exclusions and fields); they rank before the rest.
	// Collapsed by article, both count articles.
	Exact  uint64                  `json:"exact"`
	TookMS float64                 `json:"took_ms"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
	// Suggestion is a "did you mean" spelling of the query, or "": the
	// hits are for the query as typed.
	Suggestion string `json:"suggestion"`
	// CorrectedQuery is the query the hits are for when a misspelt word
	// was corrected ("Showing results for …"), or "".
	CorrectedQuery string `json:"corrected_query,omitempty"`
	// VerbatimQuery, beside a CorrectedQuery, is the query as typed with
	// the corrected words quoted: searching it runs with no correction
	// ("search instead for …").
	VerbatimQuery string `json:"verbatim_query,omitempty"`
	// NotFound lists the words of the query, as typed, that no passage
	// holds in any form; a correctly spelt word the corpus lacks is
	// reported here rather than corrected into a look-alike.
	NotFound []string `json:"not_found,omitempty"`
	// TopicMatches are the topics (ids) the query's words name: passages
	// tagged with them match too, after the passages holding the words
	// (a word no passage holds, such as "wellbeing", finds its topic's
	// passages this way alone).
	TopicMatches []string `json:"topic_matches,omitempty"`
	// Selected holds, by facet, the values the search filtered on, as
	// the index holds them: the request's filters and the query's
	// field:value clauses (council:Kent selects "Kent County Council").
	Selected map[string][]string `json:"selected,omitempty"`
	// NoPassages holds, by facet, the selected values no passage in the
	// index has (a council the gazetteer knows with no articles yet):
	// why a search finds nothing, when it is the filter.
	NoPassages map[string][]string `json:"no_passages,omitempty"`
	// Relaxed is true when the page holds a partial hit: one matching
	// only some of the query's words.
	Relaxed bool `json:"relaxed,omitempty"`
	// topicsLast: the passages found through TopicMatches alone are
	// among the partial hits, after every passage holding some of the
	// words, rather than standing for every word.
	topicsLast bool
	// topicWords are words of the query searched as a topic's tag
	// ("step down", which the index holds only as "step"), that
	// passages hold.
	topicWords []string
}

// Hit is one passage in a Result.
type Hit struct {
	ID           string `json:"id"`
	ArticleID    string `json:"article_id"`
	ArticleTitle string `json:"article_title"`
	Council      string `json:"council"`
	Kind         string `json:"kind"`
	Heading      string `json:"heading"`
	Speaker      string `json:"speaker"`
	Role         string `json:"role"`
	Question     string `json:"question"`
	Text         string `json:"text"`
	// Items are the entries of a list passage.
	Items  []string `json:"items,omitempty"`
	Topics []string `json:"topics"`
	// Facts are the typed statements the passage makes (a caseload
	// figure), each with the span of text that states it.
	Facts []ingest.Fact `json:"facts,omitempty"`
	// Region and Published are the article's, for showing a hit on its
	// own.
	Region    string `json:"region,omitempty"`
	Published string `json:"published,omitempty"`
	// Sponsored: the article is a paid-for feature, of Sponsor when named.
	Sponsored bool    `json:"sponsored,omitempty"`
	Sponsor   string  `json:"sponsor,omitempty"`
	Score     float64 `json:"score"`
	// Highlights are HTML fragments of the text: escaped, matches in
	// <mark>. There is one, whole sentences around the best match (a
	// list's lead-in and items, separated by " · "), or none when the
	// text holds no match; the question is not among them.
	Highlights []string `json:"highlights"`
	// QuestionHighlight is the question of a Q&A with its matches in
	// <mark>, escaped as Highlights are, or "" when it holds none.
	QuestionHighlight string `json:"question_highlight,omitempty"`
	// ArticleHits is the number of matching passages in the hit's article
	// when the request collapsed by article.
	ArticleHits int `json:"article_hits,omitempty"`
	// Partial is true when the passage holds only some of the query's
	// words; partial hits rank after every passage that holds them all.
	Partial bool `json:"partial,omitempty"`
}

// FacetValue is one value of a facet with the number of passages that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// WordsNote says, for people, which words of the query no passage holds
// and which topics its words reached, so that passages found through a
// topic tag are not taken for passages holding the words: "No passage
// holds "wellbeing"; these passages matched through the topic Wellbeing
// and support." It is "" when there is nothing to say.
func (r *Result) WordsNote() string {
	topics := ""
	switch len(r.TopicMatches) {
	case 0:
	case 1:
		topics = "the topic " + topicLabel(r.TopicMatches[0])
	default:
		labels := make([]string, len(r.TopicMatches))
		for i, id := range r.TopicMatches {
			labels[i] = topicLabel(id)
		}
		topics = "the topics " + quoteWords(labels)
	}
	which := "these passages"
	if r.Relaxed {
		which = "the passages not marked \u201csome words\u201d"
	}
	if r.topicsLast && topics != "" {
		them := "it"
		if len(r.TopicMatches) > 1 {
			them = "them"
		}
		if len(r.NotFound) > 0 {
			return fmt.Sprintf("No passage holds %s; passages tagged with %s follow those holding some of the words.", quoteWords(r.NotFound), topics)
		}
		return fmt.Sprintf("Also matched through %s: passages tagged with %s follow those holding some of the words.", topics, them)
	}
	switch {
	case len(r.NotFound) == 0 && len(r.topicWords) > 0 && topics != "":
		return fmt.Sprintf("%s is searched as %s, whose tag the passages saying it carry.", quoteWords(r.topicWords), topics)
	case len(r.NotFound) > 0 && topics != "":
		return fmt.Sprintf("No passage holds %s; %s matched through %s.", quoteWords(r.NotFound), which, topics)
	case len(r.NotFound) > 0:
		return fmt.Sprintf("No passage holds %s.", quoteWords(r.NotFound))
	case topics != "":
		return fmt.Sprintf("Also matched through %s: passages tagged with it follow those holding the words.", topics)
	}
	return ""
}

// NoPassagesNote says which selected values no passage in the index has,
// for people: "Bristol City Council has no passages in this index." It
// is "" when every selected value has passages.
func (r *Result) NoPassagesNote() string {
	var parts []string
	for _, f := range facetSpecs {
		for _, v := range r.NoPassages[f.Name] {
			if f.Name == "council" {
				parts = append(parts, v+" has no passages in this index.")
			} else {
				parts = append(parts, fmt.Sprintf("No passage in this index has %s %q.", f.Name, f.ValueLabel(v)))
			}
		}
	}
	return strings.Join(parts, " ")
}

// quoteWords lists words in quotation marks: “salary”, “remote”.
func quoteWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "\u201c" + w + "\u201d"
	}
	return strings.Join(q, ", ")
}
