package index

import (
	"container/heap"
	"context"
	"math"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Top-k without scoring every match. The every-word body search of a
// multi-word query keeps the first rescoreWindow of tens of thousands of
// matches; Bleve scores each one and passes it through its collector.
// Here the matches are found per segment as bitmaps (bitmapcount.go),
// and a match is scored only when the sum of its terms' score bounds in
// its block of documents (topk_bounds.go) can beat the k-th best score
// found so far: block-max pruning. The scores are Bleve's own, term by
// term — the same BM25 statistics, query norm, synonym boosts and
// coordination, summed in the order Bleve's searchers sum them — so the
// hits, their order (ties by document order, as Bleve's collector breaks
// them) and their scores are what Bleve returns. Queries of other shapes
// (phrases, prefixes, fuzzy words, a sort) go to Bleve.

// topKTakes reports whether sr is answered by topK: hits by relevance
// alone, with nothing of them but ids and scores, and facets that
// columns count.
func topKTakes(sr *bleve.SearchRequest) bool {
	if sr.Size <= 0 || sr.Highlight != nil || sr.Explain ||
		sr.Score != "" || sr.SearchAfter != nil || sr.SearchBefore != nil {
		return false
	}
	if len(sr.Sort) > 1 {
		return false
	}
	if len(sr.Sort) == 1 {
		s, ok := sr.Sort[0].(*search.SortScore)
		if !ok || !s.Desc {
			return false
		}
	}
	for _, fr := range sr.Facets {
		if !columnFacet(fr) {
			return false
		}
	}
	return true
}

// scoreKind is the kind of a node of a scored query.
type scoreKind int

const (
	scoreTerm   scoreKind = iota
	scoreAll              // conjunction
	scoreAny              // disjunction
	scoreNot              // a required clause less excluded documents
	scoreIDs              // documents by id, at a constant score
	scorePhrase           // a phrase: the conjunction of its terms where they are in order
)

// scoreNode mirrors one Bleve searcher of a query made of term,
// conjunction and disjunction queries.
type scoreNode struct {
	kind scoreKind
	// count is what the searcher's Count gives: a term's documents
	// (deleted ones left out), a composite's sum of its children's.
	count uint64
	// kids are in Bleve's order: sorted by count, stably.
	kids []*scoreNode
	min  int // a disjunction's minimum of matching children
	// sets, in a scoreNot node, are the excluded documents of each
	// segment, in a scoreIDs node the documents named (nil: none);
	// setQ is their query.
	sets []*roaring.Bitmap
	setQ query.Query
	// phrase, in a scorePhrase node, has for each position of the phrase
	// the leaf of its term, or -1 for a gap a stop word left.
	phrase []int
	terms  []*scoreNode // a phrase's term at each position, nil at a gap
	// ok says whether the node matched the document last evaluated.
	ok bool

	// A term; locs asks for its positions.
	locs        bool
	field, term string
	boost       float64
	idf, avg    float64
	queryWeight float64
	leaf        int // index in topKPlan.leaves
	score       float64
}

// weight is the searcher's Weight: the sum of its terms' squared boosted
// idfs, added up as Bleve adds them.
func (n *scoreNode) weight() float64 {
	switch n.kind {
	case scoreTerm:
		sum := n.boost * n.idf
		return sum * sum
	case scoreIDs:
		sum := n.boost
		return sum * sum
	}
	sum := 0.0
	for _, k := range n.kids {
		sum += k.weight()
	}
	return sum
}

func (n *scoreNode) setQueryNorm(qnorm float64) {
	switch n.kind {
	case scoreTerm:
		n.queryWeight = n.boost * n.idf * qnorm
		return
	case scoreIDs:
		n.queryWeight = n.boost * qnorm
		return
	}
	for _, k := range n.kids {
		k.setQueryNorm(qnorm)
	}
}

// topKPlan is a query ready to be scored: its tree of searchers, their
// terms, and the sets of documents it matches.
type topKPlan struct {
	// root is the required clause; should, when set, the optional one
	// (Bleve's boolean searcher adds its score where it matches).
	root, should *scoreNode
	leaves       []*scoreNode
	// nots and ids hold per-segment sets, read before scoring.
	nots, ids []*scoreNode
	// only, when set, is a query of document ids the required clause
	// holds: the candidates are its documents, checked against the rest.
	only query.Query
}

// errTopKShape says that a query has a part topK does not score.
type errTopKShape struct{}

func (errTopKShape) Error() string { return "top-k: query shape not scored here" }

// planner builds a topKPlan from a query as Bleve's searchers would.
type planner struct {
	snap *scorch.IndexSnapshot
	m    mapping.IndexMapping
	fts  search.FieldTermSynonymMap
	plan *topKPlan
	// docTotal is the index's document count, as BM25 takes it.
	docTotal uint64
	avgs     map[string]float64
	// details asks for the positions and offsets of the terms of the
	// fields hits are highlighted in.
	details bool
}

// highlighted reports whether a hit's highlights are cut from field's
// matches (passageHighlights): the only term locations the index reads.
func highlighted(field string) bool { return field == fieldText || field == fieldQuestion }

func (p *planner) node(q query.Query) (*scoreNode, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		field := q.FieldVal
		if field == "" {
			field = p.m.DefaultSearchField()
		}
		boost := q.BoostVal.Value()
		syns := p.fts[field][q.Term]
		if len(syns) == 0 {
			return p.term(field, q.Term, boost)
		}
		// Bleve's synonym searcher: the term and each synonym at half
		// the boost, as a disjunction.
		kids := make([]*scoreNode, 0, len(syns)+1)
		for i, t := range append([]string{q.Term}, syns...) {
			b := boost
			if i > 0 {
				b = boost / 2.0
			}
			k, err := p.term(field, t, b)
			if err != nil {
				return nil, err
			}
			kids = append(kids, k)
		}
		return p.composite(scoreAny, kids, 0)
	case *query.ConjunctionQuery:
		kids, err := p.nodes(q.Conjuncts)
		if err != nil {
			return nil, err
		}
		return p.composite(scoreAll, kids, 0)
	case *query.DisjunctionQuery:
		if len(q.Disjuncts) == 0 || q.Min > 1 {
			return nil, errTopKShape{}
		}
		kids, err := p.nodes(q.Disjuncts)
		if err != nil {
			return nil, err
		}
		return p.composite(scoreAny, kids, int(q.Min))
	case *query.DocIDQuery:
		n := &scoreNode{kind: scoreIDs, boost: q.BoostVal.Value(), count: uint64(len(q.IDs)), setQ: q, queryWeight: 1.0}
		p.plan.ids = append(p.plan.ids, n)
		return n, nil
	case *query.MatchPhraseQuery:
		return p.phrase(q)
	case *query.BooleanQuery:
		// Bleve's boolean searcher of a required clause and exclusions
		// scores as the required clause.
		if q.Must == nil || q.Should != nil || q.Filter != nil {
			return nil, errTopKShape{}
		}
		must, err := p.node(q.Must)
		if err != nil || q.MustNot == nil {
			return must, err
		}
		n := &scoreNode{kind: scoreNot, kids: []*scoreNode{must}, count: must.count, setQ: q.MustNot}
		p.plan.nots = append(p.plan.nots, n)
		return n, nil
	}
	return nil, errTopKShape{}
}

