package index

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
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
// found so far: block-max pruning. The rescore of the window on the
// searched fields (rank.go) runs here too, over the window's documents
// only. The scores are Bleve's own, term by term — the same BM25
// statistics, query norm, synonym boosts, coordination and phrase
// matching, summed in the order Bleve's searchers sum them — so the hits,
// their order (ties by document order, as Bleve's collector breaks them)
// and their scores are what Bleve returns. Queries of other shapes
// (prefixes, fuzzy words, phrases with synonyms, a sort) go to Bleve.

// topKTakes reports whether sr is answered by searchTopK: hits by
// relevance, and facets that columns count.
func topKTakes(sr *bleve.SearchRequest) bool {
	if sr.Size <= 0 || sr.Highlight != nil || sr.Explain ||
		sr.Score != "" || sr.SearchAfter != nil || sr.SearchBefore != nil {
		return false
	}
	if len(sr.Sort) > 1 && !tiesInDocumentOrder(sr) {
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
	scoreNot              // a required clause less excluded documents, within a filter
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
	// keep and keepQ, in a scoreNot node, are the documents of its
	// filter (a boolean query's Filter, which Bleve matches without
	// scoring), nil when it has none.
	keep  []*roaring.Bitmap
	keepQ query.Query
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
	case *literalPhrase:
		return p.phrase(&q.MatchPhraseQuery, true)
	case *query.MatchPhraseQuery:
		return p.phrase(q, false)
	case *query.BooleanQuery:
		// Bleve's boolean searcher of a required clause and exclusions
		// scores as the required clause; a filter (Bleve's filtering
		// searcher around it, its own searcher unscored) keeps only the
		// documents it matches.
		if q.Must == nil || q.Should != nil {
			return nil, errTopKShape{}
		}
		must, err := p.node(q.Must)
		if err != nil || q.MustNot == nil && q.Filter == nil {
			return must, err
		}
		n := &scoreNode{kind: scoreNot, kids: []*scoreNode{must}, count: must.count, setQ: q.MustNot, keepQ: q.Filter}
		p.plan.nots = append(p.plan.nots, n)
		return n, nil
	}
	return nil, errTopKShape{}
}

