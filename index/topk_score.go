package index

import (
	"container/heap"
	"context"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Scoring one segment's candidates for searchTopK (topk.go).

// segScorer scores the candidates of one segment.
type segScorer struct {
	plan   *topKPlan
	ev     *bitmapEval
	s      int
	seg    segment.Segment
	offset uint64 // the segment's first document in the snapshot
	top    *topHits
	prune  bool
	// locs, when set, gathers the term locations of each match.
	locs map[uint64]search.FieldTermLocationMap
}

// scoreSegment scores the documents of set, one segment's candidates,
// that can enter the top hits, and returns how many match.
func (ix *Index) scoreSegment(ctx context.Context, sc *segScorer, set *roaring.Bitmap) (uint64, error) {
	plan, s := sc.plan, sc.s
	cursors := make([]leafCursor, len(plan.leaves))
	for i, leaf := range plan.leaves {
		dicts, err := sc.ev.dictionaries(leaf.field)
		if err != nil {
			return 0, err
		}
		c := &cursors[i]
		if dicts[s] == nil {
			continue
		}
		pl, err := dicts[s].PostingsList([]byte(leaf.term), nil, nil)
		if err != nil {
			return 0, err
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		c.withLoc = leaf.locs
		if sc.prune {
			if c.bounds, c.decoded, err = ix.bounds.of(sc.seg, leaf.field, leaf.term, leaf.avg, pl); err != nil {
				return 0, err
			}
		}
		if c.decoded == nil || c.withLoc {
			c.decoded = nil
			c.it = pl.Iterator(true, true, leaf.locs, nil)
		}
	}
	var matched uint64
	it := set.Iterator()
	curBlock := uint64(math.MaxUint64)
	var blockBound float64
	for n := 0; it.HasNext(); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		doc := uint64(it.PeekNext())
		if sc.prune {
			if b := doc >> boundBlockShift; b != curBlock {
				curBlock = b
				blockBound = plan.root.bound(cursors, int(b))
				if plan.should != nil {
					blockBound += plan.should.bound(cursors, int(b))
				}
				blockBound *= 1 + 1e-9
			}
			if sc.top.full() && blockBound <= sc.top.threshold() {
				it.AdvanceIfNeeded(uint32((curBlock + 1) << boundBlockShift))
				continue
			}
		}
		it.Next()
		for i := range cursors {
			if err := cursors[i].moveTo(doc); err != nil {
				return 0, err
			}
		}
		if !plan.root.eval(cursors, s, doc) {
			continue
		}
		matched++
		// Bleve's boolean searcher: the required clause's score, plus
		// the optional clause's where it matches.
		score := 0.0
		score += plan.root.score
		if plan.should != nil && plan.should.eval(cursors, s, doc) {
			score += plan.should.score
		}
		sc.top.offer(score, sc.offset+doc)
		if sc.locs != nil {
			tlm := search.FieldTermLocationMap{}
			plan.root.locations(cursors, tlm)
			if plan.should != nil && plan.should.ok {
				plan.should.locations(cursors, tlm)
			}
			sc.locs[sc.offset+doc] = tlm
		}
	}
	return matched, nil
}

// locations adds the locations of the terms of a matching node that
// ask for them, as Bleve's searchers report a match's term locations.
func (n *scoreNode) locations(cursors []leafCursor, tlm search.FieldTermLocationMap) {
	if !n.ok {
		return
	}
	switch n.kind {
	case scoreTerm:
		if n.locs {
			for _, l := range cursors[n.leaf].locs {
				addLocation(tlm, n, l)
			}
		}
		return
	case scorePhrase:
		// Bleve's phrase searcher reports the words of each occurrence
		// of the phrase, not every occurrence of its words.
		path := make([]search.Location, len(n.phrase))
		var walk func(i int, prev uint64, ap search.ArrayPositions)
		walk = func(i int, prev uint64, ap search.ArrayPositions) {
			switch {
			case i == len(n.phrase):
				for j, t := range n.terms {
					if t != nil && highlighted(t.field) {
						addLocation(tlm, t, path[j])
					}
				}
				return
			case n.phrase[i] < 0:
				walk(i+1, prev+1, ap)
				return
			}
			for _, l := range cursors[n.phrase[i]].locs {
				if i == 0 || l.Pos == prev+1 && l.ArrayPositions.Equals(ap) {
					path[i] = l
					walk(i+1, l.Pos, l.ArrayPositions)
				}
			}
		}
		walk(0, 0, nil)
		return
	}
	for _, k := range n.kids {
		k.locations(cursors, tlm)
	}
}

// bound is an upper bound of the node's score in block b.
func (n *scoreNode) bound(cursors []leafCursor, b int) float64 {
	switch n.kind {
	case scoreTerm:
		bs := cursors[n.leaf].bounds
		if b >= len(bs) {
			return 0
		}
		return n.idf * float64(bs[b]) * n.queryWeight
	case scoreIDs:
		return math.Abs(n.queryWeight)
	}
	sum := 0.0
	for _, k := range n.kids {
		sum += k.bound(cursors, b)
	}
	return sum
}

// eval scores doc as Bleve's searchers do (scorer.TermQueryScorer,
// ConjunctionQueryScorer, DisjunctionQueryScorer), leaving the score in
// n.score; it reports whether the node matches doc. The cursors are on
// doc or past it.
func (n *scoreNode) eval(cursors []leafCursor, s int, doc uint64) bool {
	n.ok = n.match(cursors, s, doc)
	return n.ok
}

func (n *scoreNode) match(cursors []leafCursor, s int, doc uint64) bool {
	switch n.kind {
	case scoreTerm:
		c := &cursors[n.leaf]
		if c.done || c.doc != doc {
			return false
		}
		var tf float64
		if c.freq < scorer.MaxSqrtCache {
			tf = scorer.SqrtCache[int(c.freq)]
		} else {
			tf = math.Sqrt(float64(c.freq))
		}
		norm := c.norm
		fieldLength := 1 / (norm * norm)
		score := n.idf * (tf * search.BM25_k1) /
			(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/n.avg)))
		if n.queryWeight != 1.0 {
			score = score * n.queryWeight
		}
		n.score = score
		return true
	case scoreAll:
		var sum float64
		for _, k := range n.kids {
			if !k.eval(cursors, s, doc) {
				return false
			}
			sum += k.score
		}
		n.score = sum
		return true
	case scoreNot:
		if n.sets != nil && n.sets[s] != nil && n.sets[s].Contains(uint32(doc)) ||
			n.keep != nil && (n.keep[s] == nil || !n.keep[s].Contains(uint32(doc))) ||
			!n.kids[0].eval(cursors, s, doc) {
			return false
		}
		n.score = n.kids[0].score
		return true
	case scoreIDs:
		if n.sets[s] == nil || !n.sets[s].Contains(uint32(doc)) {
			return false
		}
		score := 1.0 // scorer.ConstantScorer
		if n.queryWeight != 1.0 {
			score = score * n.queryWeight
		}
		n.score = score
		return true
	case scorePhrase:
		if !n.kids[0].eval(cursors, s, doc) || !n.inOrder(cursors) {
			return false
		}
		n.score = n.kids[0].score
		return true
	}
	var sum float64
	matched := 0
	for _, k := range n.kids {
		if k.eval(cursors, s, doc) {
			sum += k.score
			matched++
		}
	}
	if matched == 0 || matched < n.min {
		return false
	}
	coord := float64(matched) / float64(len(n.kids))
	n.score = sum * coord
	return true
}

