package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// pick is the best passage of one article, in a collapsed search.
type pick struct {
	id      string
	score   float64
	partial bool
}

// collapser walks a collapsed search's ranked hits, tier by tier, keeping
// the first passage of each article until it has want of them.
type collapser struct {
	want       int
	batch      int
	picks      []pick
	seen       map[string]bool
	perArticle map[string]int // matching passages per article
}

// collapsed runs the search keeping the best passage of each article:
// it walks the ranked hits (within the capped window), every-word tier
// first, until it has the page's articles, then fetches those passages
// with their highlights. Total is the number of matching articles, Exact
// the number with a passage holding every word.
func (ix *Index) collapsed(ctx context.Context, req Request, size int, cq *compiledQuery, filters []filter, res *Result) error {
	want := req.From + size
	// A batch at least as large as the rescore window ranks the window
	// once.
	c := &collapser{want: want, batch: min(max(4*want, rescoreWindow), MaxWindow), seen: map[string]bool{}}
	tq := tierQuery{cq: cq, tier: tierEvery, filters: filters, sort: req.Sort}
	if cq.tiered() {
		facets := unselectedFacets(filters)
		facets[fieldArticleID] = bleve.NewFacetRequest(fieldArticleID, MaxWindow)
		all, err := ix.count(ctx, tierQuery{cq: cq, tier: tierAny, filters: filters}, facets)
		if err != nil {
			return err
		}
		readFacets(all, res, filters)
		c.perArticle = articleCounts(all)
		res.Total = uint64(len(c.perArticle))
	}
	if err := ix.collectTier(ctx, c, tq, res); err != nil {
		return err
	}
	if cq.tiered() {
		tq.tier = tierSome
		if err := ix.collectTier(ctx, c, tq, res); err != nil {
			return err
		}
	}
	return ix.showPicks(ctx, c, tierQuery{cq: cq, tier: cq.counted(), filters: filters}, req.From, res)
}

// collectTier walks one tier's ranked hits in batches, picking the first
// passage of each article not yet picked. The first batch of the
// every-word tier also counts the articles (and, for an untiered query,
// the facets).
func (ix *Index) collectTier(ctx context.Context, c *collapser, tq tierQuery, res *Result) error {
	for from := 0; from < MaxWindow && len(c.picks) < c.want; from += c.batch {
		rr := rankRequest{tierQuery: tq, from: from, n: min(c.batch, MaxWindow-from)}
		first := tq.tier == tierEvery && from == 0
		if first {
			rr.facets = bleve.FacetsRequest{fieldArticleID: bleve.NewFacetRequest(fieldArticleID, MaxWindow)}
			if !tq.cq.tiered() {
				addUnselected(rr.facets, tq.filters)
			}
		}
		br, hits, err := ix.ranked(ctx, rr)
		if err != nil {
			return err
		}
		if first {
			c.countArticles(br, res, tq)
		}
		c.take(hits, tq.tier)
		if uint64(from+len(hits)) >= br.Total || len(hits) == 0 {
			break
		}
	}
	return nil
}

// countArticles reads the every-word tier's article count, and for an
// untiered query the total and facets too.
func (c *collapser) countArticles(br *bleve.SearchResult, res *Result, tq tierQuery) {
	exact := articleCounts(br)
	res.Exact = uint64(len(exact))
	if !tq.cq.tiered() {
		readFacets(br, res, tq.filters)
		c.perArticle = exact
		res.Total = res.Exact
	}
}

// take picks the first hit of each article not yet picked, from tier t.
func (c *collapser) take(hits []*search.DocumentMatch, t tier) {
	for _, dm := range hits {
		if len(c.picks) == c.want {
			return
		}
		a := articleOf(dm.ID)
		if c.seen[a] {
			continue
		}
		c.seen[a] = true
		c.picks = append(c.picks, pick{dm.ID, dm.Score, t != tierEvery})
	}
}

// showPicks fetches the picked passages from offset from on with their
// stored fields and highlights, keeping the scores they were picked by.
func (ix *Index) showPicks(ctx context.Context, c *collapser, tq tierQuery, from int, res *Result) error {
	res.Hits = res.Hits[:0]
	if from >= len(c.picks) {
		return nil
	}
	picks := c.picks[from:]
	ids := make([]string, len(picks))
	for i, p := range picks {
		ids[i] = p.id
	}
	sr := bleve.NewSearchRequestOptions(onlyIDs(ix.assemble(tq, formRank, ""), ids), len(ids), 0, false)
	withDetails(sr)
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(br.Hits))
	for _, dm := range br.Hits {
		byID[dm.ID] = dm
	}
	for _, p := range picks {
		dm, ok := byID[p.id]
		if !ok {
			continue
		}
		h := hitFrom(dm)
		h.Score = p.score
		h.Partial = p.partial
		h.ArticleHits = max(c.perArticle[h.ArticleID], 1)
		res.Hits = append(res.Hits, h)
	}
	return nil
}