// phrase is Bleve's phrase searcher of a match-phrase query
// (query.MatchPhraseQuery, searcher.NewMultiPhraseSearcher): the
// conjunction of its terms, scored as such, where they stand at
// consecutive positions of one value of the field. A literal phrase
// (literalPhrase) is scored without synonyms, as its searcher is; other
// phrases whose words have synonyms there and fuzzy phrases are left to
// Bleve.
func (p *planner) phrase(q *query.MatchPhraseQuery, literal bool) (*scoreNode, error) {
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
		case len(terms) > 1 || terms[0] == "" || !literal && len(p.fts[field][terms[0]]) > 0:
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

// maxScoredKids bounds the children of a scored conjunction: up to 12,
// Go's sort.Sort, which Bleve orders them with, is an insertion sort,
// which is stable, as the order reproduced here is.
const maxScoredKids = 12

// composite orders kids as Bleve's conjunction and disjunction searchers
// do (sort.Sort by count; for the few children of our queries that is an
// insertion sort, which is stable). A disjunction of more children than
// searcher.DisjunctionHeapTakeover uses a heap, whose order of adding up
// is not reproduced here.
func (p *planner) composite(kind scoreKind, kids []*scoreNode, min int) (*scoreNode, error) {
	if len(kids) == 0 || len(kids) > maxScoredKids || (kind == scoreAny && len(kids) > searcher.DisjunctionHeapTakeover) {
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
	case *literalPhrase:
		return q.FieldVal != "" && q.Fuzziness == 0 && q.Analyzer == ""
	case *query.ConjunctionQuery:
		return len(q.Conjuncts) <= maxScoredKids && allScorable(q.Conjuncts)
	case *query.DisjunctionQuery:
		return q.Min <= 1 && len(q.Disjuncts) <= searcher.DisjunctionHeapTakeover && allScorable(q.Disjuncts)
	case *query.BooleanQuery:
		return q.Must != nil && q.Should == nil && scorable(q.Must)
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
	var only query.Query
	for _, c := range must.Conjuncts {
		if ids, isIDs := c.(*query.DocIDQuery); isIDs {
			only = ids
		}
	}
	if details && only == nil {
		// Details are gathered for every document scored: a few only.
		return nil, false, nil
	}
	// Ties in document order need every tied document scored: a few only
	// (the rescore of the window).
	tied := tiesInDocumentOrder(sr)
	if tied && only == nil {
		return nil, false, nil
	}
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
	ev := &bitmapEval{ctx: ctx, snap: snap, m: m, segs: snap.Segments(), ids: &ix.ids}
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
	plan.only = only
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

	ev.prepare(must, mustNot)
	for _, n := range append(slices.Clone(plan.nots), plan.ids...) {
		if n.setQ != nil {
			if n.sets, err = ev.eval(n.setQ); err != nil {
				return nil, false, err
			}
		}
		if n.keepQ != nil {
			if n.keep, err = ev.eval(n.keepQ); err != nil {
				return nil, false, err
			}
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
	if tied {
		k = math.MaxInt // all of the few, ordered below
	}
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
	// The shown hits need their ids; ties in document order need every
	// kept hit's, to sort by them.
	exts := make([]string, len(hits))
	for i, h := range hits {
		if i < sr.From && !tied {
			continue
		}
		if exts[i], err = snap.ExternalID(bleveindex.NewIndexInternalID(nil, h.doc)); err != nil {
			return nil, false, err
		}
		ix.ids.put(snap, exts[i], h.doc)
	}
	if tied {
		type idHit struct {
			topHit
			ext string
		}
		byID := make([]idHit, len(hits))
		for i := range hits {
			byID[i] = idHit{hits[i], exts[i]}
		}
		slices.SortStableFunc(byID, func(a, b idHit) int {
			return cmp.Or(cmp.Compare(b.score, a.score), passageOrder(a.ext, b.ext))
		})
		hits = hits[:min(len(hits), sr.From+sr.Size)]
		for i := range hits {
			hits[i], exts[i] = byID[i].topHit, byID[i].ext
		}
	}
	wanted := make(map[string]bool, len(sr.Fields))
	for _, f := range sr.Fields {
		wanted[f] = true
	}
	for i, h := range hits {
		if i < sr.From {
			continue
		}
		id := bleveindex.NewIndexInternalID(nil, h.doc)
		ext := exts[i]
		dm := &search.DocumentMatch{ID: ext, IndexInternalID: id, Score: h.score, HitNumber: h.doc + 1}
		if sr.IncludeLocations {
			dm.Locations = locs[h.doc]
		}
		if len(sr.Fields) > 0 {
			if err := loadFields(dm, sr, wanted, snap, ev.segs, offsets, h.doc); err != nil {
				return nil, false, err
			}
		}
		br.Hits = append(br.Hits, dm)
	}
	if len(sr.Facets) > 0 {
		if plan.only != nil {
			return nil, false, nil // never asked for: the candidates are not the matches
		}
		if br.Facets, err = ix.facetsOfSets(snap, sets, sr.Facets); err != nil {
			return nil, false, err
		}
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
	// decoded, when set, are the term's postings decoded (topk_bounds.go),
	// stepped through instead of it; next is the first not yet passed.
	decoded *decodedPostings
	next    int
	withLoc bool
	locs    []search.Location
}

// moveTo puts the cursor on the first posting at or after doc. Calls come
// in increasing doc order.
func (c *leafCursor) moveTo(doc uint64) error {
	if c.done || (c.started && c.doc >= doc) {
		return nil
	}
	if d := c.decoded; d != nil {
		// Gallop from the last posting, then search the span found.
		lo, step := c.next, 1
		for lo+step < len(d.docs) && uint64(d.docs[lo+step]) < doc {
			lo += step
			step *= 2
		}
		hi := min(lo+step+1, len(d.docs))
		i, _ := slices.BinarySearch(d.docs[lo:hi], uint32(min(doc, math.MaxUint32)))
		c.next = lo + i
		c.started = true
		if c.next == len(d.docs) {
			c.done = true
			return nil
		}
		c.doc, c.freq, c.norm = uint64(d.docs[c.next]), uint64(d.freqs[c.next]), float64(d.norms[c.next])
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

// loadFields fills dm.Fields with the stored fields sr asks for (want,
// sr.Fields as a set, made once per search) of document doc, as
// bleve.LoadAndHighlightFields does, from the document number the scorer
// has: Bleve's looks the id up again in the id
// dictionary, decodes every stored field into a document and walks it
// once per field asked for (15% of a search at 10k passages). Stored
// fields of a kind other than text, which passages do not have, are left
// to Bleve.
func loadFields(dm *search.DocumentMatch, sr *bleve.SearchRequest, want map[string]bool, snap *scorch.IndexSnapshot, segs []*scorch.SegmentSnapshot, offsets []uint64, doc uint64) error {
	s := sort.Search(len(offsets), func(i int) bool { return offsets[i] > doc }) - 1
	other := false
	err := segs[s].VisitDocument(doc-offsets[s], func(name string, typ byte, value []byte, _ []uint64) bool {
		if name == "_id" || !want[name] && !want["*"] {
			return true
		}
		if typ != 't' {
			other = true
			return false
		}
		dm.AddFieldValue(name, string(value))
		return true
	})
	if err != nil || !other {
		return err
	}
	dm.Fields = nil
	err, _ = bleve.LoadAndHighlightFields(dm, sr, "", snap, nil)
	return err
}
