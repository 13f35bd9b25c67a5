package index

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// cache holds values derived from the index that many requests need and
// few writes change. Entries are valid for one generation (Index.gen).
type cache struct {
	mu       sync.Mutex
	gen      uint64
	keywords map[string][]FacetValue
	facets   map[string][]FacetValue
	// spellings maps a gazetteer council name to the spelling the index
	// holds for it, where the two differ.
	spellings map[string]string
	// selected holds the counts of selected facets (see countFacet), by
	// facet and query.
	selected map[string][]FacetValue
}

// maxSelectedCounts bounds the facet counts kept per generation.
const maxSelectedCounts = 512

// counts returns the facet counts kept under key for generation gen.
func (c *cache) counts(gen uint64, key string) ([]FacetValue, bool) {
	if key == "" {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	values, ok := c.current(gen).selected[key]
	// Callers add the selected values they lack: give each its own copy.
	return slices.Clone(values), ok
}

// keepCounts keeps facet counts made on generation gen; they are dropped
// if the index has changed since.
func (c *cache) keepCounts(gen uint64, key string, values []FacetValue) {
	if key == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen && c.gen > gen {
		return
	}
	c = c.current(gen)
	if c.selected == nil || len(c.selected) >= maxSelectedCounts {
		c.selected = map[string][]FacetValue{}
	}
	c.selected[key] = slices.Clone(values)
}

// current returns the cache emptied if the index changed since it was
// filled. The caller holds c.mu.
func (c *cache) current(gen uint64) *cache {
	if c.gen != gen {
		c.gen = gen
		c.keywords = nil
		c.facets = nil
		c.spellings = nil
		c.selected = nil
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

// councilSpellings maps each gazetteer council name to the spelling of it
// the index holds ("Kent CC" for "Kent County Council" when that is the
// only one). Looking every held value up in the gazetteer costs more than
// a search, so it is done once per index generation.
func (ix *Index) councilSpellings(ctx context.Context) map[string]string {
	gen := ix.gen.Load()
	ix.cache.mu.Lock()
	if m := ix.cache.current(gen).spellings; m != nil {
		ix.cache.mu.Unlock()
		return m
	}
	ix.cache.mu.Unlock()

	m := map[string]string{}
	for _, fv := range ix.keywordValues(ctx, fieldCouncil) {
		c, ok := ingest.LookupCouncil(fv.Value)
		if _, seen := m[c.Name]; ok && (!seen || fv.Value == c.Name) {
			m[c.Name] = fv.Value // the gazetteer's own spelling first
		}
	}

	ix.cache.mu.Lock()
	defer ix.cache.mu.Unlock()
	if ix.gen.Load() == gen && ctx.Err() == nil {
		ix.cache.current(gen).spellings = m
	}
	return m
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
