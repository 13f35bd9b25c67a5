package index

import (
	"strings"
	"unicode/utf8"

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
	for _, f := range highlightFields {
		for _, frag := range dm.Fragments[f] {
			h.Highlights = append(h.Highlights, wholeWords(frag))
		}
	}
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

// ellipsis is what Bleve's fragmenter puts where it cut the text.
const ellipsis = "…"

// wholeWords trims the partial words Bleve's fragmenter leaves where it
// cut a fragment out of the text ("…n eight core priorities" becomes
// "…eight core priorities"). It only removes plain letters and digits, so
// a <mark> or an HTML entity is never cut.
func wholeWords(frag string) string {
	isWordByte := func(b byte) bool {
		return b >= utf8.RuneSelf || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	if rest, ok := strings.CutPrefix(frag, ellipsis); ok {
		i := 0
		for i < len(rest) && isWordByte(rest[i]) && !strings.HasPrefix(rest[i:], ellipsis) {
			i++
		}
		if i > 0 && i < len(rest) && rest[i] == ' ' {
			frag = ellipsis + rest[i+1:]
		}
	}
	if rest, ok := strings.CutSuffix(frag, ellipsis); ok {
		i := len(rest)
		for i > 0 && isWordByte(rest[i-1]) {
			i--
		}
		if i < len(rest) && i > 0 && rest[i-1] == ' ' {
			frag = rest[:i-1] + ellipsis
		}
	}
	return frag
}