// inOrder reports whether the phrase's terms stand at consecutive
// positions, a gap standing for any one word (searcher.findPhrasePaths
// with no slop).
func (n *scoreNode) inOrder(cursors []leafCursor) bool {
	for _, l := range cursors[n.phrase[0]].locs {
		if n.follows(cursors, 1, l.Pos, l.ArrayPositions) {
			return true
		}
	}
	return false
}

// follows reports whether the phrase's words from i on stand from
// position prev+1 on, in the value ap of a list field.
func (n *scoreNode) follows(cursors []leafCursor, i int, prev uint64, ap search.ArrayPositions) bool {
	if i == len(n.phrase) {
		return true
	}
	if n.phrase[i] < 0 {
		return n.follows(cursors, i+1, prev+1, ap)
	}
	for _, l := range cursors[n.phrase[i]].locs {
		if l.Pos == prev+1 && l.ArrayPositions.Equals(ap) && n.follows(cursors, i+1, l.Pos, ap) {
			return true
		}
	}
	return false
}

func addLocation(tlm search.FieldTermLocationMap, leaf *scoreNode, l search.Location) {
	terms := tlm[leaf.field]
	if terms == nil {
		terms = search.TermLocationMap{}
		tlm[leaf.field] = terms
	}
	terms[leaf.term] = append(terms[leaf.term], &search.Location{Pos: l.Pos, Start: l.Start, End: l.End, ArrayPositions: l.ArrayPositions})
}

// topHit is a scored document, numbered in the snapshot.
type topHit struct {
	score float64
	doc   uint64
}

// topHits keeps the k best hits: the highest scores, ties to the lower
// document number, as Bleve's collector keeps them. Its heap has the
// worst hit on top.
type topHits struct {
	k int
	h []topHit
}

func (t *topHits) Len() int { return len(t.h) }
func (t *topHits) Less(i, j int) bool {
	a, b := t.h[i], t.h[j]
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}
func (t *topHits) Swap(i, j int) { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topHits) Push(x any)    { t.h = append(t.h, x.(topHit)) }
func (t *topHits) Pop() any {
	x := t.h[len(t.h)-1]
	t.h = t.h[:len(t.h)-1]
	return x
}

func (t *topHits) full() bool { return len(t.h) >= t.k }

// threshold is the score a later document must beat to enter: the
// worst kept. Documents come in increasing number, so an equal score
// loses its tie.
func (t *topHits) threshold() float64 { return t.h[0].score }

// offer adds a hit whose document number is above every one offered
// before.
func (t *topHits) offer(score float64, doc uint64) {
	if len(t.h) < t.k {
		heap.Push(t, topHit{score: score, doc: doc})
		return
	}
	if score > t.h[0].score {
		t.h[0] = topHit{score: score, doc: doc}
		heap.Fix(t, 0)
	}
}

// sorted returns the hits best first.
func (t *topHits) sorted() []topHit {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b topHit) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		case a.doc < b.doc:
			return -1
		case a.doc > b.doc:
			return 1
		}
		return 0
	})
	return out
}