// phrase is Bleve's phrase searcher of a match-phrase query
// (query.MatchPhraseQuery, searcher.NewMultiPhraseSearcher): the
// conjunction of its terms, scored as such, where they stand at
// consecutive positions of one value of the field. Phrases whose words
// have synonyms there and fuzzy phrases are left to Bleve.
func (p *planner) phrase(q *query.MatchPhraseQuery) (*scoreNode, error) {
	field := q.FieldVal
	if field == "" {
		field = p.m.DefaultSearchField()
	}
	if q.Fuzziness != 0 || q.Analyzer != "" {
		return nil, errTopKShape{}
	}
	a := p.m.AnalyzerNamed(p.m.AnalyzerNameForPath(field))
	if a == nil {
		return nil, errTopKShape{}
	}
	tokens := a.Analyze([]byte(q.MatchPhrase))
	if len(tokens) == 0 {
		return nil, errTopKShape{}
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	at := make([][]string, last-first+1)
	for _, t := range tokens {
		at[t.Position-first] = append(at[t.Position-first], string(t.Term))
	}
	n := &scoreNode{kind: scorePhrase, phrase: make([]int, len(at)), terms: make([]*scoreNode, len(at))}
	var kids []*scoreNode
	for i, terms := range at {
		n.phrase[i] = -1
		switch {
		case len(terms) == 0:
			continue
		case len(terms) > 1 || terms[0] == "" || len(p.fts[field][terms[0]]) > 0:
			return nil, errTopKShape{}
		}
		leaf, err := p.term(field, terms[0], q.BoostVal.Value())
		if err != nil {
			return nil, err
		}
		leaf.locs = true
		n.phrase[i], n.terms[i] = leaf.leaf, leaf
		kids = append(kids, leaf)
	}
	all, err := p.composite(scoreAll, kids, 0)
	if err != nil {
		return nil, err
	}
	n.kids, n.count = []*scoreNode{all}, all.count
	return n, nil
}

func (p *planner) nodes(qs []query.Query) ([]*scoreNode, error) {
	out := make([]*scoreNode, 0, len(qs))
	for _, q := range qs {
		n, err := p.node(q)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// composite orders kids as Bleve's conjunction and disjunction searchers
// do (sort.Sort by count; for the few children of our queries that is an
// insertion sort, which is stable). A disjunction of more children than
// searcher.DisjunctionHeapTakeover uses a heap, whose order of adding up
// is not reproduced here.
func (p *planner) composite(kind scoreKind, kids []*scoreNode, min int) (*scoreNode, error) {
	if len(kids) == 0 || len(kids) > 12 || (kind == scoreAny && len(kids) > searcher.DisjunctionHeapTakeover) {
		return nil, errTopKShape{}
	}
	slices.SortStableFunc(kids, func(a, b *scoreNode) int {
		switch {
		case a.count < b.count:
			return -1
		case a.count > b.count:
			return 1
		}
		return 0
	})
	n := &scoreNode{kind: kind, kids: kids, min: min}
	for _, k := range kids {
		n.count += k.count
	}
	return n, nil
}

// term is a term searcher with Bleve's BM25 statistics
// (searcher.bm25ScoreMetrics, scorer.NewTermQueryScorer).
func (p *planner) term(field, term string, boost float64) (*scoreNode, error) {
	avg, ok := p.avgs[field]
	if !ok {
		card, err := p.snap.FieldCardinality(field)
		if err != nil {
			return nil, err
		}
		if p.docTotal == 0 && card == 0 {
			return nil, errTopKShape{} // Bleve scores by tf-idf then
		}
		avg = math.Ceil(float64(card) / float64(p.docTotal))
		p.avgs[field] = avg
	}
	if avg <= 0 {
		return nil, errTopKShape{}
	}
	tfr, err := p.snap.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return nil, err
	}
	docTerm := tfr.Count()
	if err := tfr.Close(); err != nil {
		return nil, err
	}
	n := &scoreNode{kind: scoreTerm, field: field, term: term, boost: boost, count: docTerm, avg: avg,
		queryWeight: 1.0, leaf: len(p.plan.leaves), locs: p.details && highlighted(field)}
	n.idf = math.Log(1 + (float64(p.docTotal)-float64(docTerm)+0.5)/
		(float64(docTerm)+0.5))
	p.plan.leaves = append(p.plan.leaves, n)
	return n, nil
}

// scorable reports, before anything is read, whether q is made only of
// the queries the planner scores, so that a query left to Bleve costs
// little more than Bleve's search.
func scorable(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery, *query.DocIDQuery:
		return true
	case *query.MatchPhraseQuery:
		return q.FieldVal != "" && q.Fuzziness == 0 && q.Analyzer == ""
	case *query.ConjunctionQuery:
		return allScorable(q.Conjuncts)
	case *query.DisjunctionQuery:
		return q.Min <= 1 && allScorable(q.Disjuncts)
	case *query.BooleanQuery:
		return q.Must != nil && q.Should == nil && q.Filter == nil && scorable(q.Must)
	}
	return false
}

func allScorable(qs []query.Query) bool {
	for _, q := range qs {
		if !scorable(q) {
			return false
		}
	}
	return true
}

// topKQuery splits a match-form query (assemble) into what is scored
// and what only excludes: a boolean query of required clauses and
// exclusions, with no optional ones.
func topKQuery(q query.Query) (must *query.ConjunctionQuery, mustNot, should query.Query, ok bool) {
	b, isBool := q.(*query.BooleanQuery)
	if !isBool || b.Filter != nil {
		return nil, nil, nil, false
	}
	must, ok = b.Must.(*query.ConjunctionQuery)
	if !ok || len(must.Conjuncts) == 0 {
		return nil, nil, nil, false
	}
	if d, isDisj := b.Should.(*query.DisjunctionQuery); b.Should != nil && (!isDisj || d.Min > 0) {
		return nil, nil, nil, false
	}
	return must, b.MustNot, b.Should, true
}

// searchTopK answers sr (topKTakes) with its first hits scored as Bleve
// scores them. ok is false when the query has a shape it does not score;
// the caller then asks Bleve.
func (ix *Index) searchTopK(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, bool, error) {
	start := time.Now()
	must, mustNot, should, ok := topKQuery(sr.Query)
	if !ok || !scorable(must) || should != nil && !scorable(should) {
		return nil, false, nil
	}
	details := len(sr.Fields) > 0 || sr.IncludeLocations
	m := ix.cur.Mapping()
	if im, isImpl := m.(*mapping.IndexMappingImpl); !isImpl || im.ScoringModel != bleveindex.BM25Scoring {
		return nil, false, nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, nil
	}
	ix.bounds.retain(snap)
	ev := &bitmapEval{ctx: ctx, snap: snap, m: m, segs: snap.Segments()}
	if sm, ok := m.(mapping.SynonymMapping); ok && sm.SynonymCount() > 0 {
		if ev.fts, err = query.ExtractSynonyms(ctx, sm, snap, sr.Query, nil); err != nil {
			return nil, false, err
		}
	}
	docTotal, err := snap.DocCount()
	if err != nil {
		return nil, false, err
	}
	pl := &planner{snap: snap, m: m, fts: ev.fts, plan: &topKPlan{}, docTotal: docTotal, avgs: map[string]float64{},
		details: sr.IncludeLocations}
	plan := pl.plan
	for _, c := range must.Conjuncts {
		if ids, isIDs := c.(*query.DocIDQuery); isIDs {
			plan.only = ids
		}
	}
	if details && plan.only == nil {
		// Details are gathered for every document scored: a few only.
		return nil, false, nil
	}
	root, err := pl.node(must)
	if err == nil && should != nil {
		plan.should, err = pl.node(should)
	}
	if _, shape := err.(errTopKShape); shape {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	// Bleve's boolean searcher, or the conjunction alone without
	// optional and excluded clauses: one query norm for every term.
	sumOfSquaredWeights := 0.0
	sumOfSquaredWeights += root.weight()
	if plan.should != nil {
		sumOfSquaredWeights += plan.should.weight()
	}
	qnorm := 1.0 / math.Sqrt(sumOfSquaredWeights)
	root.setQueryNorm(qnorm)
	if plan.should != nil {
		plan.should.setQueryNorm(qnorm)
	}
	plan.root = root

	for _, n := range append(slices.Clone(plan.nots), plan.ids...) {
		if n.sets, err = ev.eval(n.setQ); err != nil {
			return nil, false, err
		}
	}
	candidates := query.Query(must)
	if plan.only != nil {
		candidates = plan.only // each checked against the rest when scored
	}
	sets, err := ev.eval(candidates)
	if err != nil {
		return nil, false, err
	}
	if mustNot != nil {
		not, err := ev.eval(mustNot)
		if err != nil {
			return nil, false, err
		}
		for s := range sets {
			if sets[s] != nil && not[s] != nil {
				sets[s].AndNot(not[s])
			}
		}
	}
	k := sr.From + sr.Size
	top := &topHits{k: k}
	var total uint64
	var offsets []uint64
	var offset uint64
	for s, ss := range ev.segs {
		offsets = append(offsets, offset)
		offset += ss.Segment().Count()
		if sets[s] != nil {
			if del := ss.Deleted(); del != nil {
				sets[s].AndNot(del)
			}
			total += sets[s].GetCardinality()
		}
	}
	// Pruning needs the bounds; a search of no more candidates than it
	// keeps scores them all.
	prune := plan.only == nil && total > uint64(k)
	var locs map[uint64]search.FieldTermLocationMap
	if sr.IncludeLocations {
		locs = map[uint64]search.FieldTermLocationMap{}
	}
	if plan.only != nil {
		total = 0 // candidates, not matches: counted as scored
	}
	for s, ss := range ev.segs {
		if sets[s] == nil || sets[s].IsEmpty() {
			continue
		}
		sc := &segScorer{plan: plan, ev: ev, s: s, seg: ss.Segment(), offset: offsets[s], top: top, prune: prune, locs: locs}
		n, err := ix.scoreSegment(ctx, sc, sets[s])
		if err != nil {
			return nil, false, err
		}
		if plan.only != nil {
			total += n
		}
	}

	hits := top.sorted()
	br := &bleve.SearchResult{
		Status:  &bleve.SearchStatus{Total: 1, Successful: 1},
		Request: sr,
		Hits:    search.DocumentMatchCollection{},
		Total:   total,
	}
	if len(hits) > 0 {
		br.MaxScore = hits[0].score
	}
	for i, h := range hits {
		if i < sr.From {
			continue
		}
		id := bleveindex.NewIndexInternalID(nil, h.doc)
		ext, err := snap.ExternalID(id)
		if err != nil {
			return nil, false, err
		}
		dm := &search.DocumentMatch{ID: ext, IndexInternalID: id, Score: h.score, HitNumber: h.doc + 1}
		if sr.IncludeLocations {
			dm.Locations = locs[h.doc]
		}
		if len(sr.Fields) > 0 {
			if err, _ := bleve.LoadAndHighlightFields(dm, sr, "", snap, nil); err != nil {
				return nil, false, err
			}
		}
		br.Hits = append(br.Hits, dm)
	}
	if len(sr.Facets) > 0 {
		counted := *sr
		counted.Size, counted.From = 0, 0
		fb, err := ix.countBitmaps(ctx, &counted)
		if err != nil {
			return nil, false, err
		}
		br.Facets = fb.Facets
	}
	br.Took = time.Since(start)
	return br, true, nil
}

// leafCursor steps one term's postings in one segment forward to the
// documents scored.
type leafCursor struct {
	it      segment.PostingsIterator // nil when the term is not in the segment
	started bool
	done    bool
	doc     uint64 // the posting the iterator is on, once started
	freq    uint64
	norm    float64
	bounds  []float32 // per block of documents (topk_bounds.go)
	withLoc bool
	locs    []search.Location
}

// moveTo puts the cursor on the first posting at or after doc. Calls come
// in increasing doc order.
func (c *leafCursor) moveTo(doc uint64) error {
	if c.done || (c.started && c.doc >= doc) {
		return nil
	}
	if c.it == nil {
		c.done = true
		return nil
	}
	p, err := c.it.Advance(doc)
	if err != nil {
		return err
	}
	c.started = true
	if p == nil {
		c.done = true
		return nil
	}
	c.doc, c.freq, c.norm = p.Number(), p.Frequency(), p.Norm()
	if c.withLoc {
		c.locs = c.locs[:0]
		for _, l := range p.Locations() {
			c.locs = append(c.locs, search.Location{Pos: l.Pos(), Start: l.Start(), End: l.End(),
				ArrayPositions: slices.Clone(l.ArrayPositions())})
		}
	}
	return nil
}

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
		c.it = pl.Iterator(true, true, leaf.locs, nil)
		if sc.prune {
			if c.bounds, err = ix.bounds.of(sc.seg, leaf.field, leaf.term, leaf.avg, pl); err != nil {
				return 0, err
			}
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
		if n.sets[s] != nil && n.sets[s].Contains(uint32(doc)) || !n.kids[0].eval(cursors, s, doc) {
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
