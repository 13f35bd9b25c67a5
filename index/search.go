package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The query path, by file: request.go validates a Request; query.go
// parses the query syntax; compile.go turns it into Bleve queries;
// filters.go turns the selected facet values into filters; assemble.go
// puts a tier of the query and the filters together; rank.go finds and
// ranks one tier's hits; page.go and collapse.go cut a page from the
// tiers; facet_results.go counts the facets; hits.go turns matches into
// Hits.

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
	wordless := req.Prefix && isNoWords(err) // nothing yet: compile says so
	if err != nil && !wordless {
		return nil, err
	}
	release, err := ix.turn(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	defer cancel()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)

	var res *Result
	err = ix.read(func() error {
		var err error
		res, err = ix.search(ctx, req, size, clauses, wordless)
		return err
	})
	if err != nil {
		return nil, ix.searchError(ctx, err)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// turn waits until fewer than Options.Searches searches run, for at most
// Options.SearchWait, and returns the function that ends the turn. The
// search's own deadline starts when its turn does.
func (ix *Index) turn(ctx context.Context) (release func(), err error) {
	select {
	case ix.turns <- struct{}{}:
		return func() { <-ix.turns }, nil
	default:
	}
	wait := time.NewTimer(ix.opts.SearchWait)
	defer wait.Stop()
	select {
	case ix.turns <- struct{}{}:
		return func() { <-ix.turns }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-wait.C:
		return nil, fmt.Errorf("%w: %d searches running and others waiting for %s", ErrTimeout, ix.opts.Searches, ix.opts.SearchWait)
	}
}

// reader opens a reader on the current index's snapshot; the caller
// closes it.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	adv, err := ix.cur.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

func (ix *Index) search(ctx context.Context, req Request, size int, clauses []clause, wordless bool) (*Result, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	c := &compiler{ix: ix, r: r, ctx: ctx, typing: req.Prefix, wordless: wordless}
	cq, err := c.compile(req.Query, clauses)
	if err != nil {
		return nil, err
	}
	req, cq.fields = cq.typedFilters(req), nil
	filters, err := ix.filters(ctx, req)
	if err != nil {
		return nil, err
	}

	res := &Result{Query: req.Query, Hits: []Hit{}, Facets: map[string][]FacetValue{}}
	res.Suggestion = cq.respelt(cq.guesses)
	res.CorrectedQuery = cq.respelt(cq.corrections)
	if res.CorrectedQuery != "" {
		quoted := map[string]string{}
		for typed := range cq.corrections {
			quoted[typed] = `"` + typed + `"`
		}
		res.VerbatimQuery = cq.respelt(quoted)
	}
	res.NotFound = cq.notFound
	res.Selected = selections(filters)
	res.NoPassages = ix.unheld(ctx, filters)
	if n, err := ix.conceptOnly(ctx, cq, filters); err != nil {
		return nil, err
	} else if n > 0 || len(cq.compounds) > 0 {
		res.TopicMatches = cq.topics
		res.topicsLast = cq.concept == nil && len(cq.compounds) == 0
		res.topicWords = cq.compoundsHeld
	}
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
	if err := ix.selectedFacets(ctx, cq, filters, res); err != nil {
		return nil, err
	}
	return res, nil
}

// conceptOnly counts the passages the query matches only through the
// topics its words name (concept.go), under the filters.
func (ix *Index) conceptOnly(ctx context.Context, cq *compiledQuery, filters []filter) (uint64, error) {
	only := cq.concept
	if only == nil {
		only = cq.topicTail
	}
	if only == nil {
		return 0, nil
	}
	q := bleve.NewBooleanQuery()
	q.AddMust(only)
	for _, f := range filters {
		q.AddMust(f.q)
	}
	if len(cq.excluded) > 0 {
		q.AddMustNot(cq.excluded...)
	}
	br, err := ix.searchBleve(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return br.Total, nil
}

// typedFilters is req with the query's field:value clauses added to its
// filters: a value typed in the box selects as ticking it does, ORed
// with the other values of its facet, and the facet is counted without
// it so the other values stay offered (multi-select).
func (cq *compiledQuery) typedFilters(req Request) Request {
	for facet, values := range cq.typed {
		req.SetFilter(facet, append(slices.Clone(req.Filter(facet)), values...)...)
	}
	return req
}

// selections are the values each filter selected, as the index holds
// them, or nil when none did.
func selections(filters []filter) map[string][]string {
	if len(filters) == 0 {
		return nil
	}
	out := make(map[string][]string, len(filters))
	for _, f := range filters {
		out[f.spec.Name] = f.values
	}
	return out
}

// unheld lists, by facet, the filter values no passage in the index has.
func (ix *Index) unheld(ctx context.Context, filters []filter) map[string][]string {
	var out map[string][]string
	for _, f := range filters {
		held := ix.keywordValues(ctx, f.spec.field)
		for _, v := range f.values {
			if !slices.ContainsFunc(held, func(fv FacetValue) bool { return fv.Value == v }) {
				if out == nil {
					out = map[string][]string{}
				}
				out[f.spec.Name] = append(out[f.spec.Name], v)
			}
		}
	}
	return out
}

// respelt is the query with each word of fixes replaced by its
// spelling, or "" when fixes is empty.
func (cq *compiledQuery) respelt(fixes map[string]string) string {
	if len(fixes) == 0 {
		return ""
	}
	s := cq.original
	for typed, fix := range fixes {
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
