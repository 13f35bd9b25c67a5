package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// hitFields are the stored fields a hit is shown from.
var hitFields = []string{
	fieldKind, fieldHeading, fieldText, fieldQuestion, fieldItems,
	fieldSpeaker, fieldRole, fieldTopic, fieldTitle, fieldCouncil,
}

// filter is one facet's selected values, as a query.
type filter struct {
	field  string
	values []string // canonical
	q      query.Query
}

// Search runs one request: the query in the user syntax, the filters, one
// page of hits with highlights, and facet counts in which each facet is
// counted with every filter but its own. Bad requests get a *QueryError;
// a search that outlives Options.SearchTimeout gets ErrTimeout.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	size, err := checkRequest(&req)
	if err != nil {
		return nil, err
	}
	clauses, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	defer cancel()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)

	var res *Result
	err = ix.read(func() error {
		var err error
		res, err = ix.search(ctx, req, size, clauses)
		return err
	})
	if err != nil {
		return nil, ix.searchError(ctx, err)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// checkRequest validates the paging, sorting and filters of a request and
// returns the page size to use.
func checkRequest(req *Request) (int, error) {
	bad := func(format string, args ...any) (int, error) {
		return 0, &QueryError{Message: fmt.Sprintf(format, args...)}
	}
	size := req.Size
	switch {
	case size < 0:
		return bad("size must not be negative (got %d)", size)
	case size == 0:
		size = DefaultSize
	case size > MaxSize:
		return bad("size must be at most %d (got %d)", MaxSize, size)
	}
	if req.From < 0 {
		return bad("from must not be negative (got %d)", req.From)
	}
	if req.From > MaxWindow-size {
		return bad("from + size must be at most %d; narrow the search instead of paging this deep", MaxWindow)
	}
	switch req.Sort {
	case "", SortRelevance, SortNewest, SortDocument:
	default:
		return bad("unknown sort %q: use %s, %s or %s", req.Sort, SortRelevance, SortNewest, SortDocument)
	}
	switch req.Collapse {
	case "", CollapseArticle:
	default:
		return bad("unknown collapse %q: use %q or nothing", req.Collapse, CollapseArticle)
	}
	for name, values := range map[string][]string{
		"council": req.Councils, "topic": req.Topics, "kind": req.Kinds, "speaker": req.Speakers,
	} {
		if len(values) > MaxFilterValues {
			return bad("at most %d %s values may be selected (got %d)", MaxFilterValues, name, len(values))
		}
		for _, v := range values {
			if len(v) > MaxQueryChars {
				return bad("a %s value is longer than %d characters", name, MaxQueryChars)
			}
		}
	}
	return size, nil
}

func (ix *Index) search(ctx context.Context, req Request, size int, clauses []clause) (*Result, error) {
	adv, err := ix.cur.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	c := &compiler{ix: ix, r: r, ctx: ctx}
	cq, err := c.compile(req.Query, clauses)
	if err != nil {
		return nil, err
	}
	filters, err := ix.filters(ctx, req)
	if err != nil {
		return nil, err
	}

	res := &Result{Query: req.Query, Hits: []Hit{}, Facets: map[string][]FacetValue{}}
	res.Suggestion = cq.suggestion()
	if req.Collapse == CollapseArticle {
		err = ix.collapsed(ctx, req, size, cq, filters, res)
	} else {
		err = ix.page(ctx, req, size, cq, filters, res)
	}
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		res.Relaxed = res.Relaxed || h.Partial
	}
	if err := ix.otherFacets(ctx, cq, filters, res); err != nil {
		return nil, err
	}
	return res, nil
}

// tier names the passages a query built from a compiledQuery matches. A
// query of two or more text clauses ranks in two tiers: the passages that
// hold every clause, by score, then those that hold only some of them.
// One query with "every clause" as an optional boost does worse: Bleve
// ignores a conjunction's boost, and its coordination factor lets one
// rare word outrank every word (RELEVANCE.md, rows 1 and 2).
type tier int

