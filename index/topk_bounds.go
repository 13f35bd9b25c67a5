package index

import (
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// boundBlockShift sets the block of the score bounds: documents
// [b<<boundBlockShift, (b+1)<<boundBlockShift) of a segment.
const boundBlockShift = 7

// maxBoundTerms bounds the terms whose bounds one segment keeps; past it
// the segment's bounds are dropped and built again as asked.
const maxBoundTerms = 4096

// boundCache keeps, per immutable segment and per term of a field, the
// largest BM25 term-frequency factor of the term's documents in each
// block: tf·k1 / (tf + k1·(1 − b + b·len/avg)), the part of a term's
// score that depends on the document. A term's score in a block is at
// most that times its idf and query weight. The factor depends on the
// field's average length, which depends on the whole snapshot, so the
// average is part of the key; it changes rarely (Bleve rounds it up to
// an integer). Bounds are built on first use of a term, from one pass
// over its postings in the segment.
type boundCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]map[boundKey][]float32
}

type boundKey struct {
	field, term string
	avg         float64
}

// of returns the bounds of term in field for seg, whose postings of the
// term are pl.
func (c *boundCache) of(seg segment.Segment, field, term string, avg float64, pl segment.PostingsList) ([]float32, error) {
	key := boundKey{field: field, term: term, avg: avg}
	c.mu.Lock()
	b, ok := c.segs[seg][key]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := buildBounds(seg.Count(), avg, pl)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.segs == nil {
		c.segs = map[segment.Segment]map[boundKey][]float32{}
	}
	terms := c.segs[seg]
	if terms == nil || len(terms) >= maxBoundTerms {
		terms = map[boundKey][]float32{}
		c.segs[seg] = terms
	}
	terms[key] = b
	return b, nil
}

// retain drops the bounds of segments no longer in snap.
func (c *boundCache) retain(snap *scorch.IndexSnapshot) {
	live := map[segment.Segment]bool{}
	for _, ss := range snap.Segments() {
		live[ss.Segment()] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for seg := range c.segs {
		if !live[seg] {
			delete(c.segs, seg)
		}
	}
}

// drop forgets every bound.
func (c *boundCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.segs = nil
}

// buildBounds reads a term's postings in a segment of n documents once.
func buildBounds(n uint64, avg float64, pl segment.PostingsList) ([]float32, error) {
	out := make([]float32, (n>>boundBlockShift)+1)
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			break
		}
		tf := math.Sqrt(float64(p.Frequency()))
		norm := p.Norm()
		fieldLength := 1 / (norm * norm)
		g := (tf * search.BM25_k1) /
			(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/avg)))
		f := float32(g)
		if float64(f) < g {
			f = math.Nextafter32(f, float32(math.Inf(1)))
		}
		if blk := p.Number() >> boundBlockShift; f > out[blk] {
			out[blk] = f
		}
	}
	return out, nil
}
