package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// page runs the plain (uncollapsed) search. A tiered query's page
// [from, from+size) is cut from the every-word hits followed by the
// some-word hits: the first search gives the every-word part of the window
// and their number S, a count of both tiers gives the total and facets,
// and only a window reaching past S searches the some-word hits, from
// max(0, from−S).
func (ix *Index) page(ctx context.Context, req Request, size int, cq *compiledQuery, filters []filter, res *Result) error {
	tq := tierQuery{cq: cq, tier: tierEvery, filters: filters, sort: req.Sort}
	first := rankRequest{tierQuery: tq, from: req.From, n: size, details: true}
	if !cq.tiered() {
		first.facets = unselectedFacets(filters)
	}
	every, hits, err := ix.ranked(ctx, first)
	if err != nil {
		return err
	}
	res.Exact, res.Total = every.Total, every.Total
	switch {
	case !cq.tiered():
		readFacets(every, res, filters)
		res.Hits = appendHits(res.Hits[:0], hits, tierEvery)
		return nil
	case every.Total == 0:
		return ix.pageOfSome(ctx, first, res)
	}
	all, err := ix.count(ctx, tierQuery{cq: cq, tier: tierAny, filters: filters}, unselectedFacets(filters))
	if err != nil {
		return err
	}
	res.Total = all.Total
	readFacets(all, res, filters)
	var some []*search.DocumentMatch
	if rest := size - len(hits); rest > 0 && all.Total > every.Total {
		tq.tier = tierSome
		more := rankRequest{tierQuery: tq, from: max(0, req.From-int(every.Total)), n: rest, details: true}
		if _, some, err = ix.ranked(ctx, more); err != nil {
			return err
		}
	}
	res.Hits = appendHits(res.Hits[:0], hits, tierEvery)
	res.Hits = appendHits(res.Hits, some, tierSome)
	return nil
}

// pageOfSome is the page when no passage holds every word: the
// some-word hits are all there is.
func (ix *Index) pageOfSome(ctx context.Context, first rankRequest, res *Result) error {
	first.tier = tierAny
	first.facets = unselectedFacets(first.filters)
	loose, some, err := ix.ranked(ctx, first)
	if err != nil {
		return err
	}
	res.Total = loose.Total
	readFacets(loose, res, first.filters)
	res.Hits = appendHits(res.Hits[:0], some, tierAny)
	return nil
}

// count runs tq's match form for its number of matches and facets alone.
func (ix *Index) count(ctx context.Context, tq tierQuery, facets bleve.FacetsRequest) (*bleve.SearchResult, error) {
	sr := bleve.NewSearchRequestOptions(ix.assemble(tq, formMatch, ""), 0, 0, false)
	addFacets(sr, facets)
	return ix.searchBleve(ctx, sr)
}
