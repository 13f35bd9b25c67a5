package index

import (
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// idCache remembers the document numbers, in the snapshot searched last,
// of the passages the top-k scorer returned. A search's later steps name
// those passages again by id (the rescore of the window, the details of a
// page: onlyIDs), and Bleve finds an id's document by a lookup in each
// segment's id dictionary, an FST walk per id and segment: 8% of a
// search at 10k passages. A number holds only in the snapshot it came
// from, so the cache is for one snapshot and starts again with the next.
type idCache struct {
	mu   sync.Mutex
	snap *scorch.IndexSnapshot
	docs map[string]uint64
}

// maxCachedIDs bounds the ids kept for one snapshot; past it the cache
// starts again.
const maxCachedIDs = 1 << 14

// put records that id is document doc of snap.
func (c *idCache) put(snap *scorch.IndexSnapshot, id string, doc uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != snap || len(c.docs) >= maxCachedIDs {
		c.snap, c.docs = snap, make(map[string]uint64, 256)
	}
	c.docs[id] = doc
}

// sets returns, one per segment of snap, the documents of ids, when the
// cache knows every one of them in snap.
func (c *idCache) sets(snap *scorch.IndexSnapshot, segs []*scorch.SegmentSnapshot, ids []string) ([]*roaring.Bitmap, bool) {
	c.mu.Lock()
	if c.snap != snap {
		c.mu.Unlock()
		return nil, false
	}
	docs := make([]uint64, len(ids))
	for i, id := range ids {
		d, ok := c.docs[id]
		if !ok {
			c.mu.Unlock()
			return nil, false
		}
		docs[i] = d
	}
	c.mu.Unlock()
	sets := make([]*roaring.Bitmap, len(segs))
	var start uint64
	for s, ss := range segs {
		end := start + ss.Segment().Count()
		for _, d := range docs {
			if d >= start && d < end {
				if sets[s] == nil {
					sets[s] = roaring.New()
				}
				sets[s].Add(uint32(d - start))
			}
		}
		start = end
	}
	return sets, true
}
