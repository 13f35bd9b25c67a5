package index

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// cache holds values derived from the index that many requests need and
// few writes change. Entries are valid for one generation (Index.gen).
type cache struct {
	mu       sync.Mutex
	gen      uint64
	keywords map[string][]FacetValue
	facets   map[string][]FacetValue
}

// current returns the cache emptied if the index changed since it was
// filled. The caller holds c.mu.
func (c *cache) current(gen uint64) *cache {
	if c.gen != gen {
		c.gen = gen
		c.keywords = nil
		c.facets = nil
	}
	return c
}

// keywordValues lists the values of a keyword field with the number of
// passages holding each, from the term dictionary. Counts may include
// passages deleted but not yet merged away; they serve lookups and
// completions, not facets.
func (ix *Index) keywordValues(ctx context.Context, field string) []FacetValue {
	gen := ix.gen.Load()
	ix.cache.mu.Lock()
	c := ix.cache.current(gen)
	if v, ok := c.keywords[field]; ok {
		ix.cache.mu.Unlock()
		return v
	}
	ix.cache.mu.Unlock()

	var values []FacetValue
	if dict, err := ix.alias.FieldDict(field); err == nil {
		for {
			e, err := dict.Next()
			if err != nil || e == nil || ctx.Err() != nil {
				break
			}
			if e.Count > 0 {
				values = append(values, FacetValue{Value: e.Term, Count: int(e.Count)})
			}
		}
		_ = dict.Close()
	}

	ix.cache.mu.Lock()
	defer ix.cache.mu.Unlock()
	if ix.gen.Load() != gen {
		return values // the index changed meanwhile: do not keep these
	}
	c = ix.cache.current(gen)
	if c.keywords == nil {
		c.keywords = map[string][]FacetValue{}
	}
	c.keywords[field] = values
	return values
}

// sortFacet orders facet values by count, most first, then by value.
func sortFacet(values []FacetValue) {
	slices.SortFunc(values, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
}