const (
	tierEvery tier = iota // every text clause matches
	tierAny               // at least one does: both tiers together
	tierSome              // some but not every one: the second tier
)

// tiered reports whether the query ranks in two tiers.
func (cq *compiledQuery) tiered() bool { return len(cq.required) >= 2 }

// counted is the tier that totals and facets count: every passage the
// query returns, in either tier.
func (cq *compiledQuery) counted() tier {
	if cq.tiered() {
		return tierAny
	}
	return tierEvery
}

// filters turns the request's facet selections into queries.
func (ix *Index) filters(ctx context.Context, req Request) ([]filter, error) {
	var out []filter
	for _, f := range []struct {
		field  string
		values []string
	}{
		{fieldCouncil, req.Councils}, {fieldTopic, req.Topics},
		{fieldKind, req.Kinds}, {fieldSpeaker, req.Speakers},
	} {
		var canon []string
		for _, v := range f.values {
			if strings.TrimSpace(v) == "" {
				continue
			}
			cv, err := ix.canonical(ctx, f.field, v)
			if err != nil {
				return nil, err
			}
			canon = append(canon, cv)
		}
		if len(canon) == 0 {
			continue
		}
		alts := make([]query.Query, len(canon))
		for i, v := range canon {
			tq := bleve.NewTermQuery(v)
			tq.SetField(f.field)
			alts[i] = tq
		}
		out = append(out, filter{field: f.field, values: canon, q: bleve.NewDisjunctionQuery(alts...)})
	}
	return out, nil
}

// form says which form of the text clauses a query is built from (part).
type form int

const (
	formMatch form = iota // the body field: finding, counting, first ranking
	formRank              // the searched fields and the phrase boost: ranking the window
)

// build assembles the Bleve query: the text clauses in form f as the tier
// asks, field clauses, exclusions, and every filter but the one on field
// except.
func (ix *Index) build(cq *compiledQuery, t tier, filters []filter, except string, f form) *query.BooleanQuery {
	b := bleve.NewBooleanQuery()
	var must, mustNot []query.Query
	required := make([]query.Query, len(cq.required))
	for i, p := range cq.required {
		required[i] = p.match
		if f == formRank {
			required[i] = p.rank
		}
	}
	switch {
	case len(required) == 0:
	case t == tierEvery:
		must = append(must, required...)
	default:
		d := bleve.NewDisjunctionQuery(required...)
		d.SetMin(1)
		must = append(must, d)
		if t == tierSome {
			mustNot = append(mustNot, bleve.NewConjunctionQuery(required...))
		}
	}
	must = append(must, cq.fields...)
	for _, fl := range filters {
		if fl.field != except {
			must = append(must, fl.q)
		}
	}
	if len(must) == 0 {
		must = append(must, ix.allPassages())
	}
	b.AddMust(must...)
	mustNot = append(mustNot, cq.excluded...)
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	if len(cq.boosts) > 0 && f == formRank {
		b.AddShould(cq.boosts...)
	}
	return b
}

func sortOrder(req *bleve.SearchRequest, sort string) {
	switch sort {
	case SortNewest:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldPublished, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	case SortDocument:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldArticleID, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsNumber, Missing: search.SortFieldMissingLast},
		})
	}
}

// withDetails asks for what a hit is shown with: stored fields and
// highlighted fragments.
func withDetails(req *bleve.SearchRequest) {
	req.Fields = hitFields
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.Fields = highlightFields
}

// facetsFor adds the facets that need no search of their own: those
// without a selection of their own.
func facetsFor(req *bleve.SearchRequest, filters []filter) {
	for _, f := range facetFields {
		if selected(filters, f.name) == nil {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.name, f.size))
		}
	}
}

func selected(filters []filter, field string) *filter {
	for i := range filters {
		if filters[i].field == field {
			return &filters[i]
		}
	}
	return nil
}

