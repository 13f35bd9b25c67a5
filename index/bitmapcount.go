package index

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Counting without collecting. A search that asks for no hits — the
// total and facets of both tiers, the counts of a selected facet, the
// passages only a topic matches — needs the set of its matches, not
// their scores or order. Bleve finds that set by stepping a searcher
// over every match and handing each to a collector, about 100 ns a
// match; on a common word that is most of a multi-word search
// (BENCHMARKS.md, "Counting from postings bitmaps"). Here the set is
// built per segment from the postings bitmaps of the query's terms with
// roaring's AND, OR and AND NOT, and the facets are counted by walking
// the set over the facet columns (columns.go). Clauses that are not
// plain boolean combinations of terms (phrases, prefixes, fuzzy terms)
// are found by their own Bleve searcher, unscored and uncollected, and
// join the set as a bitmap.

// bitmapCountable reports whether sr is answered by countBitmaps: it
// asks for no hits and only for facets counted from columns.
func bitmapCountable(sr *bleve.SearchRequest) bool {
	if sr.Size != 0 || sr.Highlight != nil {
		return false
	}
	for _, fr := range sr.Facets {
		if !columnFacet(fr) {
			return false
		}
	}
	return true
}

// columnFacet reports whether fr is a terms facet counted from columns.
func columnFacet(fr *bleve.FacetRequest) bool {
	return columnOf(fr.Field) >= 0 && fr.NumericRanges == nil && fr.DateTimeRanges == nil &&
		fr.TermPrefix == "" && fr.TermPattern == ""
}

// countBitmaps answers a request for no hits (bitmapCountable) with the
// number of its matches and its facets, from postings bitmaps.
func (ix *Index) countBitmaps(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, errNoColumns
	}
	ev := &bitmapEval{ctx: ctx, snap: snap, m: ix.cur.Mapping(), segs: snap.Segments(), ids: &ix.ids}
	if sm, ok := ev.m.(mapping.SynonymMapping); ok && sm.SynonymCount() > 0 {
		if ev.fts, err = query.ExtractSynonyms(ctx, sm, snap, sr.Query, nil); err != nil {
			return nil, err
		}
	}
	ev.prepare(sr.Query)
	sets, err := ev.eval(sr.Query)
	if err != nil {
		return nil, err
	}
	var total uint64
	for s, set := range sets {
		if del := ev.segs[s].Deleted(); del != nil && set != nil {
			set.AndNot(del)
		}
		if set != nil {
			total += set.GetCardinality()
		}
	}
	br := &bleve.SearchResult{
		Status:  &bleve.SearchStatus{Total: 1, Successful: 1},
		Request: sr,
		Hits:    search.DocumentMatchCollection{},
		Total:   total,
	}
	if len(sr.Facets) == 0 {
		return br, nil
	}
	br.Facets, err = ix.facetsOfSets(snap, sets, sr.Facets)
	return br, err
}

// facetsOfSets counts the facets asked for (columnFacet) over the
// documents of sets, one set per segment of snap, deleted ones out.
func (ix *Index) facetsOfSets(snap *scorch.IndexSnapshot, sets []*roaring.Bitmap, facets bleve.FacetsRequest) (search.FacetResults, error) {
	var err error
	fc := &facetCounter{columnWalk: columnWalk{cache: &ix.columns}}
	var fields []string
	for name, fr := range facets {
		fc.asks = append(fc.asks, facetAsk{name: name, column: columnOf(fr.Field), size: fr.Size})
		fields = append(fields, fr.Field)
	}
	if fc.segs, fc.offsets, fc.union, err = fc.cache.columns(snap); err != nil {
		return nil, err
	}
	fc.counts = make([][][]uint32, len(fc.segs))
	fc.missing = make([]int, len(fc.asks))
	fc.curSeg = -1
	fc.cur = make([]askCounts, len(fc.asks))
	var buf [512]uint32
	for s, set := range sets {
		if set == nil || set.IsEmpty() {
			continue
		}
		fc.enterSegment(s)
		it := set.ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			fc.addMany(buf[:n])
		}
	}
	out := search.FacetResults{}
	for a, ask := range fc.asks {
		out[ask.name] = fc.result(a, fields[a])
	}
	return out, nil
}

