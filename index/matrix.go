package index

import (
	"cmp"
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// CouncilTopicRow is one council's line of the councils × topics matrix.
type CouncilTopicRow struct {
	Council string `json:"council"`
	// Total is the number of the council's passages, with a topic or not.
	Total int `json:"total"`
	// Topics are the council's passages per topic, most first, then by
	// topic id; topics none of its passages touch are left out.
	Topics []FacetValue `json:"topics"`
}

// CouncilTopics counts, for every council, its passages and its passages
// per topic: what a search filtered on each council in turn would give
// as its total and topic facet, in one pass over the index. Rows come
// most passages first, then by council name. Deleted and replaced
// articles do not count; passages without a council are left out.
func (ix *Index) CouncilTopics(ctx context.Context) ([]CouncilTopicRow, error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	defer cancel()
	mc := &matrixCounter{columnWalk: columnWalk{cache: &ix.columns}}
	err := ix.read(func() error {
		sr := bleve.NewSearchRequestOptions(ix.allPassages(), 0, 0, false)
		sr.Score = bleve.ScoreNone
		hctx := context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(mc.handler))
		_, err := ix.alias.SearchInContext(hctx, sr)
		return err
	})
	if err != nil {
		return nil, ix.searchError(ctx, err)
	}
	return mc.rows(), nil
}

// The columns the matrix is counted from.
var (
	councilColumn = columnOf(fieldCouncil)
	topicColumn   = columnOf(fieldTopic)
)

// matrixCounter counts (council, topic) pairs over the passages a search
// yields, from the facet columns (facetcount.go). The search yields only
// live documents, so deleted passages are never counted.
type matrixCounter struct {
	columnWalk
	// counts[s] is segment s's matrix by term ordinals: council c's
	// count of topic t at c*width+t, and its passage total at
	// c*width+width-1, where width is the segment's topic count + 1.
	counts [][]uint32
}

// handler wraps Bleve's top-N handler (which, for no hits, only keeps
// the total), counting each match first.
func (mc *matrixCounter) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	return mc.wrap(sctx, func() { mc.counts = make([][]uint32, len(mc.segs)) }, mc.add)
}

// add counts one passage, numbered as in the snapshot.
func (mc *matrixCounter) add(doc uint64) {
	s, local := mc.locate(doc)
	councils, topics := &mc.segs[s][councilColumn], &mc.segs[s][topicColumn]
	width := len(topics.terms) + 1
	m := mc.counts[s]
	if m == nil {
		m = make([]uint32, len(councils.terms)*width)
		mc.counts[s] = m
	}
	ts := topics.vals[topics.starts[local]:topics.starts[local+1]]
	for _, c := range councils.vals[councils.starts[local]:councils.starts[local+1]] {
		row := m[int(c)*width : int(c+1)*width]
		row[width-1]++
		for _, t := range ts {
			row[t]++
		}
	}
}

// rows merges the segments' matrices by council and topic name.
func (mc *matrixCounter) rows() []CouncilTopicRow {
	type tally struct {
		total  int
		topics map[string]int
	}
	byCouncil := map[string]*tally{}
	for s, m := range mc.counts {
		if m == nil {
			continue
		}
		councils, topics := mc.segs[s][councilColumn].terms, mc.segs[s][topicColumn].terms
		width := len(topics) + 1
		for c, council := range councils {
			row := m[c*width : (c+1)*width]
			if council == "" || row[width-1] == 0 {
				continue
			}
			t := byCouncil[council]
			if t == nil {
				t = &tally{topics: map[string]int{}}
				byCouncil[council] = t
			}
			t.total += int(row[width-1])
			for ti, n := range row[:width-1] {
				if n > 0 {
					t.topics[topics[ti]] += int(n)
				}
			}
		}
	}
	out := make([]CouncilTopicRow, 0, len(byCouncil))
	for council, t := range byCouncil {
		r := CouncilTopicRow{Council: council, Total: t.total, Topics: make([]FacetValue, 0, len(t.topics))}
		for topic, n := range t.topics {
			r.Topics = append(r.Topics, FacetValue{Value: topic, Count: n})
		}
		sortFacet(r.Topics)
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b CouncilTopicRow) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.Council, b.Council))
	})
	return out
}
