package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// maxFilterValues bounds how many values one filter parameter may carry.
const maxFilterValues = 50

// searchRequest reads an index.Request from URL parameters: q, council,
// topic, kind, speaker (each repeatable), size, from, sort, collapse. The
// index enforces the query length and result window; this checks the
// shape of each parameter so a mistake is named.
func searchRequest(values url.Values) (index.Request, error) {
	var req index.Request
	var err error
	if req.Query, err = single(values, "q"); err != nil {
		return req, err
	}
	filters := []struct {
		param string
		dst   *[]string
	}{
		{"council", &req.Councils},
		{"topic", &req.Topics},
		{"kind", &req.Kinds},
		{"speaker", &req.Speakers},
	}
	for _, f := range filters {
		if *f.dst, err = multi(values, f.param); err != nil {
			return req, err
		}
	}
	for _, k := range req.Kinds {
		if !slices.Contains(ingest.Kinds, ingest.Kind(k)) {
			return req, badParam("kind", "%q is not a passage kind (want one of %s)", k, kindList())
		}
	}
	if req.Size, err = number(values, "size"); err != nil {
		return req, err
	}
	if req.From, err = number(values, "from"); err != nil {
		return req, err
	}
	if req.Sort, err = single(values, "sort"); err != nil {
		return req, err
	}
	switch req.Sort {
	case "", index.SortRelevance, index.SortNewest, index.SortDocument:
	default:
		return req, badParam("sort", "%q is not a sort order (want relevance, newest or document)", req.Sort)
	}
	if req.Collapse, err = single(values, "collapse"); err != nil {
		return req, err
	}
	if req.Collapse != "" && req.Collapse != index.CollapseArticle {
		return req, badParam("collapse", "%q cannot be collapsed on (want article)", req.Collapse)
	}
	return req, nil
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

// number returns a non-negative whole-number parameter, 0 when absent.
func number(values url.Values, param string) (int, error) {
	s, err := single(values, param)
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, badParam(param, "%q is not a whole number of 0 or more", clip(s, 40))
	}
	return n, nil
}

// kindList names the passage kinds for an error message.
func kindList() string {
	names := make([]string, len(ingest.Kinds))
	for i, k := range ingest.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// clip shortens s to at most n runes for an error message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