// bitmapEval evaluates a query over one snapshot as a set of matching
// documents per segment, numbered within the segment. A nil set is
// empty. Deleted documents may be in a set: countBitmaps takes them out
// at the end.
type bitmapEval struct {
	ctx  context.Context
	snap *scorch.IndexSnapshot
	segs []*scorch.SegmentSnapshot
	m    mapping.IndexMapping
	fts  search.FieldTermSynonymMap
	// dicts caches each segment's dictionary of a field.
	dicts map[string][]segment.TermDictionary
	// found keeps what searched or phrase found for each query that the
	// queries evaluated hold more than once (a phrase in the every-word
	// part and in the exclusions of the topic alternative); repeats
	// counts them (prepare).
	found   map[query.Query][]*roaring.Bitmap
	repeats map[query.Query]int
	// ids, when set, knows the documents of ids the top-k scorer returned
	// from snap (idcache.go).
	ids *idCache
}

// prepare counts the clauses of qs, which eval is about to be asked
// for, so that one held more than once is searched once.
func (ev *bitmapEval) prepare(qs ...query.Query) {
	if ev.repeats == nil {
		ev.repeats = map[query.Query]int{}
	}
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *query.BooleanQuery:
			for _, c := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
				if c != nil {
					walk(c)
				}
			}
		case nil:
		default:
			ev.repeats[q]++
		}
	}
	for _, q := range qs {
		if q != nil {
			walk(q)
		}
	}
}

func (ev *bitmapEval) eval(q query.Query) ([]*roaring.Bitmap, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return ev.term(q.FieldVal, q.Term)
	case *literalPhrase:
		return ev.remembered(q, func(query.Query) ([]*roaring.Bitmap, error) { return ev.phrase(q) })
	case *query.ConjunctionQuery:
		return ev.all(q.Conjuncts)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			break
		}
		return ev.any(q.Disjuncts)
	case *query.BooleanQuery:
		return ev.boolean(q)
	case *query.MatchAllQuery:
		sets := make([]*roaring.Bitmap, len(ev.segs))
		for s, ss := range ev.segs {
			sets[s] = roaring.New()
			sets[s].AddRange(0, ss.Segment().Count())
		}
		return sets, nil
	case *query.MatchNoneQuery:
		return make([]*roaring.Bitmap, len(ev.segs)), nil
	case *query.DocIDQuery:
		if ev.ids != nil {
			if sets, ok := ev.ids.sets(ev.snap, ev.segs, q.IDs); ok {
				return sets, nil
			}
		}
		sets := make([]*roaring.Bitmap, len(ev.segs))
		for s, ss := range ev.segs {
			bm, err := ss.DocNumbers(q.IDs)
			if err != nil {
				return nil, err
			}
			sets[s] = bm
		}
		return sets, nil
	}
	return ev.searched(q)
}

// boolean is must AND filter AND NOT mustNot; an optional should clause
// beside a must clause only scores. Other shapes go to Bleve's own
// searcher.
func (ev *bitmapEval) boolean(q *query.BooleanQuery) ([]*roaring.Bitmap, error) {
	if q.Must == nil {
		return ev.searched(q)
	}
	if d, ok := q.Should.(*query.DisjunctionQuery); q.Should != nil && (!ok || d.Min > 0) {
		return ev.searched(q)
	}
	required := []query.Query{q.Must}
	if q.Filter != nil {
		required = append(required, q.Filter)
	}
	sets, err := ev.all(required)
	if err != nil || q.MustNot == nil {
		return sets, err
	}
	not, err := ev.eval(q.MustNot)
	if err != nil {
		return nil, err
	}
	for s := range sets {
		if sets[s] != nil && not[s] != nil {
			sets[s].AndNot(not[s])
		}
	}
	return sets, nil
}

func (ev *bitmapEval) all(qs []query.Query) ([]*roaring.Bitmap, error) {
	if len(qs) == 0 {
		return make([]*roaring.Bitmap, len(ev.segs)), nil
	}
	sets, err := ev.eval(qs[0])
	if err != nil {
		return nil, err
	}
	for _, q := range qs[1:] {
		more, err := ev.eval(q)
		if err != nil {
			return nil, err
		}
		for s := range sets {
			if sets[s] == nil || more[s] == nil {
				sets[s] = nil
				continue
			}
			sets[s].And(more[s])
		}
	}
	return sets, nil
}

func (ev *bitmapEval) any(qs []query.Query) ([]*roaring.Bitmap, error) {
	sets := make([]*roaring.Bitmap, len(ev.segs))
	for _, q := range qs {
		more, err := ev.eval(q)
		if err != nil {
			return nil, err
		}
		for s := range sets {
			switch {
			case more[s] == nil:
			case sets[s] == nil:
				sets[s] = more[s]
			default:
				sets[s].Or(more[s])
			}
		}
	}
	return sets, nil
}

