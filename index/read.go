package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Articles lists every article, sorted by council, then title.
func (ix *Index) Articles(ctx context.Context) ([]ArticleSummary, error) {
	out := []ArticleSummary{}
	err := ix.read(func() error {
		metas, err := ix.allMeta(ctx)
		for _, meta := range metas {
			out = append(out, ArticleSummary{
				ID: meta.ID, Title: meta.Title, Council: meta.Council,
				Published: meta.Published, PublishedEstimated: meta.PublishedEstimated, Sponsored: meta.Sponsored, Sponsor: meta.Sponsor, Passages: meta.PassageCount,
			})
		}
		return err
	})
	slices.SortFunc(out, func(a, b ArticleSummary) int {
		return cmp.Or(cmp.Compare(a.Council, b.Council), cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// allMeta reads the metadata of every article from the article documents.
func (ix *Index) allMeta(ctx context.Context) ([]*articleMeta, error) {
	q := bleve.NewTermQuery(docArticle)
	q.SetField(fieldDoc)
	count := bleve.NewSearchRequestOptions(q, 0, 0, false)
	br, err := ix.alias.SearchInContext(ctx, count)
	if err != nil || br.Total == 0 {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(q, int(br.Total), 0, false)
	sr.Fields = []string{fieldMeta}
	sr.SortBy([]string{"_id"})
	if br, err = ix.alias.SearchInContext(ctx, sr); err != nil {
		return nil, err
	}
	out := make([]*articleMeta, 0, len(br.Hits))
	for _, dm := range br.Hits {
		var m articleMeta
		if err := json.Unmarshal([]byte(storedString(dm.Fields[fieldMeta])), &m); err != nil {
			return nil, fmt.Errorf("article metadata %q: %w", dm.ID, err)
		}
		out = append(out, &m)
	}
	return out, nil
}

// Article returns a whole article with its passages in document order.
func (ix *Index) Article(ctx context.Context, id string) (*ingest.Article, error) {
	var a *ingest.Article
	err := ix.read(func() error {
		var err error
		a, err = storedArticle(ctx, ix.alias, id)
		return err
	})
	return a, err
}

// storedArticle rebuilds an article, passages in document order, from
// what bi stores of it.
func storedArticle(ctx context.Context, bi bleve.Index, id string) (*ingest.Article, error) {
	meta, err := getMeta(bi, id)
	if err != nil {
		return nil, err
	}
	if meta == nil {
		return nil, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	ids := make([]string, meta.PassageCount)
	for i := range ids {
		ids[i] = ingest.PassageID(id, i+1)
	}
	passages, err := storedPassages(ctx, bi, ids)
	if err != nil {
		return nil, err
	}
	art := meta.Article
	art.Passages = make([]ingest.Passage, 0, len(passages))
	for _, p := range passages {
		art.Passages = append(art.Passages, *p)
	}
	return &art, nil
}

// Passage returns one passage with the passages before and after it.
func (ix *Index) Passage(ctx context.Context, id string) (*PassageContext, error) {
	articleID, ordinal, ok := ingest.SplitPassageID(id)
	if !ok {
		return nil, fmt.Errorf("passage %q: %w", id, ErrNotFound)
	}
	var pc *PassageContext
	err := ix.read(func() error {
		meta, err := getMeta(ix.alias, articleID)
		if err != nil {
			return err
		}
		if meta == nil || ordinal > meta.PassageCount {
			return fmt.Errorf("passage %q: %w", id, ErrNotFound)
		}
		var ids []string
		for o := max(ordinal-1, 1); o <= min(ordinal+1, meta.PassageCount); o++ {
			ids = append(ids, ingest.PassageID(articleID, o))
		}
		ps, err := ix.passages(ctx, ids)
		if err != nil {
			return err
		}
		for _, p := range ps {
			switch p.Ordinal {
			case ordinal - 1:
				pc = withPrevious(pc, p)
			case ordinal:
				pc = withPassage(pc, p)
			case ordinal + 1:
				pc = withNext(pc, p)
			}
		}
		if pc == nil || pc.ID == "" {
			return fmt.Errorf("passage %q: %w", id, ErrNotFound)
		}
		return nil
	})
	return pc, err
}

func withPrevious(pc *PassageContext, p *ingest.Passage) *PassageContext {
	if pc == nil {
		pc = &PassageContext{}
	}
	pc.Previous = p
	return pc
}

func withPassage(pc *PassageContext, p *ingest.Passage) *PassageContext {
	if pc == nil {
		pc = &PassageContext{}
	}
	pc.Passage = *p
	return pc
}

func withNext(pc *PassageContext, p *ingest.Passage) *PassageContext {
	if pc == nil {
		pc = &PassageContext{}
	}
	pc.Next = p
	return pc
}

// passages fetches stored passages by id, in ordinal order.
func (ix *Index) passages(ctx context.Context, ids []string) ([]*ingest.Passage, error) {
	return storedPassages(ctx, ix.alias, ids)
}

// storedPassages is passages over bi.
func storedPassages(ctx context.Context, bi bleve.Index, ids []string) ([]*ingest.Passage, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = storedFields
	sr.SortByCustom(search.SortOrder{&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsString}})
	br, err := bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	out := make([]*ingest.Passage, 0, len(br.Hits))
	for _, dm := range br.Hits {
		p := passageOf(dm)
		out = append(out, &p)
	}
	slices.SortFunc(out, func(a, b *ingest.Passage) int { return cmp.Compare(a.Ordinal, b.Ordinal) })
	return out, nil
}

// Facets counts every value of every facet over the whole index.
func (ix *Index) Facets(ctx context.Context) (map[string][]FacetValue, error) {
	gen := ix.gen.Load()
	ix.cache.mu.Lock()
	if c := ix.cache.current(gen); c.facets != nil {
		f := c.facets
		ix.cache.mu.Unlock()
		return copyFacets(f), nil
	}
	ix.cache.mu.Unlock()

	out := map[string][]FacetValue{}
	err := ix.read(func() error {
		sr := bleve.NewSearchRequestOptions(ix.allPassages(), 0, 0, false)
		for _, f := range countedFacets() {
			sr.AddFacet(f.Name, bleve.NewFacetRequest(f.field, MaxWindow))
		}
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return err
		}
		for _, f := range countedFacets() {
			out[f.Name] = facetValues(br.Facets[f.Name])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ix.cache.mu.Lock()
	if ix.gen.Load() == gen {
		ix.cache.current(gen).facets = out
	}
	ix.cache.mu.Unlock()
	return copyFacets(out), nil
}

func copyFacets(f map[string][]FacetValue) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(f))
	for k, v := range f {
		out[k] = slices.Clone(v)
	}
	return out
}

// Stats describes the index: its size in articles and passages, the
// passages per council and topic, and the bytes it takes on disk.
func (ix *Index) Stats(ctx context.Context) (*Stats, error) {
	facets, err := ix.Facets(ctx)
	if err != nil {
		return nil, err
	}
	articles, err := ix.Articles(ctx)
	if err != nil {
		return nil, err
	}
	st := &Stats{
		Articles: len(articles),
		Councils: facets["council"],
		Topics:   facets["topic"],
		Path:     ix.dir,
	}
	for _, a := range articles {
		st.Passages += a.Passages
	}
	if ix.dir != "" {
		st.DiskBytes = dirSize(ix.dir)
	}
	return st, nil
}
