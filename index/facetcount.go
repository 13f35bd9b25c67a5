package index

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facet counting. Bleve counts a terms facet by reading, for every
// matching document, the document's values from the segment's doc values
// (a compressed chunk, a binary search, a hash of each value). With four
// facets on a common word that is most of the search's time. Segments
// never change once written, so the index keeps, per segment, each
// document's values of the facet fields as small integers (columns),
// built once from the same doc values, and counts a facet by indexing an
// array with them. The results are the same FacetResults Bleve would
// give; searchBleve hands them back in place of Bleve's.

// columnFields are the keyword fields whose facets are counted from
// columns: the counted facets of the registry, and article ids for
// collapsing.
var columnFields = func() []string {
	var out []string
	for _, f := range countedFacets() {
		out = append(out, f.field)
	}
	return append(out, fieldArticleID)
}()

func columnOf(field string) int {
	for i, f := range columnFields {
		if f == field {
			return i
		}
	}
	return -1
}

// column holds one field's values for every document of a segment:
// document d has the values terms[vals[i]] for i in starts[d]:starts[d+1].
type column struct {
	terms  []string
	starts []uint32
	vals   []uint32
}

// segColumns are the columns of one segment, in columnFields order.
type segColumns []column

// columnCache keeps the columns of the segments of recent snapshots.
type columnCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]segColumns
}

var errNoColumns = errors.New("facet columns: index segment has no doc values")

// columns returns the columns of every segment of snap and where each
// segment's documents start in snap's numbering.
func (c *columnCache) columns(snap *scorch.IndexSnapshot) ([]segColumns, []uint64, error) {
	ss := snap.Segments()
	out := make([]segColumns, len(ss))
	offsets := make([]uint64, len(ss))
	var next uint64
	live := make(map[segment.Segment]bool, len(ss))
	for i, s := range ss {
		seg := s.Segment()
		offsets[i] = next
		next += seg.Count()
		live[seg] = true
		c.mu.Lock()
		cols := c.segs[seg]
		c.mu.Unlock()
		if cols == nil {
			var err error
			if cols, err = buildColumns(seg); err != nil {
				return nil, nil, err
			}
			c.mu.Lock()
			if c.segs == nil {
				c.segs = map[segment.Segment]segColumns{}
			}
			c.segs[seg] = cols
			c.mu.Unlock()
		}
		out[i] = cols
	}
	// Columns of segments merged away are dropped. A search still on an
	// older snapshot rebuilds what it needs.
	c.mu.Lock()
	for seg := range c.segs {
		if !live[seg] {
			delete(c.segs, seg)
		}
	}
	c.mu.Unlock()
	return out, offsets, nil
}

// buildColumns reads the facet fields' doc values of every document of
// seg, deleted or not: a search never yields deleted documents.
func buildColumns(seg segment.Segment) (segColumns, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, errNoColumns
	}
	n := seg.Count()
	cols := make(segColumns, len(columnFields))
	ords := make([]map[string]uint32, len(columnFields))
	for i := range cols {
		cols[i].starts = make([]uint32, 0, n+1)
		ords[i] = map[string]uint32{}
	}
	visit := func(field string, term []byte) {
		i := columnOf(field)
		if i < 0 {
			return
		}
		c := &cols[i]
		o, ok := ords[i][string(term)]
		if !ok {
			o = uint32(len(c.terms))
			ords[i][string(term)] = o
			c.terms = append(c.terms, string(term))
		}
		c.vals = append(c.vals, o)
	}
	var state segment.DocVisitState
	for d := uint64(0); d < n; d++ {
		for i := range cols {
			cols[i].starts = append(cols[i].starts, uint32(len(cols[i].vals)))
		}
		var err error
		if state, err = dv.VisitDocValues(d, columnFields[:], visit, state); err != nil {
			return nil, err
		}
	}
	for i := range cols {
		cols[i].starts = append(cols[i].starts, uint32(len(cols[i].vals)))
	}
	return cols, nil
}

// facetAsk is one terms facet of a search request counted from columns.
type facetAsk struct {
	name   string
	column int
	size   int
}

// facetCounter counts the asked facets over the documents one search
// matches. Bleve hands it each match through a document match handler.
type facetCounter struct {
	columnWalk
	asks []facetAsk

	// counts[s][a] counts, by term ordinal, ask a's values in segment s.
	counts  [][][]uint32
	missing []int // documents without a value, per ask
}

// handler wraps Bleve's top-N handler, counting each match first.
func (fc *facetCounter) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	return fc.wrap(sctx, func() {
		fc.counts = make([][][]uint32, len(fc.segs))
		fc.missing = make([]int, len(fc.asks))
	}, fc.add)
}

// columnWalk finds a snapshot's documents in the cached facet columns of
// its segments, for counters that run inside a Bleve search.
type columnWalk struct {
	cache   *columnCache
	segs    []segColumns
	offsets []uint64 // first snapshot document number of each segment
	cur     int      // segment of the last document located
}

// wrap loads the columns of the search's snapshot, calls start, and
// returns Bleve's top-N handler with each match passed to add first.
func (w *columnWalk) wrap(sctx *search.SearchContext, start func(), add func(doc uint64)) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, errNoColumns
	}
	if w.segs, w.offsets, err = w.cache.columns(snap); err != nil {
		return nil, false, err
	}
	start()
	return func(d *search.DocumentMatch) error {
		if d != nil {
			add(d.IndexInternalID.Value())
		}
		return next(d)
	}, loadID, nil
}

