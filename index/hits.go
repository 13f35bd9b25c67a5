package index

import (
	"github.com/blevesearch/bleve/v2/search"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// appendHits adds matches of tier t to hits, marked partial unless the
// tier holds every word.
func appendHits(hits []Hit, matches []*search.DocumentMatch, t tier) []Hit {
	for _, dm := range matches {
		h := hitFrom(dm)
		h.Partial = t != tierEvery
		hits = append(hits, h)
	}
	return hits
}

// hitFrom turns a Bleve match that carries the stored fields and
// highlights into a Hit.
func hitFrom(dm *search.DocumentMatch) Hit {
	h := hitOf(passageOf(dm))
	h.Score = dm.Score
	h.Highlights, h.QuestionHighlight = passageHighlights(h.Text, h.Question, h.Kind == string(ingest.KindList), dm.Locations)
	return h
}

// hitOf is a passage as a hit, before scoring and highlighting.
func hitOf(p ingest.Passage) Hit {
	h := Hit{
		ID: p.ID, ArticleID: p.ArticleID, ArticleTitle: p.ArticleTitle, Council: p.Council,
		Kind: string(p.Kind), Heading: p.Heading, Speaker: p.Speaker, Role: p.Role,
		Question: p.Question, Text: p.Text, Items: p.Items, Topics: p.Topics, Facts: p.Facts,
		Region: p.Region, Published: p.Published, Sponsored: p.Sponsored, Sponsor: p.Sponsor, Highlights: []string{},
	}
	if h.Topics == nil {
		h.Topics = []string{}
	}
	return h
}

// articleOf is the article id of a passage id.
func articleOf(passageID string) string { return ingest.ArticleOfPassage(passageID) }

// ellipsis marks where a snippet leaves text out.
const ellipsis = "…"