// page runs the plain (uncollapsed) search. A tiered query's page
// [from, from+size) is cut from the every-word hits followed by the
// some-word hits: the first search gives the every-word part of the window
// and their number S, a count of both tiers gives the total and facets,
// and only a window reaching past S searches the some-word hits, from
// max(0, from−S).
func (ix *Index) page(ctx context.Context, req Request, size int, cq *compiledQuery, filters []filter, res *Result) error {
	var withFacets func(*bleve.SearchRequest)
	if !cq.tiered() {
		withFacets = func(sr *bleve.SearchRequest) { facetsFor(sr, filters) }
	}
	every, hits, err := ix.ranked(ctx, req.Sort, cq, tierEvery, filters, req.From, size, withFacets, true)
	if err != nil {
		return err
	}
	res.Exact, res.Total = every.Total, every.Total
	if !cq.tiered() {
		readFacets(every, res, filters)
		res.Hits = appendHits(res.Hits[:0], hits, false)
		return nil
	}
	if every.Total == 0 {
		// No passage holds every word: the some-word hits are all there is.
		loose, some, err := ix.ranked(ctx, req.Sort, cq, tierAny, filters, req.From, size,
			func(sr *bleve.SearchRequest) { facetsFor(sr, filters) }, true)
		if err != nil {
			return err
		}
		res.Total = loose.Total
		readFacets(loose, res, filters)
		res.Hits = appendHits(res.Hits[:0], some, true)
		return nil
	}
	count := bleve.NewSearchRequestOptions(ix.build(cq, tierAny, filters, "", formMatch), 0, 0, false)
	facetsFor(count, filters)
	all, err := ix.searchBleve(ctx, count)
	if err != nil {
		return err
	}
	res.Total = all.Total
	readFacets(all, res, filters)
	var some []*search.DocumentMatch
	if rest := size - len(hits); rest > 0 && all.Total > every.Total {
		from := max(0, req.From-int(every.Total))
		if _, some, err = ix.ranked(ctx, req.Sort, cq, tierSome, filters, from, rest, nil, true); err != nil {
			return err
		}
	}
	res.Hits = appendHits(res.Hits[:0], hits, false)
	res.Hits = appendHits(res.Hits, some, true)
	return nil
}

// rescoreWindow is how many of a tier's first hits, found and ordered on
// the body field, are ordered again on the searched fields with their
// weights and the phrase boost, as Elasticsearch's rescore does with its
// window. Ranking every match that way made multi-word searches several
// times dearer; below the window the body order stands. The window is
// the same for every page, so pages neither repeat nor skip a hit.
const rescoreWindow = 100

// ranked returns the hits [from, from+n) of tier t in ranking order, and
// the match-form search that found them, whose Total counts the tier and
// which ask, when set, adds facets to. With shown set, the hits come
// with their stored fields and highlights.
func (ix *Index) ranked(ctx context.Context, sort string, cq *compiledQuery, t tier, filters []filter, from, n int, ask func(*bleve.SearchRequest), shown bool) (*bleve.SearchResult, []*search.DocumentMatch, error) {
	if cq.rescored() && cq.few(t) {
		// Few matches: rank them all on the searched fields at once.
		sr := bleve.NewSearchRequestOptions(ix.build(cq, t, filters, "", formRank), n, from, false)
		sortOrder(sr, sort)
		if shown {
			withDetails(sr)
		}
		if ask != nil {
			ask(sr)
		}
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return nil, nil, err
		}
		return br, br.Hits, nil
	}
	q := ix.build(cq, t, filters, "", formMatch)
	rescore := cq.rescored() && (sort == "" || sort == SortRelevance) && from < rescoreWindow
	if !rescore {
		sr := bleve.NewSearchRequestOptions(q, n, from, false)
		sortOrder(sr, sort)
		if shown && !cq.rescored() {
			withDetails(sr) // the match form is the rank form
		}
		if ask != nil {
			ask(sr)
		}
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return nil, nil, err
		}
		hits := br.Hits
		if shown && cq.rescored() {
			hits, err = ix.withDetails(ctx, cq, t, filters, hits)
		}
		return br, hits, err
	}
	sr := bleve.NewSearchRequestOptions(q, max(from+n, rescoreWindow), 0, false)
	if ask != nil {
		ask(sr)
	}
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	window := br.Hits[:min(len(br.Hits), rescoreWindow)]
	var hits []*search.DocumentMatch
	if from < len(window) {
		ids := make([]string, len(window))
		for i, dm := range window {
			ids[i] = dm.ID
		}
		again := onlyIDs(ix.build(cq, t, filters, "", formRank), ids)
		rr := bleve.NewSearchRequestOptions(again, min(n, len(window)-from), from, false)
		if shown {
			withDetails(rr)
		}
		res, err := ix.searchBleve(ctx, rr)
		if err != nil {
			return nil, nil, err
		}
		hits = res.Hits
	}
	// A page reaching past the window ends in body order.
	if lo, hi := max(from, len(window)), min(from+n, len(br.Hits)); lo < hi {
		tail := br.Hits[lo:hi]
		if shown {
			if tail, err = ix.withDetails(ctx, cq, t, filters, tail); err != nil {
				return nil, nil, err
			}
		}
		hits = append(hits, tail...)
	}
	return br, hits, nil
}