// locate returns the segment of doc, numbered as in the snapshot, and its
// number within that segment. Matches arrive in document order, so the
// segment of the last one is tried first.
func (w *columnWalk) locate(doc uint64) (int, uint64) {
	s := w.cur
	if doc < w.offsets[s] || (s+1 < len(w.offsets) && doc >= w.offsets[s+1]) {
		s = sort.Search(len(w.offsets), func(i int) bool { return w.offsets[i] > doc }) - 1
		w.cur = s
	}
	return s, doc - w.offsets[s]
}

// add counts one matching document, numbered as in the snapshot.
func (fc *facetCounter) add(doc uint64) {
	s, local := fc.locate(doc)
	segCounts := fc.counts[s]
	if segCounts == nil {
		segCounts = make([][]uint32, len(fc.asks))
		for a, ask := range fc.asks {
			segCounts[a] = make([]uint32, len(fc.segs[s][ask.column].terms))
		}
		fc.counts[s] = segCounts
	}
	for a, ask := range fc.asks {
		c := &fc.segs[s][ask.column]
		vals := c.vals[c.starts[local]:c.starts[local+1]]
		if len(vals) == 0 {
			fc.missing[a]++
		}
		cnt := segCounts[a]
		for _, o := range vals {
			cnt[o]++
		}
	}
}

// result is ask a's facet as Bleve's terms facet builder makes it: the
// top size values by count, then by value. The counts of one segment are
// read by ordinal; a map by value is built only when a second segment
// has counts to add, and only the top size values are kept in order.
func (fc *facetCounter) result(a int, field string) *search.FacetResult {
	ask := fc.asks[a]
	var tfs []search.TermFacet
	var byTerm map[string]int // value → index in tfs, once a second segment counts
	total, segments := 0, 0
	for s, segCounts := range fc.counts {
		if segCounts == nil {
			continue
		}
		if segments++; segments == 2 {
			byTerm = make(map[string]int, len(tfs))
			for i, tf := range tfs {
				byTerm[tf.Term] = i
			}
		}
		terms := fc.segs[s][ask.column].terms
		for o, n := range segCounts[a] {
			if n == 0 {
				continue
			}
			total += int(n)
			if byTerm != nil {
				if i, ok := byTerm[terms[o]]; ok {
					tfs[i].Count += int(n)
					continue
				}
				byTerm[terms[o]] = len(tfs)
			}
			tfs = append(tfs, search.TermFacet{Term: terms[o], Count: int(n)})
		}
	}
	rv := &search.FacetResult{Field: field, Total: total, Missing: fc.missing[a], Terms: &search.TermFacets{}}
	shown := 0
	top := topFacets(tfs, ask.size)
	for i := range top {
		rv.Terms.Add(&top[i])
		shown += top[i].Count
	}
	rv.Other = total - shown
	return rv
}

// facetBefore orders facet values as Bleve does: by count, then by value.
func facetBefore(a, b search.TermFacet) bool {
	return a.Count > b.Count || a.Count == b.Count && a.Term < b.Term
}

// topFacets reorders tfs so that its first values are the top size in
// order, and returns them. A facet with many values (speakers, article
// ids) keeps a sorted top size as it goes instead of sorting them all.
func topFacets(tfs []search.TermFacet, size int) []search.TermFacet {
	cmpFacets := func(a, b search.TermFacet) int {
		switch {
		case facetBefore(a, b):
			return -1
		case facetBefore(b, a):
			return 1
		}
		return 0
	}
	if size <= 0 {
		return nil
	}
	if len(tfs) <= 4*size {
		slices.SortFunc(tfs, cmpFacets)
		return tfs[:min(size, len(tfs))]
	}
	top := tfs[:size]
	slices.SortFunc(top, cmpFacets)
	for i := size; i < len(tfs); i++ {
		tf := tfs[i]
		if !facetBefore(tf, top[size-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, tf, cmpFacets)
		copy(top[at+1:], top[at:size-1])
		top[at] = tf
	}
	return top
}

// searchBleve runs sr on the live index. The terms facets it asks for on
// the column fields are counted from columns instead of by Bleve, and
// put in the result under the names they were asked by.
//
// A request for no hits (a count, or facets alone) is run unscored:
// the scores would be thrown away, and without them Bleve can answer a
// disjunction of terms by a union of their postings bitmaps.
func (ix *Index) searchBleve(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if sr.Size == 0 && sr.Score == "" && len(sr.Sort) <= 1 {
		sr.Score = bleve.ScoreNone
		defer func() { sr.Score = "" }()
	}
	asked := sr.Facets
	var asks []facetAsk
	var fields []string
	rest := bleve.FacetsRequest{}
	for name, fr := range asked {
		col := columnOf(fr.Field)
		if col < 0 || fr.NumericRanges != nil || fr.DateTimeRanges != nil || fr.TermPrefix != "" || fr.TermPattern != "" {
			rest[name] = fr
			continue
		}
		asks = append(asks, facetAsk{name: name, column: col, size: fr.Size})
		fields = append(fields, fr.Field)
	}
	if len(asks) == 0 {
		return ix.alias.SearchInContext(ctx, sr)
	}
	sr.Facets = rest
	if len(rest) == 0 {
		sr.Facets = nil
	}
	defer func() { sr.Facets = asked }()
	fc := &facetCounter{columnWalk: columnWalk{cache: &ix.columns}, asks: asks}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(fc.handler))
	br, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	if br.Facets == nil {
		br.Facets = search.FacetResults{}
	}
	for a, ask := range asks {
		if fc.counts == nil {
			// The handler never ran: nothing was searched.
			br.Facets[ask.name] = &search.FacetResult{Field: fields[a], Terms: &search.TermFacets{}}
			continue
		}
		br.Facets[ask.name] = fc.result(a, fields[a])
	}
	return br, nil
}
