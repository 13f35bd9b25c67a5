package ingest

import (
	"cmp"
	"strconv"
	"strings"
)

// PassageID is the id of the ordinal-th passage (from 1) of an article:
// the article id, "#", the ordinal. It is the one place the format is
// written; SplitPassageID is the one place it is read.
func PassageID(articleID string, ordinal int) string {
	return articleID + "#" + strconv.Itoa(ordinal)
}

// SplitPassageID splits "article#3" into "article" and 3. It reports
// false for anything PassageID cannot have made.
func SplitPassageID(id string) (articleID string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 || strconv.Itoa(n) != id[i+1:] {
		return "", 0, false
	}
	return id[:i], n, true
}

// ArticleOfPassage is the article id of a passage id ("kent-…#3" →
// "kent-…"); an id without an ordinal is returned as it is.
func ArticleOfPassage(id string) string {
	if a, _, ok := SplitPassageID(id); ok {
		return a
	}
	return id
}

// Place gives the article the id id and numbers its passages from 1,
// copying onto each the article fields a hit is shown with. Ingest calls
// it when it builds an article, and an index when it gives an article an
// id of its own.
func (a *Article) Place(id string) {
	a.ID = id
	for i := range a.Passages {
		p := &a.Passages[i]
		p.Ordinal = i + 1
		p.ArticleID = id
		p.ID = PassageID(id, p.Ordinal)
		p.ArticleTitle = cmp.Or(a.Title, id)
		p.Council, p.Region, p.Published = a.Council, a.Region, a.Published
		p.Sponsored, p.Sponsor = a.Sponsored, a.Sponsor
	}
}
