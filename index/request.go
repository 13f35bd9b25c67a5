package index

import (
	"fmt"
	"slices"
	"strings"
)

// Sort orders for Request.Sort.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortDocument  = "document"
)

// Sorts lists the sort orders, the default first.
var Sorts = []string{SortRelevance, SortNewest, SortDocument}

// CollapseArticle keeps at most one passage (the best) per article.
const CollapseArticle = "article"

// Request is one search: a query in the user syntax plus filters.
type Request struct {
	Query string
	// Filters holds the selected values of each facet, keyed by the
	// facet's name (see Facets). Values OR within a facet and AND across
	// facets; each is taken as the facet's spec says (Kent selects Kent
	// County Council, QA selects qa).
	Filters  map[string][]string
	Size     int    // 0 means the default (10)
	From     int    // offset into the ranked hits
	Sort     string // SortRelevance (default), SortNewest, SortDocument
	Collapse string // "" or CollapseArticle
	// Prefix completes the query's last word, when it is a plain word,
	// as a search box does while it is typed: it also matches the words
	// it begins ("superv" finds supervision).
	Prefix bool
}

// Filter returns the selected values of facet name.
func (r Request) Filter(name string) []string { return r.Filters[name] }

// SetFilter selects values of facet name, replacing any selected before;
// no values clears it. The map is copied, so a Request copied before is
// not changed.
func (r *Request) SetFilter(name string, values ...string) {
	f := make(map[string][]string, len(r.Filters)+1)
	for k, v := range r.Filters {
		f[k] = v
	}
	if len(values) == 0 {
		delete(f, name)
	} else {
		f[name] = slices.Clone(values)
	}
	r.Filters = f
}

// Filtered reports whether any facet has a value selected.
func (r Request) Filtered() bool {
	for _, v := range r.Filters {
		if len(v) > 0 {
			return true
		}
	}
	return false
}

// QueryError says what is wrong with a request, in words a user can act
// on.
type QueryError struct {
	// Param names the request parameter at fault (a facet, "size",
	// "sort"…); "" when it is the query text.
	Param   string
	Message string
}

func (e *QueryError) Error() string { return e.Message }

// Unwrap makes errors.Is(err, ErrBadQuery) true.
func (e *QueryError) Unwrap() error { return ErrBadQuery }

func badParam(param, format string, args ...any) error {
	return &QueryError{Param: param, Message: fmt.Sprintf(format, args...)}
}

// checkRequest validates the paging, sorting and filter names of a
// request and returns the page size to use. Filter values are checked
// when they are canonicalised (filters.go).
func checkRequest(req *Request) (int, error) {
	size := req.Size
	switch {
	case size < 0:
		return 0, badParam("size", "must not be negative (got %d)", size)
	case size == 0:
		size = DefaultSize
	case size > MaxSize:
		return 0, badParam("size", "must be at most %d (got %d)", MaxSize, size)
	}
	if req.From < 0 {
		return 0, badParam("from", "must not be negative (got %d)", req.From)
	}
	if req.From > MaxWindow-size {
		return 0, badParam("from", "the offset plus the page size must be at most %d; narrow the search instead of paging this deep", MaxWindow)
	}
	if req.Sort != "" && !slices.Contains(Sorts, req.Sort) {
		return 0, badParam("sort", "unknown sort %q: use %s", req.Sort, strings.Join(Sorts, ", "))
	}
	if req.Collapse != "" && req.Collapse != CollapseArticle {
		return 0, badParam("collapse", "unknown collapse %q: use %q or nothing", req.Collapse, CollapseArticle)
	}
	for name, values := range req.Filters {
		if spec, ok := LookupFacet(name); !ok || spec.Name != name {
			return 0, unknownFacet(name)
		}
		if len(values) > MaxFilterValues {
			return 0, badParam(name, "at most %d %s values may be selected (got %d)", MaxFilterValues, name, len(values))
		}
		for _, v := range values {
			if len(v) > MaxQueryChars {
				return 0, badParam(name, "a %s value is longer than %d characters", name, MaxQueryChars)
			}
		}
	}
	return size, nil
}