// orInto is what zapx's postings lists offer: their documents ORed into
// a bitmap without decoding them.
type orInto interface{ OrInto(*roaring.Bitmap) }

// term is the documents holding term in field, or any of the synonyms
// Bleve's synonym source gives it there.
func (ev *bitmapEval) term(field, term string) ([]*roaring.Bitmap, error) {
	if field == "" {
		field = ev.m.DefaultSearchField()
	}
	terms := append([]string{term}, ev.fts[field][term]...)
	dicts, err := ev.dictionaries(field)
	if err != nil {
		return nil, err
	}
	sets := make([]*roaring.Bitmap, len(ev.segs))
	var pl segment.PostingsList
	for s, dict := range dicts {
		if dict == nil {
			continue
		}
		for _, t := range terms {
			if pl, err = dict.PostingsList([]byte(t), nil, pl); err != nil {
				return nil, err
			}
			if pl == nil || pl.Count() == 0 {
				continue
			}
			if sets[s] == nil {
				sets[s] = roaring.New()
			}
			if oi, ok := pl.(orInto); ok {
				oi.OrInto(sets[s])
				continue
			}
			it := pl.Iterator(false, false, false, nil)
			for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
				if err != nil {
					return nil, err
				}
				sets[s].Add(uint32(p.Number()))
			}
		}
	}
	return sets, nil
}

// dictionaries are field's term dictionaries, one per segment.
func (ev *bitmapEval) dictionaries(field string) ([]segment.TermDictionary, error) {
	if d, ok := ev.dicts[field]; ok {
		return d, nil
	}
	out := make([]segment.TermDictionary, len(ev.segs))
	for s, ss := range ev.segs {
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		out[s] = d
	}
	if ev.dicts == nil {
		ev.dicts = map[string][]segment.TermDictionary{}
	}
	ev.dicts[field] = out
	return out, nil
}

// searched finds q's matches with its own Bleve searcher, unscored,
// stepping through them without a collector.
func (ev *bitmapEval) searched(q query.Query) ([]*roaring.Bitmap, error) {
	return ev.remembered(q, ev.search)
}

// remembered is find(q), kept for the next time when q is held more than
// once in what is evaluated (prepare).
func (ev *bitmapEval) remembered(q query.Query, find func(query.Query) ([]*roaring.Bitmap, error)) ([]*roaring.Bitmap, error) {
	if sets, ok := ev.found[q]; ok {
		return cloneSets(sets), nil
	}
	sets, err := find(q)
	if err != nil || ev.repeats[q] < 2 {
		return sets, err
	}
	if ev.found == nil {
		ev.found = map[query.Query][]*roaring.Bitmap{}
	}
	ev.found[q] = sets
	return cloneSets(sets), nil
}

// cloneSets copies sets: their users change them in place.
func cloneSets(sets []*roaring.Bitmap) []*roaring.Bitmap {
	out := make([]*roaring.Bitmap, len(sets))
	for s, set := range sets {
		if set != nil {
			out[s] = set.Clone()
		}
	}
	return out
}

// search steps q's own Bleve searcher.
func (ev *bitmapEval) search(q query.Query) ([]*roaring.Bitmap, error) {
	ctx := ev.ctx
	if ev.fts != nil {
		ctx = context.WithValue(ctx, search.FieldTermSynonymMapKey, ev.fts)
	}
	sch, err := q.Searcher(ctx, ev.snap, ev.m, search.SearcherOptions{Score: bleve.ScoreNone})
	if err != nil {
		return nil, err
	}
	defer sch.Close()
	offsets := make([]uint64, len(ev.segs)+1)
	for s, ss := range ev.segs {
		offsets[s+1] = offsets[s] + ss.Segment().Count()
	}
	sets := make([]*roaring.Bitmap, len(ev.segs))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(sch.DocumentMatchPoolSize(), 0)}
	s := 0
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := sch.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		doc := dm.IndexInternalID.Value()
		for doc >= offsets[s+1] {
			s++
		}
		if sets[s] == nil {
			sets[s] = roaring.New()
		}
		sets[s].Add(uint32(doc - offsets[s]))
		sctx.DocumentMatchPool.Put(dm)
	}
	return sets, nil
}
