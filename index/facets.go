package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// FacetSpec is one facet: a keyword field of the passages that searches
// can filter on and count by. The table facetSpecs is the one list of
// them; the mapping, the query syntax, filtering, counting, the server's
// parameters and sidebar, the CLI's flags, OpenAPI and the tests all
// loop over it, so a new facet is one entry here.
type FacetSpec struct {
	// Name is the facet's one name everywhere: the key of Request.Filters
	// and Result.Facets, the API parameter (?council=), the CLI flag
	// (--council) and the field of the query syntax (council:Kent).
	Name string
	// Label heads the facet's filters on the page.
	Label string
	// Help says what a filter on it keeps, for flag usage and the API.
	Help string
	// Example is a value that works on the embedded corpus, for messages.
	Example string
	// Size is the number of values a Result counts; 0 makes the facet a
	// filter and query field only, not counted in Results.
	Size int
	// Official marks a facet whose values come from the official figures
	// (DfE, Ofsted): wherever its counts are shown, the licence's
	// attribution line is shown with them.
	Official bool

	field string
	// canon puts a value as typed in the form the index holds, or says
	// why it cannot be one.
	canon func(ctx context.Context, ix *Index, spec FacetSpec, v string) (string, error)
	// valueLabel names a value for people; nil shows the value itself.
	valueLabel func(string) string
}

// facetSpecs is the facet registry, in the order the page shows them.
var facetSpecs = []FacetSpec{
	{Name: "council", Label: "Council", Help: "only passages from this council: a name, short name or former name",
		Example: "Kent", Size: 25, field: fieldCouncil, canon: canonCouncil},
	{Name: "topic", Label: "Topic", Help: "only passages on this topic: an id or a label",
		Example: "supervision", Size: 25, field: fieldTopic, canon: canonTopic, valueLabel: topicLabel},
	{Name: "kind", Label: "Kind of passage", Help: "only passages of this kind: " + kindNames(),
		Example: "qa", Size: len(ingest.Kinds), field: fieldKind, canon: canonKind, valueLabel: kindLabel},
	{Name: "speaker", Label: "Speaker", Help: "only passages by this speaker",
		Example: "Jean Ross", Size: 25, field: fieldSpeaker, canon: canonIndexed},
	{Name: "region", Label: "Region", Help: "only passages from councils in this region",
		Example: "South East", Size: 15, field: fieldRegion, canon: canonIndexed},
	{Name: "ofsted", Label: "Ofsted (council's latest)", Help: "only passages from councils whose latest Ofsted judgement is this: " + strings.Join(ofstedGrades(), ", "),
		Example: "Outstanding", Size: len(ofstedGrades()), Official: true, field: fieldOfsted, canon: canonOfsted},
	{Name: "year", Label: "Year", Help: "only passages from articles published in this year",
		Example: "2018", Size: 30, field: fieldYear, canon: canonYear},
	{Name: "fact", Label: "Facts stated", Help: "only passages that state a fact of this type: " + strings.Join(ingest.FactTypes(), ", "),
		Example: "caseload_average", Size: 10, field: fieldFact, canon: canonFact, valueLabel: factLabel},
	{Name: "role", Label: "Role", Help: "only passages by people in this role",
		Example: "team manager", field: fieldRole, canon: canonRole},
}

// Facets lists the facet registry in display order.
func Facets() []FacetSpec { return slices.Clone(facetSpecs) }

// FacetNames lists the facets' names, for messages.
func FacetNames() []string {
	out := make([]string, len(facetSpecs))
	for i, f := range facetSpecs {
		out[i] = f.Name
	}
	return out
}