// onlyIDs restricts q, a query made by build, to the passages ids,
// scoring them as q alone does. The restriction joins q's own required
// clauses: wrapped around q from outside, Bleve advances q's optional
// clauses (the phrase boost) in a way that can miss a match.
func onlyIDs(q *query.BooleanQuery, ids []string) *query.BooleanQuery {
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(0)
	q.AddMust(only)
	return q
}

// withDetails returns hits, in their order and with their scores, with
// the stored fields and highlights of the rank form of tier t.
func (ix *Index) withDetails(ctx context.Context, cq *compiledQuery, t tier, filters []filter, hits []*search.DocumentMatch) ([]*search.DocumentMatch, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	ids := make([]string, len(hits))
	for i, dm := range hits {
		ids[i] = dm.ID
	}
	detail := onlyIDs(ix.build(cq, t, filters, "", formRank), ids)
	sr := bleve.NewSearchRequestOptions(detail, len(ids), 0, false)
	withDetails(sr)
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*search.DocumentMatch, len(br.Hits))
	for _, dm := range br.Hits {
		byID[dm.ID] = dm
	}
	out := make([]*search.DocumentMatch, 0, len(hits))
	for _, dm := range hits {
		if d, ok := byID[dm.ID]; ok {
			d.Score = dm.Score
			out = append(out, d)
		}
	}
	return out, nil
}

// appendHits adds matches to hits, marked partial when they hold only
// some of the query's words.
func appendHits(hits []Hit, matches []*search.DocumentMatch, partial bool) []Hit {
	for _, dm := range matches {
		h := hitFrom(dm)
		h.Partial = partial
		hits = append(hits, h)
	}
	return hits
}

