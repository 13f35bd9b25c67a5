package official

import "slices"

// field is one workforce figure: its JSON name, what it means, the column
// each file format keeps it in, and where it lives in a Workforce. The
// parsers, the suppression map and the tests all loop over this table.
type field struct {
	JSON       string
	Label      string
	Column     string // csww_indicators_2017_to_*.csv
	Column2016 string // csww_2016_SFR08_2017_UD.csv
	ptr        func(*Workforce) **float64
}

var fields = []field{
	{"fte", "social workers (FTE)", "inpost_fte", "A1_FTE_ChildrensSocialWorkers_2016", func(w *Workforce) **float64 { return &w.FTE }},
	{"headcount", "social workers (headcount)", "inpost_headcount", "A1_Headcount_ChildrensSocialWorkers_2016", func(w *Workforce) **float64 { return &w.Headcount }},
	{"caseload", "average caseload per case-holding FTE", "caseload_fte", "Average_caseload", func(w *Workforce) **float64 { return &w.Caseload }},
	{"vacancy_rate", "vacancy rate (%)", "vacancy_rate_fte", "A3_FTE_VacancyRate_2016", func(w *Workforce) **float64 { return &w.VacancyRate }},
	{"agency_rate", "agency worker rate (%)", "agency_rate_fte", "D2_FTE_AgencyWorkerRate_2016", func(w *Workforce) **float64 { return &w.AgencyRate }},
	{"turnover_rate", "turnover rate (%)", "turnover_rate_fte", "B3_FTE_TurnoverRate_2016", func(w *Workforce) **float64 { return &w.TurnoverRate }},
	{"absence_rate", "sickness absence rate (%)", "absence_rate_fte", "C2_FTE_AbsenceRate_2016", func(w *Workforce) **float64 { return &w.AbsenceRate }},
}

// Fields returns the JSON names of the workforce figures, in display order.
func Fields() []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.JSON
	}
	return out
}

// FieldLabel returns what a workforce figure means, e.g. "average caseload
// per case-holding FTE" for "caseload"; "" for an unknown name.
func FieldLabel(name string) string {
	for _, f := range fields {
		if f.JSON == name {
			return f.Label
		}
	}
	return ""
}

// Value returns a workforce figure by JSON name: the figure, or nil and
// the suppression code.
func (w *Workforce) Value(name string) (*float64, string) {
	for _, f := range fields {
		if f.JSON == name {
			return *f.ptr(w), w.Suppressed[name]
		}
	}
	return nil, ""
}

// suppression is one code that DfE publishes in place of a figure.
type suppression struct {
	Code   string   // as Workforce.Suppressed holds it (GSS symbols)
	Reason string   // what it means, for a reader
	Old    []string // the 2016 file's older DfE symbols read as this code
}

// suppressions are the Government Statistical Service symbols the 2017+
// file uses, and how the 2016 file's older DfE symbols map onto them:
// "." (not applicable) is "z"; ".." (not available) is "x"; and "x",
// which then withheld a figure without the underlying data saying whether
// for confidentiality or quality (Newcastle's caseload is "x" though its
// cases and case holders are published), is also "x", not available,
// rather than a guessed "c". A code is never a zero.
var suppressions = []suppression{
	{Code: "c", Reason: "confidential"},
	{Code: "x", Reason: "not available", Old: []string{"x", ".."}},
	{Code: "z", Reason: "not applicable", Old: []string{"."}},
	{Code: "u", Reason: "low reliability"},
	{Code: "low", Reason: "a figure too small to show at this rounding, but not zero"},
}

// SuppressionReason explains a suppression code ("u" → "low reliability");
// "" for an unknown code.
func SuppressionReason(code string) string {
	for _, s := range suppressions {
		if s.Code == code {
			return s.Reason
		}
	}
	return ""
}

// suppressionCode maps a cell to its GSS code; old selects the 2016
// file's symbols.
func suppressionCode(cell string, old bool) (string, bool) {
	for _, s := range suppressions {
		if !old && cell == s.Code || old && slices.Contains(s.Old, cell) {
			return s.Code, true
		}
	}
	return "", false
}
