package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// rescoreWindow is how many of a tier's first hits, found and ordered on
// the body field, are ordered again on the searched fields with their
// weights and the phrase boost, as Elasticsearch's rescore does with its
// window. Ranking every match that way made multi-word searches several
// times dearer; below the window the body order stands. The window is
// the same for every page, so pages neither repeat nor skip a hit.
const rescoreWindow = 100

// rankRequest asks for the hits [from, from+n) of one tier in ranking
// order.
type rankRequest struct {
	tierQuery
	from, n int
	// facets are counted over the whole tier by the search that finds it.
	facets bleve.FacetsRequest
	// details asks for the hits' stored fields and highlights.
	details bool
}

// ranked returns the hits rr asks for and the match-form search that
// found them, whose Total counts the tier and which carries rr's facets.
func (ix *Index) ranked(ctx context.Context, rr rankRequest) (*bleve.SearchResult, []*search.DocumentMatch, error) {
	cq := rr.cq
	switch {
	case cq.rescored() && cq.few(rr.tier):
		return ix.rankExhaustive(ctx, rr)
	case cq.rescored() && byRelevance(rr.sort) && rr.from < rescoreWindow:
		return ix.rankRescored(ctx, rr)
	}
	return ix.rankBody(ctx, rr)
}

func byRelevance(sort string) bool { return sort == "" || sort == SortRelevance }

// rankExhaustive ranks every match on the searched fields at once: the
// tier is known to be small.
func (ix *Index) rankExhaustive(ctx context.Context, rr rankRequest) (*bleve.SearchResult, []*search.DocumentMatch, error) {
	sr := bleve.NewSearchRequestOptions(ix.assemble(rr.tierQuery, formRank, ""), rr.n, rr.from, false)
	if byRelevance(rr.order()) && ix.tiesInOrder() {
		byScoreThenID(sr)
	}
	sortOrder(sr, rr.order())
	addFacets(sr, rr.facets)
	if rr.details {
		if br, hits, ok, err := ix.topKThenDetails(ctx, rr.tierQuery, sr); ok || err != nil {
			return br, hits, err
		}
		withDetails(sr)
	}
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	return br, br.Hits, nil
}

// tieOrderDocs is the size of index, in Bleve documents (passages and
// articles), up to which a search ranked outright orders equal scores by
// document (byScoreThenID). Bleve reads two fields of every hit to sort
// on them: at 10k passages that made searches 21–56% dearer
// (BENCHMARKS.md, "Ties in document order"), so a larger index keeps
// Bleve's order of equal scores there. The rescore of the window orders
// them in every index, at no cost (topk.go).
const tieOrderDocs = 5000

// tiesInOrder reports whether the index is small enough for tieOrderDocs.
func (ix *Index) tiesInOrder() bool {
	n, err := ix.cur.DocCount()
	return err == nil && n <= tieOrderDocs
}