// collapsed runs the search keeping the best passage of each article:
// it walks the ranked hits (within the capped window), every-word tier
// first, until it has the page's articles, then fetches those passages
// with their highlights. Total is the number of matching articles, Exact
// the number with a passage holding every word.
func (ix *Index) collapsed(ctx context.Context, req Request, size int, cq *compiledQuery, filters []filter, res *Result) error {
	want := req.From + size
	// A batch at least as large as the rescore window ranks the window
	// once.
	batch := min(max(4*want, rescoreWindow), MaxWindow)
	type pick struct {
		id      string
		score   float64
		partial bool
	}
	var picks []pick
	seen := map[string]bool{}
	var perArticle map[string]int
	if cq.tiered() {
		sr := bleve.NewSearchRequestOptions(ix.build(cq, tierAny, filters, "", formMatch), 0, 0, false)
		facetsFor(sr, filters)
		sr.AddFacet(fieldArticleID, bleve.NewFacetRequest(fieldArticleID, MaxWindow))
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return err
		}
		readFacets(br, res, filters)
		perArticle = articleCounts(br)
		res.Total = uint64(len(perArticle))
	}
	tiers := []tier{tierEvery}
	if cq.tiered() {
		tiers = append(tiers, tierSome)
	}
	for _, t := range tiers {
		for from := 0; from < MaxWindow && len(picks) < want; from += batch {
			first := t == tierEvery && from == 0
			var ask func(*bleve.SearchRequest)
			if first {
				ask = func(sr *bleve.SearchRequest) {
					sr.AddFacet(fieldArticleID, bleve.NewFacetRequest(fieldArticleID, MaxWindow))
					if !cq.tiered() {
						facetsFor(sr, filters)
					}
				}
			}
			br, hits, err := ix.ranked(ctx, req.Sort, cq, t, filters, from, min(batch, MaxWindow-from), ask, false)
			if err != nil {
				return err
			}
			if first {
				exact := articleCounts(br)
				res.Exact = uint64(len(exact))
				if !cq.tiered() {
					readFacets(br, res, filters)
					perArticle = exact
					res.Total = res.Exact
				}
			}
			for _, dm := range hits {
				a := articleOf(dm.ID)
				if seen[a] {
					continue
				}
				seen[a] = true
				picks = append(picks, pick{dm.ID, dm.Score, t == tierSome})
				if len(picks) == want {
					break
				}
			}
			if uint64(from+len(hits)) >= br.Total || len(hits) == 0 {
				break
			}
		}
	}
	q := ix.build(cq, cq.counted(), filters, "", formRank)
	res.Hits = res.Hits[:0]
	if req.From >= len(picks) {
		return nil
	}
	picks = picks[req.From:]
	ids := make([]string, len(picks))
	for i, p := range picks {
		ids[i] = p.id
	}
	detail := onlyIDs(q, ids)
	sr := bleve.NewSearchRequestOptions(detail, len(ids), 0, false)
	withDetails(sr)
	br, err := ix.searchBleve(ctx, sr)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(br.Hits))
	for _, dm := range br.Hits {
		byID[dm.ID] = dm
	}
	for _, p := range picks {
		dm, ok := byID[p.id]
		if !ok {
			continue
		}
		h := hitFrom(dm)
		h.Score = p.score
		h.Partial = p.partial
		h.ArticleHits = max(perArticle[h.ArticleID], 1)
		res.Hits = append(res.Hits, h)
	}
	return nil
}

// otherFacets counts each facet that has a selection of its own with
// every other filter applied but not its own, so the other values of a
// selected facet keep their counts (multi-select).
func (ix *Index) otherFacets(ctx context.Context, cq *compiledQuery, filters []filter, res *Result) error {
	for _, f := range filters {
		size := facetSize(f.field)
		sr := bleve.NewSearchRequestOptions(ix.build(cq, cq.counted(), filters, f.field, formMatch), 0, 0, false)
		sr.AddFacet(f.field, bleve.NewFacetRequest(f.field, size))
		br, err := ix.searchBleve(ctx, sr)
		if err != nil {
			return err
		}
		values := facetValues(br.Facets[f.field])
		// A selected value stays visible, with its count, even when it
		// would not make the top of the list.
		for _, v := range f.values {
			found := false
			for _, fv := range values {
				found = found || fv.Value == v
			}
			if !found {
				values = append(values, FacetValue{Value: v, Count: 0})
			}
		}
		res.Facets[f.field] = values
	}
	return nil
}

// articleCounts is the number of hits per article id, from the article
// facet of br.
func articleCounts(br *bleve.SearchResult) map[string]int {
	out := map[string]int{}
	if fr := br.Facets[fieldArticleID]; fr != nil {
		for _, t := range fr.Terms.Terms() {
			out[t.Term] = t.Count
		}
	}
	return out
}

func facetSize(field string) int {
	for _, f := range facetFields {
		if f.name == field {
			return f.size
		}
	}
	return 10
}

func readFacets(br *bleve.SearchResult, res *Result, filters []filter) {
	for _, f := range facetFields {
		if selected(filters, f.name) != nil {
			continue
		}
		res.Facets[f.name] = facetValues(br.Facets[f.name])
	}
}

