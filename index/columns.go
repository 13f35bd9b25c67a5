package index

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

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
// When no document of the segment has more than one value (a passage has
// one council, kind, region, year and article), single holds them
// directly: document d has terms[single[d]-1], or none when it is 0, and
// counting a match is one array read instead of three.
type column struct {
	terms  []string
	starts []uint32
	vals   []uint32
	single []uint32
}

// singleValued fills c.single when every document has at most one value.
func (c *column) singleValued() {
	n := len(c.starts) - 1
	for d := 0; d < n; d++ {
		if c.starts[d+1]-c.starts[d] > 1 {
			return
		}
	}
	c.single = make([]uint32, n)
	for d := 0; d < n; d++ {
		if c.starts[d+1] > c.starts[d] {
			c.single[d] = c.vals[c.starts[d]] + 1
		}
	}
}

// segColumns are the columns of one segment, in columnFields order.
type segColumns []column

// columnCache keeps the columns of the segments of recent snapshots, and
// for each recent set of segments the union of their terms.
type columnCache struct {
	mu     sync.Mutex
	segs   map[segment.Segment]segColumns
	unions map[string]*termUnion // by the snapshot's segments, see unionKey
	// building holds the segments whose columns a search is building;
	// other searches wait for that build instead of starting their own.
	// The first searches after serve opened a 1M-passage index each built
	// the columns of its one segment at once, on 2 cores, and two of 300
	// ran past their 2 s deadline (BENCHMARKS.md, "Serving alone at 1M").
	building map[segment.Segment]*columnBuild
}

// buildSegmentColumns builds a segment's columns (a variable so that a
// test can count the builds).
var buildSegmentColumns = buildColumns

// columnBuild is one segment's columns being built.
type columnBuild struct {
	done chan struct{} // closed when cols and err are set
	cols segColumns
	err  error
}

// segmentColumns returns seg's columns, building them once however many
// searches ask at the same time.
func (c *columnCache) segmentColumns(seg segment.Segment) (segColumns, error) {
	c.mu.Lock()
	if cols := c.segs[seg]; cols != nil {
		c.mu.Unlock()
		return cols, nil
	}
	if b := c.building[seg]; b != nil {
		c.mu.Unlock()
		<-b.done
		return b.cols, b.err
	}
	b := &columnBuild{done: make(chan struct{})}
	if c.building == nil {
		c.building = map[segment.Segment]*columnBuild{}
	}
	c.building[seg] = b
	c.mu.Unlock()

	b.cols, b.err = buildSegmentColumns(seg)
	c.mu.Lock()
	delete(c.building, seg)
	if b.err == nil {
		if c.segs == nil {
			c.segs = map[segment.Segment]segColumns{}
		}
		c.segs[seg] = b.cols
	}
	c.mu.Unlock()
	close(b.done)
	return b.cols, b.err
}

// termUnion numbers the terms of each column across the segments of one
// snapshot, so that counts made per segment by term ordinal add up in
// one array instead of a map by value: remap[s][col][o] is the union
// ordinal of segment s's term o of column col.
type termUnion struct {
	segs  []segment.Segment // whose terms these are
	terms [][]string        // per column
	remap [][][]uint32
}

// maxUnions bounds the term unions kept: one per snapshot still searched.
const maxUnions = 4

var errNoColumns = errors.New("facet columns: index segment has no doc values")

// columns returns the columns of every segment of snap, where each
// segment's documents start in snap's numbering, and the union of their
// terms.
func (c *columnCache) columns(snap *scorch.IndexSnapshot) ([]segColumns, []uint64, *termUnion, error) {
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
		cols, err := c.segmentColumns(seg)
		if err != nil {
			return nil, nil, nil, err
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
	// A union is dropped with its segments, before a new segment can be
	// allocated where one of them was and take its key.
	for key, u := range c.unions {
		for _, seg := range u.segs {
			if !live[seg] {
				delete(c.unions, key)
				break
			}
		}
	}
	key := unionKey(ss)
	u := c.unions[key]
	c.mu.Unlock()
	if u == nil {
		u = unionOf(ss, out)
		c.mu.Lock()
		if len(c.unions) >= maxUnions {
			clear(c.unions)
		}
		if c.unions == nil {
			c.unions = map[string]*termUnion{}
		}
		c.unions[key] = u
		c.mu.Unlock()
	}
	return out, offsets, u, nil
}

// unionKey names a snapshot's set of segments. Segments are immutable,
// so two snapshots with the same segments have the same terms.
func unionKey(ss []*scorch.SegmentSnapshot) string {
	var b strings.Builder
	for _, s := range ss {
		fmt.Fprintf(&b, "%p,", s.Segment())
	}
	return b.String()
}

// unionOf numbers the terms of each column across the segments ss, whose
// columns are segs.
func unionOf(ss []*scorch.SegmentSnapshot, segs []segColumns) *termUnion {
	u := &termUnion{terms: make([][]string, len(columnFields)), remap: make([][][]uint32, len(segs))}
	for _, s := range ss {
		u.segs = append(u.segs, s.Segment())
	}
	for col := range columnFields {
		ords := map[string]uint32{}
		for s, cols := range segs {
			if u.remap[s] == nil {
				u.remap[s] = make([][]uint32, len(columnFields))
			}
			remap := make([]uint32, len(cols[col].terms))
			for o, term := range cols[col].terms {
				g, ok := ords[term]
				if !ok {
					g = uint32(len(u.terms[col]))
					ords[term] = g
					u.terms[col] = append(u.terms[col], term)
				}
				remap[o] = g
			}
			u.remap[s][col] = remap
		}
	}
	return u
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
		cols[i].singleValued()
	}
	return cols, nil
}
