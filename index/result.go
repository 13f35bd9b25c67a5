package index

import "github.com/recruitsearch/recruitsearch/ingest"

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
	// Relaxed is true when the page holds a partial hit: one matching
	// only some of the query's words.
	Relaxed bool `json:"relaxed,omitempty"`
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
	// Highlights are HTML fragments: the text escaped, matches in <mark>.
	Highlights []string `json:"highlights"`
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
