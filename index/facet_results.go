package index

import (
	"context"
	"encoding/json"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// unselectedFacets asks for the counted facets that have no selection of
// their own: the search that applies every filter counts them right.
func unselectedFacets(filters []filter) bleve.FacetsRequest {
	out := bleve.FacetsRequest{}
	addUnselected(out, filters)
	return out
}

func addUnselected(facets bleve.FacetsRequest, filters []filter) {
	for _, f := range countedFacets() {
		if selectedFilter(filters, f.Name) == nil {
			facets[f.Name] = bleve.NewFacetRequest(f.field, f.Size)
		}
	}
}

// readFacets copies the unselected facets a search counted into res.
func readFacets(br *bleve.SearchResult, res *Result, filters []filter) {
	for _, f := range countedFacets() {
		if selectedFilter(filters, f.Name) == nil {
			res.Facets[f.Name] = facetValues(br.Facets[f.Name])
		}
	}
}

// selectedFacets counts each counted facet that has a selection of its
// own with every other filter applied but not its own, so the other
// values of a selected facet keep their counts (multi-select).
func (ix *Index) selectedFacets(ctx context.Context, cq *compiledQuery, filters []filter, res *Result) error {
	tq := tierQuery{cq: cq, tier: cq.counted(), filters: filters}
	for _, f := range filters {
		if !f.spec.Counted() {
			continue
		}
		values, err := ix.countFacet(ctx, ix.assemble(tq, formMatch, f.spec.Name), f.spec)
		if err != nil {
			return err
		}
		res.Facets[f.spec.Name] = withSelected(values, f.values)
	}
	return nil
}

// countFacet counts spec's values over the passages q matches. The counts
// are kept until the index changes: ticking a second value of a facet, or
// paging, asks for the same counts again.
func (ix *Index) countFacet(ctx context.Context, q query.Query, spec FacetSpec) ([]FacetValue, error) {
	key := ""
	if js, err := json.Marshal(q); err == nil {
		key = spec.Name + "\x00" + string(js)
	}
	if values, ok := ix.cache.counts(ix.gen.Load(), key); ok {
		return values, nil
	}
	gen := ix.gen.Load()
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.AddFacet(spec.Name, bleve.NewFacetRequest(spec.field, spec.Size))
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return nil, err
	}
	values := facetValues(br.Facets[spec.Name])
	ix.cache.keepCounts(gen, key, values)
	return values, nil
}

// withSelected keeps every selected value visible, with its count, even
// when it would not make the top of the list.
func withSelected(values []FacetValue, selected []string) []FacetValue {
	for _, v := range selected {
		found := false
		for _, fv := range values {
			found = found || fv.Value == v
		}
		if !found {
			values = append(values, FacetValue{Value: v, Count: 0})
		}
	}
	return values
}

// articleCounts is the number of hits per article id, from the article
// facet of br.
func articleCounts(br *bleve.SearchResult) map[string]int {
	out := map[string]int{}
	if fr := br.Facets[fieldArticleID]; fr != nil {
		for _, t := range fr.Terms.Terms() {
			out[t.Term] = t.Count
		}
	}
	return out
}

func facetValues(fr *search.FacetResult) []FacetValue {
	values := []FacetValue{}
	if fr == nil {
		return values
	}
	for _, t := range fr.Terms.Terms() {
		values = append(values, FacetValue{Value: t.Term, Count: t.Count})
	}
	sortFacet(values)
	return values
}
