package index

import (
	"context"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
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

	// cur is what counting a match of segment curSeg reads and writes,
	// one entry per ask, set up when the matches move to a new segment.
	curSeg int
	cur    []askCounts
}

// askCounts is one ask's column in the current segment and its counts.
type askCounts struct {
	column
	counts []uint32
}

// handler wraps Bleve's top-N handler, counting each match first.
func (fc *facetCounter) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	return fc.wrap(sctx, func() {
		fc.counts = make([][][]uint32, len(fc.segs))
		fc.missing = make([]int, len(fc.asks))
		fc.curSeg = -1
		fc.cur = make([]askCounts, len(fc.asks))
	}, fc.add)
}

// columnWalk finds a snapshot's documents in the cached facet columns of
// its segments, for counters that run inside a Bleve search.
type columnWalk struct {
	cache   *columnCache
	segs    []segColumns
	union   *termUnion
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
	if w.segs, w.offsets, w.union, err = w.cache.columns(snap); err != nil {
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

// add counts one matching document, numbered as in the snapshot. It
// runs once per match of every counted search, so the columns of the
// segment being counted are kept at hand in fc.cur.
func (fc *facetCounter) add(doc uint64) {
	s, local := fc.locate(doc)
	if s != fc.curSeg {
		fc.enterSegment(s)
	}
	fc.addLocal(local)
}

// addLocal counts document local of the segment entered last.
func (fc *facetCounter) addLocal(local uint64) {
	for a := range fc.cur {
		ac := &fc.cur[a]
		if ac.single != nil {
			if o := ac.single[local]; o != 0 {
				ac.counts[o-1]++
			} else {
				fc.missing[a]++
			}
			continue
		}
		vals := ac.vals[ac.starts[local]:ac.starts[local+1]]
		if len(vals) == 0 {
			fc.missing[a]++
		}
		for _, o := range vals {
			ac.counts[o]++
		}
	}
}

// addMany counts documents docs of the segment entered last, as addLocal
// does one by one: a set's documents are taken from its bitmap a block
// at a time and counted column by column, so each column's values and
// counts stay in cache and the loop over the columns is not paid per
// document (BENCHMARKS.md, "Query path at 10k and the ingest ceiling",
// experiment 5).
func (fc *facetCounter) addMany(docs []uint32) {
	for a := range fc.cur {
		ac := &fc.cur[a]
		counts := ac.counts
		missing := 0
		if single := ac.single; single != nil {
			for _, d := range docs {
				if o := single[d]; o != 0 {
					counts[o-1]++
				} else {
					missing++
				}
			}
			fc.missing[a] += missing
			continue
		}
		starts, vals := ac.starts, ac.vals
		for _, d := range docs {
			lo, hi := starts[d], starts[d+1]
			if lo == hi {
				missing++
			}
			for _, o := range vals[lo:hi] {
				counts[o]++
			}
		}
		fc.missing[a] += missing
	}
}

// enterSegment makes segment s the one add counts in, allocating its
// counts the first time.
func (fc *facetCounter) enterSegment(s int) {
	segCounts := fc.counts[s]
	if segCounts == nil {
		segCounts = make([][]uint32, len(fc.asks))
		for a, ask := range fc.asks {
			segCounts[a] = make([]uint32, len(fc.segs[s][ask.column].terms))
		}
		fc.counts[s] = segCounts
	}
	for a, ask := range fc.asks {
		fc.cur[a] = askCounts{column: fc.segs[s][ask.column], counts: segCounts[a]}
	}
	fc.curSeg = s
}

// result is ask a's facet as Bleve's terms facet builder makes it: the
// top size values by count, then by value. The counts of each segment
// are added by union ordinal, and only the top size values are ordered.
func (fc *facetCounter) result(a int, field string) *search.FacetResult {
	ask := fc.asks[a]
	terms := fc.union.terms[ask.column]
	top := facetTop{size: ask.size}
	counted, only := 0, -1
	for s, segCounts := range fc.counts {
		if segCounts != nil {
			counted, only = counted+1, s
		}
	}
	if counted == 1 {
		// One segment counted (an index compacted, or matches in one
		// segment): its counts are the totals, with no array of the
		// union's size to add them into. A column of speakers or article
		// ids has thousands of values; that array was a third of the
		// bytes a search allocated.
		remap := fc.union.remap[only][ask.column]
		for o, n := range fc.counts[only][a] {
			if n > 0 {
				top.add(terms[remap[o]], int(n))
			}
		}
	} else {
		counts := make([]int, len(terms))
		for s, segCounts := range fc.counts {
			if segCounts == nil {
				continue
			}
			remap := fc.union.remap[s][ask.column]
			for o, n := range segCounts[a] {
				counts[remap[o]] += int(n)
			}
		}
		for g, n := range counts {
			if n > 0 {
				top.add(terms[g], n)
			}
		}
	}
	rv := &search.FacetResult{Field: field, Total: top.total, Missing: fc.missing[a], Terms: &search.TermFacets{}}
	shown := 0
	for i := range top.top {
		rv.Terms.Add(&top.top[i])
		shown += top.top[i].Count
	}
	rv.Other = top.total - shown
	return rv
}

// facetBefore orders facet values as Bleve does: by count, then by value.
func facetBefore(a, b search.TermFacet) bool {
	return a.Count > b.Count || a.Count == b.Count && a.Term < b.Term
}

// facetTop keeps the top size values of a facet in order as they are
// added, and the total of every count added: a facet with many values
// (speakers, article ids) is never held whole.
type facetTop struct {
	size  int
	top   []search.TermFacet
	total int
}

func (t *facetTop) add(term string, count int) {
	t.total += count
	tf := search.TermFacet{Term: term, Count: count}
	if t.size <= 0 || len(t.top) == t.size && !facetBefore(tf, t.top[t.size-1]) {
		return
	}
	at, _ := slices.BinarySearchFunc(t.top, tf, func(a, b search.TermFacet) int {
		switch {
		case facetBefore(a, b):
			return -1
		case facetBefore(b, a):
			return 1
		}
		return 0
	})
	if len(t.top) < t.size {
		t.top = append(t.top, search.TermFacet{})
	}
	copy(t.top[at+1:], t.top[at:len(t.top)-1])
	t.top[at] = tf
}

// searchBleve runs sr on the live index. The terms facets it asks for on
// the column fields are counted from columns instead of by Bleve, and
// put in the result under the names they were asked by.
//
// A request for no hits (a count, or facets alone) is run unscored:
// the scores would be thrown away, and without them Bleve can answer a
// disjunction of terms by a union of their postings bitmaps.
func (ix *Index) searchBleve(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if !ix.collectCounts && bitmapCountable(sr) {
		return ix.countBitmaps(ctx, sr)
	}
	if ix.seeBleve != nil {
		ix.seeBleve(sr)
	}
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
