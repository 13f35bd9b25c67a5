package server

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
)

// chipView is one applied filter shown above the results, a link to the
// same search without it.
type chipView struct {
	Facet  string // the facet's label: "Council"
	Label  string // the value's label: "Kent County Council"
	Remove string // the URL without this filter
}

// appliedChips lists the filters a search applied, facet by facet in the
// registry's order: the ticked values and the values a field:value clause
// of the query selected (removing one of those takes its clause out of
// the query), then "one result per article".
func appliedChips(values url.Values, req index.Request, applied map[string][]string) []chipView {
	var out []chipView
	for _, f := range index.Facets() {
		ticked := req.Filter(f.Name)
		selected := ticked
		if applied != nil {
			selected = applied[f.Name] // as the index holds them: Kent → Kent County Council
		}
		for _, v := range selected {
			without := cloneValues(values)
			without.Del("from")
			switch {
			case slices.Contains(ticked, v):
				without[f.Name] = slices.DeleteFunc(slices.Clone(values[f.Name]), func(s string) bool { return strings.TrimSpace(s) == v })
			case clauseRe(f.Name).MatchString(values.Get("q")):
				without.Set("q", dropClauses(values.Get("q"), f.Name))
			default: // ticked under another name ("Kent")
				without[f.Name] = slices.DeleteFunc(slices.Clone(values[f.Name]), func(s string) bool { return !slices.Contains(selected, strings.TrimSpace(s)) })
			}
			out = append(out, chipView{Facet: f.Label, Label: f.ValueLabel(v), Remove: pageURL(without)})
		}
	}
	if req.Collapse == index.CollapseArticle {
		without := cloneValues(values)
		without.Del("collapse")
		without.Del("from")
		out = append(out, chipView{Label: "One result per article", Remove: pageURL(without)})
	}
	return out
}

// clauseRe matches the name:value clauses of a query, as the JS that
// unticks a typed filter does.
func clauseRe(name string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|\s)` + regexp.QuoteMeta(name) + `:("[^"]*"?|\S+)`)
}

// dropClauses removes the name:value clauses of one facet from a query.
func dropClauses(q, name string) string {
	return strings.Join(strings.Fields(clauseRe(name).ReplaceAllString(q, " ")), " ")
}

// broaden suggests, for a search that found nothing, the searches that
// drop one thing: each filter, each word of a query of several words, all
// filters, the words (keeping the filters).
func broaden(values url.Values, req index.Request, chips []chipView) []linkView {
	var out []linkView
	for _, c := range chips {
		label := "without " + c.Label
		if c.Facet != "" {
			label = "without the " + strings.ToLower(c.Facet) + " filter " + c.Label
		}
		out = append(out, linkView{Label: label, URL: c.Remove})
	}
	if len(chips) > 1 {
		out = append(out, linkView{Label: "without any filter", URL: pageURL(url.Values{"q": {req.Query}})})
	}
	words := strings.Fields(req.Query)
	if len(words) > 1 && len(words) <= 6 {
		for i, w := range words {
			rest := slices.Concat(words[:i], words[i+1:])
			without := cloneValues(values)
			without.Del("from")
			without.Set("q", strings.Join(rest, " "))
			out = append(out, linkView{Label: "without the word " + w, URL: pageURL(without)})
		}
	}
	if req.Query != "" && len(chips) > 0 {
		without := cloneValues(values)
		without.Del("from")
		without.Del("q")
		out = append(out, linkView{Label: "every passage with these filters, whatever the words", URL: pageURL(without)})
	}
	return out
}

// cloneValues copies URL values, so one search's links do not share
// slices with another's.
func cloneValues(values url.Values) url.Values {
	out := url.Values{}
	for k, vs := range values {
		out[k] = slices.Clone(vs)
	}
	return out
}

// pageURL is the search page for values, without empty parameters.
func pageURL(values url.Values) string {
	clean := url.Values{}
	for k, vs := range values {
		for _, v := range vs {
			if strings.TrimSpace(v) != "" {
				clean.Add(k, v)
			}
		}
	}
	if len(clean) == 0 {
		return "/"
	}
	return "/?" + clean.Encode()
}