func facetValues(fr *search.FacetResult) []FacetValue {
	values := []FacetValue{}
	if fr == nil {
		return values
	}
	for _, t := range fr.Terms.Terms() {
		values = append(values, FacetValue{Value: t.Term, Count: t.Count})
	}
	sortFacet(values)
	return values
}

// hitFrom turns a Bleve match into a Hit.
func hitFrom(dm *search.DocumentMatch) Hit {
	h := Hit{
		ID:           dm.ID,
		ArticleID:    articleOf(dm.ID),
		Kind:         fieldString(dm.Fields[fieldKind]),
		Heading:      fieldString(dm.Fields[fieldHeading]),
		Text:         fieldString(dm.Fields[fieldText]),
		Question:     fieldString(dm.Fields[fieldQuestion]),
		Items:        fieldStrings(dm.Fields[fieldItems]),
		Speaker:      fieldString(dm.Fields[fieldSpeaker]),
		Role:         fieldString(dm.Fields[fieldRole]),
		Topics:       fieldStrings(dm.Fields[fieldTopic]),
		ArticleTitle: fieldString(dm.Fields[fieldTitle]),
		Council:      fieldString(dm.Fields[fieldCouncil]),
		Score:        dm.Score,
		Highlights:   []string{},
	}
	if h.Topics == nil {
		h.Topics = []string{}
	}
	for _, f := range highlightFields {
		for _, frag := range dm.Fragments[f] {
			h.Highlights = append(h.Highlights, wholeWords(frag))
		}
	}
	return h
}

// ellipsis is what Bleve's fragmenter puts where it cut the text.
const ellipsis = "…"

// wholeWords trims the partial words Bleve's fragmenter leaves where it
// cut a fragment out of the text ("…n eight core priorities" becomes
// "…eight core priorities"). It only removes plain letters and digits, so
// a <mark> or an HTML entity is never cut.
func wholeWords(frag string) string {
	isWordByte := func(b byte) bool {
		return b >= utf8.RuneSelf || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	if rest, ok := strings.CutPrefix(frag, ellipsis); ok {
		i := 0
		for i < len(rest) && isWordByte(rest[i]) && !strings.HasPrefix(rest[i:], ellipsis) {
			i++
		}
		if i > 0 && i < len(rest) && rest[i] == ' ' {
			frag = ellipsis + rest[i+1:]
		}
	}
	if rest, ok := strings.CutSuffix(frag, ellipsis); ok {
		i := len(rest)
		for i > 0 && isWordByte(rest[i-1]) {
			i--
		}
		if i < len(rest) && i > 0 && rest[i-1] == ' ' {
			frag = rest[:i-1] + ellipsis
		}
	}
	return frag
}

func fieldString(v interface{}) string {
	switch v := v.(type) {
	case string:
		return v
	case []interface{}:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

func fieldStrings(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// articleOf is the article id of a passage id ("kent-…#3" → "kent-…").
func articleOf(passageID string) string {
	if i := strings.LastIndexByte(passageID, '#'); i >= 0 {
		return passageID[:i]
	}
	return passageID
}

// suggestion is the query with each misspelt word replaced by its
// correction, or "" when no word needed one.
func (cq *compiledQuery) suggestion() string {
	if len(cq.corrections) == 0 {
		return ""
	}
	s := cq.original
	for typed, fix := range cq.corrections {
		s = strings.Replace(s, typed, fix, 1)
	}
	return s
}

// searchError turns what Bleve returned into the index's errors: the
// deadline into ErrTimeout, expansion limits into a QueryError.
func (ix *Index) searchError(ctx context.Context, err error) error {
	var qe *QueryError
	switch {
	case errors.As(err, &qe):
		return err
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w (limit %s)", ErrTimeout, ix.opts.SearchTimeout)
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, errClosed):
		return err
	case strings.Contains(err.Error(), "TooManyTermSearchers"), strings.Contains(err.Error(), "TooManyClauses"):
		return &QueryError{Message: "the query matches too many different words; make prefixes longer or words more precise"}
	}
	ix.opts.Logger.Error("search failed", "err", err)
	return fmt.Errorf("search: %w", err)
}