// rankBody ranks on the body field alone: the query has one form, or
// the order is not by relevance, or the page lies past the window. A
// query of one form ranked by relevance has equal scores in document
// order in an index small enough (tieOrderDocs).
func (ix *Index) rankBody(ctx context.Context, rr rankRequest) (*bleve.SearchResult, []*search.DocumentMatch, error) {
	sr := bleve.NewSearchRequestOptions(ix.assemble(rr.tierQuery, formMatch, ""), rr.n, rr.from, false)
	oneForm := !rr.cq.rescored()
	if oneForm && byRelevance(rr.order()) && ix.tiesInOrder() {
		// Ranked outright, as rankExhaustive does. Past a rescore window
		// the body order must stay the one the window was cut from.
		byScoreThenID(sr)
	}
	sortOrder(sr, rr.order())
	if rr.details && oneForm {
		// The match form is the rank form: the searches of one form are
		// quoted phrases. Their matches are found from the postings
		// (bitmapEval.phrase) and ranked by the top-k scorer, then the
		// page's details read by id: at 100k passages the 40 quoted
		// phrases of the bench's queries cost 36% less than in Bleve's
		// phrase searcher, the same at 10k (BENCHMARKS.md, "Query path
		// at 10k and the ingest ceiling", experiments 9, 18 and 19).
		if br, hits, ok, err := ix.topKThenDetails(ctx, rr.tierQuery, sr); ok || err != nil {
			return br, hits, err
		}
		withDetails(sr)
	}
	addFacets(sr, rr.facets)
	br, err := ix.searchRanked(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	hits := br.Hits
	if rr.details && !oneForm {
		hits, err = ix.detailed(ctx, rr.tierQuery, hits)
	}
	return br, hits, err
}

// rankRescored finds the tier's first rescoreWindow hits on the body
// field and orders them again on the searched fields; a page reaching
// past the window ends in body order.
func (ix *Index) rankRescored(ctx context.Context, rr rankRequest) (*bleve.SearchResult, []*search.DocumentMatch, error) {
	sr := bleve.NewSearchRequestOptions(ix.assemble(rr.tierQuery, formMatch, ""), max(rr.from+rr.n, rescoreWindow), 0, false)
	addFacets(sr, rr.facets)
	br, err := ix.searchRanked(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	window := br.Hits[:min(len(br.Hits), rescoreWindow)]
	var hits []*search.DocumentMatch
	if rr.from < len(window) {
		again := onlyIDs(ix.assemble(rr.tierQuery, formRank, ""), matchIDs(window))
		rs := bleve.NewSearchRequestOptions(again, min(rr.n, len(window)-rr.from), rr.from, false)
		byScoreThenID(rs)
		if rr.details {
			withDetails(rs)
		}
		res, err := ix.searchRanked(ctx, rs)
		if err != nil {
			return nil, nil, err
		}
		hits = res.Hits
	}
	if lo, hi := max(rr.from, len(window)), min(rr.from+rr.n, len(br.Hits)); lo < hi {
		tail := br.Hits[lo:hi]
		if rr.details {
			if tail, err = ix.detailed(ctx, rr.tierQuery, tail); err != nil {
				return nil, nil, err
			}
		}
		hits = append(hits, tail...)
	}
	return br, hits, nil
}

// topKThenDetails ranks and counts sr, a search of tq without details,
// with the top-k scorer, then reads the details of the page's hits by an
// id-restricted search of them. The scorer gathers details only for a
// search restricted to a few ids, so a search that asks for its page's
// details otherwise goes to Bleve whole: at 10k passages, where most
// tiers are small enough to be ranked outright, this costs 10% less
// (BENCHMARKS.md, "Query path at 10k and the ingest ceiling", experiment
// 7). ok is false when
// the scorer does not take sr.
func (ix *Index) topKThenDetails(ctx context.Context, tq tierQuery, sr *bleve.SearchRequest) (*bleve.SearchResult, []*search.DocumentMatch, bool, error) {
	if ix.bleveTopK || !topKTakes(sr) {
		return nil, nil, false, nil
	}
	br, ok, err := ix.searchTopK(ctx, sr)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	hits, err := ix.detailed(ctx, tq, br.Hits)
	return br, hits, true, err
}

// searchRanked runs sr with the top-k scorer (topk.go) when it takes the
// request and the query's shape, else in Bleve; both give the same hits
// and scores.
func (ix *Index) searchRanked(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if !ix.bleveTopK && topKTakes(sr) {
		br, ok, err := ix.searchTopK(ctx, sr)
		if err != nil || ok {
			return br, err
		}
	}
	return ix.searchBleve(ctx, sr)
}

// withDetails asks a search for what a hit is shown with: stored fields
// and the locations of the matched terms, which its highlights are cut
// around (snippet.go).
func withDetails(req *bleve.SearchRequest) {
	req.Fields = storedFields
	req.IncludeLocations = true
}

func addFacets(sr *bleve.SearchRequest, facets bleve.FacetsRequest) {
	for name, fr := range facets {
		sr.AddFacet(name, fr)
	}
}

// detailed returns hits, in their order and with their scores, with the
// stored fields and highlights of the rank form of tq.
func (ix *Index) detailed(ctx context.Context, tq tierQuery, hits []*search.DocumentMatch) ([]*search.DocumentMatch, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	q := onlyIDs(ix.assemble(tq, formRank, ""), matchIDs(hits))
	sr := bleve.NewSearchRequestOptions(q, len(hits), 0, false)
	withDetails(sr)
	br, err := ix.searchRanked(ctx, sr)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*search.DocumentMatch, len(br.Hits))
	for _, dm := range br.Hits {
		byID[dm.ID] = dm
	}
	out := make([]*search.DocumentMatch, 0, len(hits))
	for _, dm := range hits {
		if d, ok := byID[dm.ID]; ok {
			d.Score = dm.Score
			out = append(out, d)
		}
	}
	return out, nil
}

func matchIDs(hits []*search.DocumentMatch) []string {
	ids := make([]string, len(hits))
	for i, dm := range hits {
		ids[i] = dm.ID
	}
	return ids
}
