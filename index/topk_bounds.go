package index

import (
	"cmp"
	"fmt"
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
	// posts keeps, beside the bounds, the postings the same pass read,
	// decoded (decodedPostings), while postsBytes stays within
	// postingsBudget; postsBytes is what the kept ones take.
	posts      map[segment.Segment]map[postKey]*decodedPostings
	postsBytes int64
	budget     int64 // postingsBudget when 0
}

// postingsBudget bounds the memory of the decoded postings an index keeps
// (boundCache.posts): 64 MiB holds, at 100k passages, the body postings
// of the hundred or so commonest words. Past it a term is stepped through
// zapx's encoded postings as before; the decoded ones go with their
// segment.
const postingsBudget = 64 << 20

type postKey struct{ field, term string }

// decodedPostings is one term's postings in one segment, decoded: the
// scorer steps through them by binary search instead of decoding zapx's
// chunks of varints (and a square root per norm) at every search. They
// are what a postings iterator without locations gives, so scores are
// unchanged.
type decodedPostings struct {
	docs  []uint32
	freqs []uint32
	norms []float32 // Posting.Norm is a float32 widened, so none is lost
}

func (d *decodedPostings) bytes() int64 { return int64(len(d.docs)) * 12 }

type boundKey struct {
	field, term string
	avg         float64
}

// of returns the bounds of term in field for seg, whose postings of the
// term are pl, and the term's decoded postings when they are kept (nil
// when not).
func (c *boundCache) of(seg segment.Segment, field, term string, avg float64, pl segment.PostingsList) ([]float32, *decodedPostings, error) {
	key := boundKey{field: field, term: term, avg: avg}
	pk := postKey{field: field, term: term}
	c.mu.Lock()
	b, ok := c.segs[seg][key]
	dp := c.posts[seg][pk]
	budget := cmp.Or(c.budget, postingsBudget)
	want := dp == nil && c.postsBytes+int64(pl.Count())*12 <= budget
	c.mu.Unlock()
	if ok && !want {
		return b, dp, nil
	}
	var keep *decodedPostings
	if want {
		n := pl.Count()
		keep = &decodedPostings{docs: make([]uint32, 0, n), freqs: make([]uint32, 0, n), norms: make([]float32, 0, n)}
	}
	b, err := buildBounds(seg.Count(), avg, pl, keep)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.segs == nil {
		c.segs = map[segment.Segment]map[boundKey][]float32{}
		c.posts = map[segment.Segment]map[postKey]*decodedPostings{}
	}
	terms := c.segs[seg]
	if terms == nil || len(terms) >= maxBoundTerms {
		terms = map[boundKey][]float32{}
		c.segs[seg] = terms
	}
	terms[key] = b
	if keep != nil && c.posts[seg][pk] == nil && c.postsBytes+keep.bytes() <= budget {
		if c.posts[seg] == nil {
			c.posts[seg] = map[postKey]*decodedPostings{}
		}
		c.posts[seg][pk] = keep
		c.postsBytes += keep.bytes()
	}
	return b, c.posts[seg][pk], nil
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
	for seg, terms := range c.posts {
		if !live[seg] {
			for _, dp := range terms {
				c.postsBytes -= dp.bytes()
			}
			delete(c.posts, seg)
		}
	}
}

// drop forgets every bound.
func (c *boundCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.segs = nil
	c.posts = nil
	c.postsBytes = 0
}

// buildBounds reads a term's postings in a segment of n documents once,
// keeping them in keep when it is not nil.
func buildBounds(n uint64, avg float64, pl segment.PostingsList, keep *decodedPostings) ([]float32, error) {
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
		if keep != nil {
			if p.Number() > math.MaxUint32 || p.Frequency() > math.MaxUint32 {
				return nil, fmt.Errorf("posting %d (frequency %d) does not fit the decoded postings", p.Number(), p.Frequency())
			}
			keep.docs = append(keep.docs, uint32(p.Number()))
			keep.freqs = append(keep.freqs, uint32(p.Frequency()))
			keep.norms = append(keep.norms, float32(norm))
		}
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
