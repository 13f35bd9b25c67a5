package server

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
)

// maxFilterValues bounds how many values one filter parameter may carry.
const maxFilterValues = 50

// searchParams are the parameters of a search besides the facets, which
// are named by the index's facet registry. limit is accepted as another
// name for size, as the CLI calls it --limit.
var searchParams = []string{"q", "size", "limit", "from", "sort", "collapse", "prefix"}

// searchRequest reads an index.Request from URL parameters: q, one
// repeatable parameter per facet of the index's registry, size (or
// limit), from, sort, collapse, prefix. It only reads the syntax (a number is a
// number, a parameter given once is given once); the index validates the
// values, so the CLI and the API accept and refuse the same ones.
func searchRequest(values url.Values) (index.Request, error) {
	var req index.Request
	var err error
	if req.Query, err = single(values, "q"); err != nil {
		return req, err
	}
	for _, f := range index.Facets() {
		vs, err := multi(values, f.Name)
		if err != nil {
			return req, err
		}
		if len(vs) > 0 {
			req.SetFilter(f.Name, vs...)
		}
	}
	if req.Size, err = sizeParam(values); err != nil {
		return req, err
	}
	// from+size is at most MaxWindow and a page holds a hit at least.
	if req.From, err = number(values, "from", 0, index.MaxWindow-1); err != nil {
		return req, err
	}
	if req.Sort, err = single(values, "sort"); err != nil {
		return req, err
	}
	if req.Collapse, err = single(values, "collapse"); err != nil {
		return req, err
	}
	if req.Prefix, err = boolean(values, "prefix"); err != nil {
		return req, err
	}
	return req, nil
}

// boolean reads a true/false parameter, false when absent.
func boolean(values url.Values, param string) (bool, error) {
	s, err := single(values, param)
	if err != nil || s == "" {
		return false, err
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, badParam(param, "%q is not true or false", clip(s, 40))
	}
	return b, nil
}

// apiSearchRequest is searchRequest for the API, where a parameter it
// does not know is a mistake to name (a misspelt "councl=" would
// otherwise be ignored and the results look unfiltered). The page
// ignores them, as links from elsewhere carry their own.
func apiSearchRequest(values url.Values) (index.Request, error) {
	for name := range values {
		if _, facet := index.LookupFacet(name); facet || slices.Contains(searchParams, name) || name == "format" {
			continue
		}
		known := append(append(slices.Clone(searchParams), "format"), index.FacetNames()...)
		return index.Request{}, badParam(name, "unknown parameter; use %s", strings.Join(known, ", "))
	}
	return searchRequest(values)
}

// sizeParam reads size, or its other name limit; giving both is a
// mistake.
func sizeParam(values url.Values) (int, error) {
	if values.Has("size") && values.Has("limit") {
		return 0, badParam("limit", "give size or limit, not both")
	}
	name := "size"
	if values.Has("limit") {
		name = "limit"
	}
	// Absent, it is 0, which the index reads as "the default"; given, it
	// is at least 1.
	return number(values, name, 1, index.MaxSize)
}

// single returns the one value of a parameter, "" when absent.
func single(values url.Values, param string) (string, error) {
	vs := values[param]
	switch len(vs) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(vs[0]), nil
	}
	return "", badParam(param, "give it once, not %d times", len(vs))
}

// multi returns the non-empty values of a repeatable parameter.
func multi(values url.Values, param string) ([]string, error) {
	var out []string
	for _, v := range values[param] {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) > maxFilterValues {
		return nil, badParam(param, "at most %d values", maxFilterValues)
	}
	return out, nil
}

// number returns a whole-number parameter from least to most, 0 when
// absent; the error names the bounds. A number too large for an int is
// refused as too large, not as "not a number".
func number(values url.Values, param string, least, most int) (int, error) {
	s, err := single(values, param)
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	switch {
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-") || err == nil && n > most:
		return 0, badParam(param, "must be at most %d (got %s)", most, clip(s, 40))
	case err != nil || n < 0:
		return 0, badParam(param, "%q is not a whole number from %d to %d", clip(s, 40), least, most)
	case n < least:
		return 0, badParam(param, "must be at least %d (got %s)", least, clip(s, 40))
	}
	return n, nil
}

// clip shortens s to at most n runes for an error message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