// LookupFacet returns the facet called name (any case).
func LookupFacet(name string) (FacetSpec, bool) {
	for _, f := range facetSpecs {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return FacetSpec{}, false
}

// queryExample is a field:value clause of the facet for messages.
func (f FacetSpec) queryExample() string {
	if strings.Contains(f.Example, " ") {
		return f.Name + `:"` + f.Example + `"`
	}
	return f.Name + ":" + f.Example
}

// Counted reports whether Results count the facet's values.
func (f FacetSpec) Counted() bool { return f.Size > 0 }

// ValueLabel names a value of the facet for people: a topic's label, a
// kind's display name; other values as they are.
func (f FacetSpec) ValueLabel(v string) string {
	if f.valueLabel == nil {
		return v
	}
	return f.valueLabel(v)
}

// countedFacets are the facets every Result counts.
func countedFacets() []FacetSpec {
	var out []FacetSpec
	for _, f := range facetSpecs {
		if f.Counted() {
			out = append(out, f)
		}
	}
	return out
}

// unknownFacet is the error for a facet name nobody registered.
func unknownFacet(name string) error {
	return &QueryError{Param: name, Message: fmt.Sprintf("unknown filter %q: use %s", name, strings.Join(FacetNames(), ", "))}
}

// canonCouncil takes a council the index holds under the name typed, or
// else the gazetteer's name for it, or the name under which the index
// holds that council (an index built before the gazetteer renamed it). A
// name neither knows is an error naming the closest councils: a typo
// should not look like a council without articles.
func canonCouncil(ctx context.Context, ix *Index, spec FacetSpec, v string) (string, error) {
	held := ix.keywordValues(ctx, spec.field)
	for _, fv := range held {
		if strings.EqualFold(fv.Value, v) {
			return fv.Value, nil
		}
	}
	c, ok := ingest.LookupCouncil(v)
	if !ok {
		return "", unknownCouncil(spec, v)
	}
	if held, ok := ix.councilSpellings(ctx)[c.Name]; ok {
		return held, nil
	}
	return c.Name, nil
}

// unknownCouncil is the error for a name neither the index nor the
// gazetteer knows, naming the closest councils.
func unknownCouncil(spec FacetSpec, v string) error {
	msg := fmt.Sprintf("no council is called %q", v)
	if closest := ingest.ClosestCouncils(v, 5); len(closest) > 0 {
		msg += "; closest: " + strings.Join(closest, ", ")
	} else {
		msg += ": give a council's name, short name or former name, such as " + spec.Example
	}
	return &QueryError{Param: spec.Name, Message: msg}
}

// canonIndexed matches a value the index holds regardless of case; a
// value it does not hold is kept as typed, and matches nothing.
func canonIndexed(ctx context.Context, ix *Index, spec FacetSpec, v string) (string, error) {
	for _, fv := range ix.keywordValues(ctx, spec.field) {
		if strings.EqualFold(fv.Value, v) {
			return fv.Value, nil
		}
	}
	return v, nil
}

func canonTopic(_ context.Context, _ *Index, spec FacetSpec, v string) (string, error) {
	var ids []string
	for _, t := range ingest.Topics() {
		if strings.EqualFold(v, t.ID) || strings.EqualFold(v, t.Label) {
			return t.ID, nil
		}
		ids = append(ids, t.ID)
	}
	return "", &QueryError{Param: spec.Name, Message: fmt.Sprintf("unknown topic %q: use one of %s", v, strings.Join(ids, ", "))}
}

func canonKind(_ context.Context, _ *Index, spec FacetSpec, v string) (string, error) {
	for _, k := range ingest.Kinds {
		if strings.EqualFold(v, string(k)) {
			return string(k), nil
		}
	}
	return "", &QueryError{Param: spec.Name, Message: fmt.Sprintf("unknown kind %q: use one of %s", v, kindNames())}
}

func canonFact(_ context.Context, _ *Index, spec FacetSpec, v string) (string, error) {
	for _, t := range ingest.FactTypes() {
		if strings.EqualFold(v, t) {
			return t, nil
		}
	}
	return "", &QueryError{Param: spec.Name, Message: fmt.Sprintf("unknown fact type %q: use one of %s", v, strings.Join(ingest.FactTypes(), ", "))}
}

// canonOfsted takes a grade as Ofsted words it, in any case, or its
// first words ("requires improvement").
func canonOfsted(_ context.Context, _ *Index, spec FacetSpec, v string) (string, error) {
	for _, g := range ofstedGrades() {
		if v != "" && strings.HasPrefix(strings.ToLower(g), strings.ToLower(v)) {
			return g, nil
		}
	}
	return "", &QueryError{Param: spec.Name, Message: fmt.Sprintf("unknown Ofsted judgement %q: use one of %s", v, strings.Join(ofstedGrades(), ", "))}
}

func canonRole(ctx context.Context, ix *Index, spec FacetSpec, v string) (string, error) {
	return canonIndexed(ctx, ix, spec, ingest.NormalizeRole(v))
}

func canonYear(_ context.Context, _ *Index, spec FacetSpec, v string) (string, error) {
	if len(v) != 4 || strings.Trim(v, "0123456789") != "" {
		return "", &QueryError{Param: spec.Name, Message: fmt.Sprintf("year %q is not a four-digit year such as 2018", v)}
	}
	return v, nil
}

// canonical puts a filter value in the form the index holds.
func (ix *Index) canonical(ctx context.Context, spec FacetSpec, v string) (string, error) {
	return spec.canon(ctx, ix, spec, strings.TrimSpace(v))
}

func kindNames() string {
	names := make([]string, len(ingest.Kinds))
	for i, k := range ingest.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// kindLabels name the passage kinds for people.
var kindLabels = map[string]string{
	string(ingest.KindIntro): "Intro", string(ingest.KindSection): "Section",
	string(ingest.KindQA): "Q&A", string(ingest.KindQuote): "Quote",
	string(ingest.KindList): "List", string(ingest.KindComment): "Comment",
}

func kindLabel(k string) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return k
}

func topicLabel(id string) string {
	for _, t := range ingest.Topics() {
		if t.ID == id {
			return t.Label
		}
	}
	return id
}

// factLabel turns a fact type into words: "caseload_average" →
// "Caseload average".
func factLabel(t string) string {
	s := strings.ReplaceAll(t, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
