package profile

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// Summary is one council in the list of every profile: what GET
// /api/councils and `recruitsearch councils --json` return for it.
type Summary struct {
	ID     string             `json:"id"`
	Name   string             `json:"name"`
	Short  string             `json:"short"`
	Region string             `json:"region"`
	Type   string             `json:"type"`
	Ofsted official.Judgement `json:"ofsted"` // latest overall judgement; null when none
	// Year is the DfE reporting year of the figures below; 0 when the
	// council has none.
	Year        int      `json:"year,omitempty"`
	Caseload    *float64 `json:"caseload"`
	VacancyRate *float64 `json:"vacancy_rate"`
	AgencyRate  *float64 `json:"agency_rate"`
	Articles    int      `json:"articles"` // articles in the index about the council

	// Latest is the council's latest workforce year, for the pages.
	Latest *official.Workforce `json:"-"`
}

// Sort is one order of the list.
type Sort struct {
	Key, Label string
	compare    func(a, b Summary) int
}

// Sorts are the orders the list offers: by name, and by the latest
// figures (largest first, missing figures last whichever way), Ofsted
// best first, and most articles first.
var Sorts = []Sort{
	{"name", "Name", func(a, b Summary) int { return cmp.Compare(a.Name, b.Name) }},
	{"caseload", "Caseload", func(a, b Summary) int { return largestFirst(a.Caseload, b.Caseload) }},
	{"vacancy", "Vacancy rate", func(a, b Summary) int { return largestFirst(a.VacancyRate, b.VacancyRate) }},
	{"agency", "Agency rate", func(a, b Summary) int { return largestFirst(a.AgencyRate, b.AgencyRate) }},
	{"ofsted", "Ofsted", func(a, b Summary) int { return bestFirst(a.Ofsted, b.Ofsted) }},
	{"articles", "Articles", func(a, b Summary) int { return cmp.Compare(b.Articles, a.Articles) }},
}

// SortKeys lists the keys of Sorts.
func SortKeys() []string {
	keys := make([]string, len(Sorts))
	for i, s := range Sorts {
		keys[i] = s.Key
	}
	return keys
}

func largestFirst(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*b, *a)
}

func bestFirst(a, b official.Judgement) int {
	ga, gb := a.Grade(), b.Grade()
	if ga == 0 {
		ga = 9
	}
	if gb == 0 {
		gb = 9
	}
	return cmp.Compare(ga, gb)
}

// ListOptions choose the order of the list and the region it keeps.
type ListOptions struct {
	Sort   string // a key of Sorts; "" is by name
	Region string // an English region, any case; "" keeps every region
}

// OptionError is a list option with a value it does not take.
type OptionError struct {
	Option  string // "sort", "region"
	Value   string
	Allowed []string
}

func (e *OptionError) Error() string {
	what := map[string]string{"sort": "a sort order", "region": "an English region"}[e.Option]
	return fmt.Sprintf("%q is not %s; use one of %s", e.Value, what, strings.Join(e.Allowed, ", "))
}

// List summarises every English local authority with children's social
// care duties in d, with the number of its articles in src, in the order
// opts asks (ties by name). An unknown sort or region is an *OptionError.
func List(ctx context.Context, src Source, d *official.Dataset, opts ListOptions) ([]Summary, error) {
	key := cmp.Or(opts.Sort, "name")
	at := slices.IndexFunc(Sorts, func(s Sort) bool { return s.Key == key })
	if at < 0 {
		return nil, &OptionError{Option: "sort", Value: opts.Sort, Allowed: SortKeys()}
	}
	counts, err := ArticleCounts(ctx, src, d)
	if err != nil {
		return nil, err
	}
	out := []Summary{}
	for _, p := range d.Profiles() {
		if opts.Region != "" && !strings.EqualFold(p.Region, opts.Region) {
			continue
		}
		s := Summary{ID: p.ID, Name: p.Name, Short: p.Short, Region: p.Region, Type: p.Type, Articles: counts[p.ID]}
		if p.Ofsted.Latest != nil {
			s.Ofsted = p.Ofsted.Latest.Overall
		}
		if w := official.Latest(p.Workforce); w != nil {
			s.Latest, s.Year = w, w.Year
			s.Caseload, _ = w.Value("caseload")
			s.VacancyRate, _ = w.Value("vacancy_rate")
			s.AgencyRate, _ = w.Value("agency_rate")
		}
		out = append(out, s)
	}
	if opts.Region != "" && len(out) == 0 {
		return nil, &OptionError{Option: "region", Value: opts.Region, Allowed: Regions(d)}
	}
	slices.SortStableFunc(out, func(a, b Summary) int {
		return cmp.Or(Sorts[at].compare(a, b), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// Regions lists the regions of d's councils, sorted.
func Regions(d *official.Dataset) []string {
	var out []string
	for _, p := range d.Profiles() {
		if !slices.Contains(out, p.Region) {
			out = append(out, p.Region)
		}
	}
	slices.Sort(out)
	return out
}

// ArticleCounts counts src's articles per profile ID.
func ArticleCounts(ctx context.Context, src Source, d *official.Dataset) (map[string]int, error) {
	all, err := src.Articles(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	ids := newIDCache(d)
	for _, a := range all {
		if id := ids.id(a.Council); id != "" {
			out[id]++
		}
	}
	return out, nil
}
