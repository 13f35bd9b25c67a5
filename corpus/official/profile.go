package official

import (
	"encoding/json"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Profile is one council's identity and its official figures, in the JSON
// shape of DESIGN.md's "Council profiles" (claims and articles are added by
// the packages that know about articles). Profiles are shared: treat them
// as read-only.
type Profile struct {
	ID     string `json:"id"`     // slug of the short name, e.g. "kent"
	Name   string `json:"name"`   // canonical name, as the gazetteer gives it
	Short  string `json:"short"`  // e.g. "Kent"
	Nation string `json:"nation"` // England, Wales, Scotland, Northern Ireland
	Region string `json:"region"` // English region, or the nation elsewhere
	Type   string `json:"type"`   // county, unitary, London borough, …

	Codes       ingest.Codes `json:"codes"`
	FormerNames []string     `json:"former_names"`
	// Successors are the authorities that took over an abolished one's
	// duties; Predecessors the abolished authorities a council replaced.
	Successors   []Ref  `json:"successors"`
	Predecessors []Ref  `json:"predecessors,omitempty"`
	Abolished    string `json:"abolished,omitempty"` // ISO date the authority ceased, if it has
	// Note says what a reader needs to know about the figures: why there
	// are none (a council outside England), or what happened to the area.
	Note string `json:"note,omitempty"`

	Ofsted           Ofsted      `json:"ofsted"`
	Workforce        []Workforce `json:"workforce"`
	RegionWorkforce  []Workforce `json:"region_workforce"`
	EnglandWorkforce []Workforce `json:"england_workforce"`
	Neighbours       []Neighbour `json:"neighbours"`

	Release     *Release `json:"release"`
	Attribution string   `json:"attribution"`
}

// Ref names another profile.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Ofsted holds a council's ILACS judgements: the latest (as at the date
// of the Ofsted release) and every graded inspection, oldest first.
type Ofsted struct {
	Latest  *Inspection  `json:"latest"`
	History []Inspection `json:"history"`
}

// Inspection is one graded ILACS inspection.
type Inspection struct {
	Overall           Judgement `json:"overall"`
	Leaders           Judgement `json:"leaders"`
	HelpAndProtection Judgement `json:"help_and_protection"`
	ChildrenInCare    Judgement `json:"children_in_care"`
	// CareLeavers is empty (null in JSON) for inspections before
	// 1 January 2023, when care leavers had no sub-judgement of their own.
	CareLeavers Judgement `json:"care_leavers"`
	Inspected   string    `json:"inspected"` // ISO date the inspection began
	Published   string    `json:"published"` // ISO date of the report
	Type        string    `json:"type"`      // "ILACS Standard Inspection", "ILACS Short Inspection"
	ReportURL   string    `json:"report_url"`
	// ReportOf names the authority whose Ofsted page ReportURL opens when
	// it is not this one: City of London's link opens Islington's page.
	ReportOf *Ref `json:"report_of,omitempty"`
}

// Judgement is an Ofsted grade as Ofsted words it ("Outstanding", "Good",
// "Requires improvement to be good", "Inadequate"); empty when not given.
type Judgement string

// Ofsted's four grades, best first.
const (
	Outstanding         Judgement = "Outstanding"
	Good                Judgement = "Good"
	RequiresImprovement Judgement = "Requires improvement to be good"
	Inadequate          Judgement = "Inadequate"
)

// Grade is Ofsted's number for the judgement: 1 Outstanding to 4
// Inadequate, 0 when there is none.
func (j Judgement) Grade() int {
	switch j {
	case Outstanding:
		return 1
	case Good:
		return 2
	case RequiresImprovement:
		return 3
	case Inadequate:
		return 4
	}
	return 0
}

// MarshalJSON writes an absent judgement as null, not "".
func (j Judgement) MarshalJSON() ([]byte, error) {
	if j == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(j))
}

// Workforce is one year's DfE children's social work workforce figures for
// a council, a region or England. A figure DfE did not publish is nil,
// with its code in Suppressed (see SuppressionReason).
type Workforce struct {
	Year int    `json:"year"`  // DfE reporting year: the position at 30 September
	AsAt string `json:"as_at"` // that date, e.g. "2024-09-30"

	FTE          *float64 `json:"fte"`           // children and family social workers in post, FTE
	Headcount    *float64 `json:"headcount"`     // the same, headcount
	Caseload     *float64 `json:"caseload"`      // average cases per case-holding FTE
	VacancyRate  *float64 `json:"vacancy_rate"`  // % of FTE posts vacant
	AgencyRate   *float64 `json:"agency_rate"`   // agency workers as % of FTE
	TurnoverRate *float64 `json:"turnover_rate"` // leavers as % of FTE in post
	AbsenceRate  *float64 `json:"absence_rate"`  // % of working days lost to sickness

	// SharedWith names the councils whose figures these also are: DfE
	// publishes one row for a joint return (Kingston upon Thames and
	// Richmond upon Thames; North and West Northamptonshire).
	SharedWith []Ref `json:"shared_with,omitempty"`
	// Suppressed maps a JSON field name ("caseload") to the code DfE
	// published instead of a figure.
	Suppressed map[string]string `json:"suppressed,omitempty"`
	// Note flags figures to read with care, e.g. 2016's older method.
	Note string `json:"note,omitempty"`
}

// Neighbour is one of a council's ten DfE statistical neighbours, with its
// latest figures.
type Neighbour struct {
	Rank      int        `json:"rank"` // 1 is the most similar
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Closeness string     `json:"closeness"` // DfE's band: "Extremely close" … "Not close"
	Latest    *Workforce `json:"latest"`    // the neighbour's latest workforce year
	Ofsted    Judgement  `json:"ofsted"`    // its latest overall judgement
}

// Release names the files a Dataset was read from.
type Release struct {
	Dir   string   `json:"dir,omitempty"` // where newer files came from; empty if all are shipped
	Files []Source `json:"files"`
}

// Source is one file of a release.
type Source struct {
	Kind    string `json:"kind"`  // workforce, workforce_2016, ofsted, ofsted_history, neighbours
	File    string `json:"file"`  // base name
	Title   string `json:"title"` // what it holds, e.g. "Local authority inspection judgements as at 31 March 2025"
	Shipped bool   `json:"shipped"`
}

// Source returns the file of the given kind, if the release has one.
func (r *Release) Source(kind string) (Source, bool) {
	for _, s := range r.Files {
		if s.Kind == kind {
			return s, true
		}
	}
	return Source{}, false
}

// Latest returns the most recent year of a workforce series, or nil.
func Latest(series []Workforce) *Workforce {
	if len(series) == 0 {
		return nil
	}
	return &series[len(series)-1]
}

// Year returns the entry for a reporting year, or nil.
func Year(series []Workforce, year int) *Workforce {
	for i := range series {
		if series[i].Year == year {
			return &series[i]
		}
	}
	return nil
}
