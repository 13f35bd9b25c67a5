package index

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// filter is one facet's selected values, as a query.
type filter struct {
	spec   FacetSpec
	values []string // canonical
	q      query.Query
}

// filters turns the request's facet selections into queries, in registry
// order, each value put in the form the index holds.
func (ix *Index) filters(ctx context.Context, req Request) ([]filter, error) {
	var out []filter
	for _, spec := range facetSpecs {
		var canon []string
		for _, v := range req.Filters[spec.Name] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			cv, err := ix.canonical(ctx, spec, v)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(canon, cv) {
				canon = append(canon, cv)
			}
		}
		if len(canon) == 0 {
			continue
		}
		out = append(out, filter{spec: spec, values: canon, q: anyTerm(spec.field, canon)})
	}
	return out, nil
}

// anyTerm matches documents holding any of terms in field.
func anyTerm(field string, terms []string) query.Query {
	alts := make([]query.Query, len(terms))
	for i, v := range terms {
		tq := bleve.NewTermQuery(v)
		tq.SetField(field)
		alts[i] = tq
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// selectedFilter returns the filter on facet name, or nil.
func selectedFilter(filters []filter, name string) *filter {
	for i := range filters {
		if filters[i].spec.Name == name {
			return &filters[i]
		}
	}
	return nil
}
