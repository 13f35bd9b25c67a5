package index

import (
	"cmp"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/recruitsearch/recruitsearch/ingest"
)

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

// form says which form of the text clauses a query is built from (part).
type form int

const (
	formMatch form = iota // the body field: finding, counting, first ranking
	formRank              // the searched fields and the phrase boost: ranking the window
)

// tierQuery is one tier of a compiled query under a request's filters,
// sorted as the request asks.
type tierQuery struct {
	cq      *compiledQuery
	tier    tier
	filters []filter
	sort    string
}

// assemble builds the Bleve query of tq in form f: the text clauses as
// the tier asks, field clauses, exclusions, and every filter but the one
// on facet except ("" keeps them all).
func (ix *Index) assemble(tq tierQuery, f form, except string) *query.BooleanQuery {
	cq := tq.cq
	must, mustNot := ix.tierClauses(cq, tq.tier, f)
	must = append(must, cq.fields...)
	for _, fl := range tq.filters {
		if fl.spec.Name != except {
			must = append(must, fl.q)
		}
	}
	if len(must) == 0 {
		must = append(must, ix.allPassages())
	}
	b := bleve.NewBooleanQuery()
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

// tierClauses are the required and excluded text clauses of tier t in
// form f.
func (ix *Index) tierClauses(cq *compiledQuery, t tier, f form) (must, mustNot []query.Query) {
	required := make([]query.Query, len(cq.required))
	for i, p := range cq.required {
		required[i] = p.match
		if f == formRank {
			required[i] = p.rank
		}
	}
	switch {
	case len(required) == 0:
	case t == tierEvery && cq.concept == nil:
		must = append(must, required...)
	case t == tierEvery:
		must = append(must, everyClause(cq, required))
	default:
		d := bleve.NewDisjunctionQuery(required...)
		if cq.concept != nil {
			d.AddQuery(cq.concept)
		}
		if cq.topicTail != nil {
			d.AddQuery(cq.topicTail)
		}
		d.SetMin(1)
		must = append(must, d)
		if t == tierSome {
			mustNot = append(mustNot, everyClause(cq, required))
		}
	}
	return must, mustNot
}

// everyClause matches the passages of the every-word tier: those holding
// every required clause or, when the words name topics, standing for
// them (concept.go).
func everyClause(cq *compiledQuery, required []query.Query) query.Query {
	all := bleve.NewConjunctionQuery(required...)
	if cq.concept == nil {
		return all
	}
	return bleve.NewDisjunctionQuery(all, cq.concept)
}

// sortBrowse is the order of a search with no words to rank by
// (filters or field clauses alone): newest article first, each article's
// passages in document order, so its intro leads.
const sortBrowse = "browse"

// order is the sort tq's hits take: the request's, or sortBrowse for a
// search by relevance that has no words.
func (tq tierQuery) order() string {
	if len(tq.cq.required) == 0 && byRelevance(tq.sort) {
		return sortBrowse
	}
	return tq.sort
}

// byScoreThenID orders a search of few hits by relevance, equal scores
// in document order (article id, then passage number): Bleve breaks ties
// by its internal document numbers, which follow the random order of a
// batch's documents, so the same search on the same articles listed tied
// passages in a different order from one index to the next. Sorting on
// fields reads them for every hit, which is why only searches known to
// be small use it.
func byScoreThenID(req *bleve.SearchRequest) {
	req.SortByCustom(search.SortOrder{
		&search.SortScore{Desc: true},
		&search.SortField{Field: fieldArticleID, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
	})
}

// tiesInDocumentOrder reports whether req is ordered as byScoreThenID
// orders it.
func tiesInDocumentOrder(req *bleve.SearchRequest) bool {
	if len(req.Sort) != 3 {
		return false
	}
	score, ok0 := req.Sort[0].(*search.SortScore)
	article, ok1 := req.Sort[1].(*search.SortField)
	ordinal, ok2 := req.Sort[2].(*search.SortField)
	return ok0 && ok1 && ok2 && score.Desc &&
		article.Field == fieldArticleID && !article.Desc && article.Type == search.SortFieldAsString &&
		ordinal.Field == fieldOrdinal && !ordinal.Desc && ordinal.Type == search.SortFieldAsString
}

// passageOrder compares two passage ids in document order: article id,
// then passage number.
func passageOrder(a, b string) int {
	aa, an, _ := ingest.SplitPassageID(a)
	ba, bn, _ := ingest.SplitPassageID(b)
	return cmp.Or(strings.Compare(aa, ba), cmp.Compare(an, bn))
}

// sortOrder sets the order of a search that is not by relevance.
func sortOrder(req *bleve.SearchRequest, sort string) {
	switch sort {
	case sortBrowse:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldPublished, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortField{Field: fieldArticleID, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		})
	case SortNewest:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldPublished, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	case SortDocument:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldArticleID, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		})
	}
}

// onlyIDs restricts q, a query made by assemble, to the passages ids,
// scoring them as q alone does. The restriction joins q's own required
// clauses: wrapped around q from outside, Bleve advances q's optional
// clauses (the phrase boost) in a way that can miss a match.
func onlyIDs(q *query.BooleanQuery, ids []string) *query.BooleanQuery {
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(0)
	q.AddMust(only)
	return q
}
