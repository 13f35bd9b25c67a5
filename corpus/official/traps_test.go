package official_test

import (
	"slices"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// mustLookup is official.Lookup for a query that must find something.
func mustLookup(tb testing.TB, q string) *official.Profile {
	tb.Helper()
	p, err := official.Lookup(q)
	if err != nil {
		tb.Fatalf("Lookup(%q): %v", q, err)
	}
	return p
}

// years lists the reporting years of a series.
func years(series []official.Workforce) []int {
	var ys []int
	for _, w := range series {
		ys = append(ys, w.Year)
	}
	return ys
}

func span(from, to int) []int {
	var ys []int
	for y := from; y <= to; y++ {
		ys = append(ys, y)
	}
	return ys
}

func refIDs(refs []official.Ref) []string {
	var ids []string
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	return ids
}

func num(v *float64) float64 {
	if v == nil {
		return -1
	}
	return *v
}

// Joint rows: "314 / 318" and "940 / 941" are one return for two
// councils; each gets the figures and names the other.
func TestJointReturnsAreSharedAndSaySo(t *testing.T) {
	for _, tt := range []struct {
		council, partner string
		years            []int
	}{
		{"Kingston upon Thames", "richmond-upon-thames", span(2016, 2025)},
		{"Richmond upon Thames", "kingston-upon-thames", span(2016, 2025)},
		{"North Northamptonshire", "west-northamptonshire", span(2021, 2025)},
		{"West Northamptonshire", "north-northamptonshire", span(2021, 2025)},
	} {
		t.Run(tt.council, func(t *testing.T) {
			p := mustLookup(t, tt.council)
			if got := years(p.Workforce); !slices.Equal(got, tt.years) {
				t.Fatalf("years %v, want %v", got, tt.years)
			}
			for _, w := range p.Workforce {
				if !slices.Equal(refIDs(w.SharedWith), []string{tt.partner}) {
					t.Errorf("%d: shared with %v, want %s", w.Year, w.SharedWith, tt.partner)
				}
			}
		})
	}
	// The two halves of a joint return are the same figures.
	k, r := mustLookup(t, "Kingston upon Thames"), mustLookup(t, "Richmond upon Thames")
	if num(official.Year(k.Workforce, 2024).Caseload) != num(official.Year(r.Workforce, 2024).Caseload) {
		t.Error("Kingston and Richmond 2024 caseloads differ")
	}
	// A council with its own return shares nothing.
	if w := official.Latest(mustLookup(t, "Medway").Workforce); len(w.SharedWith) != 0 {
		t.Errorf("Medway shares with %v", w.SharedWith)
	}
}

// Reorganisations: an abolished authority keeps its own figures under its
// own profile, which names its successors; the successor's series starts
// when it does and names its predecessors.
func TestReorganisations(t *testing.T) {
	for _, tt := range []struct {
		query, id    string
		years        []int
		successors   []string
		predecessors []string
	}{
		{"Bournemouth", "bournemouth-borough-council", span(2016, 2018), []string{"bournemouth-christchurch-and-poole"}, nil},
		{"Poole", "borough-of-poole", span(2016, 2018), []string{"bournemouth-christchurch-and-poole"}, nil},
		{"BCP", "bournemouth-christchurch-and-poole", span(2019, 2025), nil, []string{"borough-of-poole", "bournemouth-borough-council"}},
		{"835", "dorset-county-council", span(2016, 2018), []string{"dorset"}, nil},
		{"Dorset", "dorset", span(2019, 2025), nil, []string{"dorset-county-council"}},
		{"Cumbria", "cumbria-county-council", span(2016, 2022), []string{"cumberland", "westmorland-and-furness"}, nil},
		{"Cumbria County Council", "cumbria-county-council", span(2016, 2022), []string{"cumberland", "westmorland-and-furness"}, nil},
		{"Cumberland", "cumberland", span(2023, 2025), nil, []string{"cumbria-county-council"}},
		{"Westmorland and Furness", "westmorland-and-furness", span(2023, 2025), nil, []string{"cumbria-county-council"}},
		{"Northamptonshire", "northamptonshire-county-council", span(2016, 2020), []string{"north-northamptonshire", "west-northamptonshire"}, nil},
	} {
		t.Run(tt.query, func(t *testing.T) {
			p := mustLookup(t, tt.query)
			if p.ID != tt.id {
				t.Fatalf("Lookup(%q) = %s, want %s", tt.query, p.ID, tt.id)
			}
			if got := years(p.Workforce); !slices.Equal(got, tt.years) {
				t.Errorf("years %v, want %v", got, tt.years)
			}
			if got := refIDs(p.Successors); !slices.Equal(got, tt.successors) {
				t.Errorf("successors %v, want %v", got, tt.successors)
			}
			if got := refIDs(p.Predecessors); !slices.Equal(slices.Sorted(slices.Values(got)), tt.predecessors) {
				t.Errorf("predecessors %v, want %v", got, tt.predecessors)
			}
			if (p.Abolished != "") != (len(tt.successors) > 0) || (p.Abolished != "") != (p.Note != "") {
				t.Errorf("abolished %q, note %q", p.Abolished, p.Note)
			}
		})
	}
	// Abolished authorities are not among the 153 and have no neighbours;
	// their last inspection is their latest.
	for _, p := range official.Shipped().Abolished() {
		if slices.Contains(official.Profiles(), p) || len(p.Neighbours) != 0 {
			t.Errorf("%s: listed as current or has neighbours", p.Name)
		}
	}
	if c := mustLookup(t, "Cumbria"); c.Ofsted.Latest == nil || c.Ofsted.Latest.Inspected != "2022-09-20" {
		t.Errorf("Cumbria's last inspection: %+v", c.Ofsted.Latest)
	}
}

// Code changes: North Yorkshire and Somerset kept their DfE code but got
// new ONS codes in 2023; Buckinghamshire in 2020; Barnsley and Sheffield
// only in the 2025 DfE file (Ofsted keeps the old); Gateshead and
// Northumberland differ in the 2016 file. Each is one council throughout.
func TestCodeChangesKeepOneSeries(t *testing.T) {
	for _, tt := range []struct {
		codes []string
		ons   string
	}{
		{[]string{"815", "E10000023", "e06000065", "North Yorkshire County Council"}, "E06000065"},
		{[]string{"933", "E10000027", "E06000066", "Somerset County Council"}, "E06000066"},
		{[]string{"825", "E10000002", "E06000060"}, "E06000060"},
		{[]string{"370", "E08000016", "E08000038"}, "E08000038"},
		{[]string{"373", "E08000019", "E08000039"}, "E08000039"},
		{[]string{"390", "E08000020", "E08000037"}, "E08000037"},
		{[]string{"929", "E06000048", "E06000057"}, "E06000057"},
	} {
		t.Run(tt.codes[0], func(t *testing.T) {
			p := mustLookup(t, tt.codes[0])
			for _, c := range tt.codes[1:] {
				if q := mustLookup(t, c); q != p {
					t.Errorf("Lookup(%q) = %s, want %s", c, q.Name, p.Name)
				}
			}
			if p.Codes.ONS != tt.ons {
				t.Errorf("current ONS code %s, want %s", p.Codes.ONS, tt.ons)
			}
			if got := years(p.Workforce); !slices.Equal(got, span(2016, 2025)) {
				t.Errorf("years %v", got)
			}
			if p.Ofsted.Latest == nil {
				t.Error("no Ofsted judgement joined")
			}
		})
	}
}

// City of London's Ofsted link ends in Islington's code: joined by ONS
// code, each keeps its own judgement, and City's says whose page it opens.
func TestCityOfLondonLinkIsNotAKey(t *testing.T) {
	city, islington := mustLookup(t, "City of London"), mustLookup(t, "Islington")
	if city.Ofsted.Latest.Inspected != "2024-09-23" || islington.Ofsted.Latest.Inspected != "2024-12-02" {
		t.Errorf("City inspected %s, Islington %s", city.Ofsted.Latest.Inspected, islington.Ofsted.Latest.Inspected)
	}
	if city.Ofsted.Latest.ReportOf == nil || city.Ofsted.Latest.ReportOf.ID != "islington" {
		t.Errorf("City's report link: %+v", city.Ofsted.Latest.ReportOf)
	}
	if islington.Ofsted.Latest.ReportOf != nil || len(islington.Ofsted.History) != 2 {
		t.Errorf("Islington: %+v", islington.Ofsted)
	}
	if got := mustLookup(t, "206"); got != islington {
		t.Errorf("Lookup(206) = %s", got.Name)
	}
}

// Suppression codes are never zeros: the figure is null with its code.
func TestSuppressedFiguresAreNotZeros(t *testing.T) {
	for _, tt := range []struct {
		council string
		year    int
		field   string
		code    string
	}{
		{"Kensington and Chelsea", 2025, "caseload", "x"}, // a cyber incident: x for every 2025 measure
		{"Westminster", 2025, "fte", "x"},
		{"Isles of Scilly", 2017, "absence_rate", "c"},
		{"Isles of Scilly", 2023, "turnover_rate", "z"},
		{"Sunderland", 2025, "agency_rate", "low"},
		{"Newcastle", 2016, "caseload", "x"},            // 2016's "x": withheld, reason not given
		{"Derby", 2016, "caseload", "x"},                // 2016's "..": not available
		{"Richmond upon Thames", 2016, "caseload", "x"}, // Kingston's "..", shared
	} {
		p := mustLookup(t, tt.council)
		w := official.Year(p.Workforce, tt.year)
		v, code := w.Value(tt.field)
		if v != nil || code != tt.code || official.SuppressionReason(code) == "" {
			t.Errorf("%s %d %s = %v, %q; want null with %q", tt.council, tt.year, tt.field, num(v), code, tt.code)
		}
	}
	kc := official.Latest(mustLookup(t, "Kensington and Chelsea").Workforce)
	if len(kc.Suppressed) != len(official.Fields()) {
		t.Errorf("Kensington and Chelsea 2025 suppressed %v, want every measure", kc.Suppressed)
	}
}

// Names differ across files ("Bristol, City of"); codes join them.
func TestNamesComeFromTheGazetteer(t *testing.T) {
	for code, want := range map[string]string{
		"801": "Bristol City Council", "884": "Herefordshire Council", "810": "Hull City Council",
		"E06000058": "Bournemouth, Christchurch and Poole Council", "391": "Newcastle City Council",
	} {
		if p := mustLookup(t, code); p.Name != want || official.Latest(p.Workforce).Year != 2025 {
			t.Errorf("Lookup(%s) = %s, want %s with 2025 figures", code, p.Name, want)
		}
	}
}

// The figures the data README checked against the published record.
func TestREADMEChecks(t *testing.T) {
	walsall := mustLookup(t, "Walsall")
	for _, tt := range []struct {
		year        int
		field       string
		want        float64
		series      []official.Workforce
		seriesLabel string
	}{
		{2017, "agency_rate", 30.5, walsall.Workforce, "Walsall"}, // the README's "30.5 → 14.8" runs 2017 to 2020
		{2020, "agency_rate", 14.8, walsall.Workforce, "Walsall"},
		{2018, "caseload", 19.9, walsall.Workforce, "Walsall"},
		{2020, "caseload", 13.4, walsall.Workforce, "Walsall"},
		{2022, "vacancy_rate", 20.0, walsall.EnglandWorkforce, "England"},
		{2022, "agency_rate", 17.6, walsall.EnglandWorkforce, "England"},
		{2017, "caseload", 18.3, mustLookup(t, "Warwickshire").Workforce, "Warwickshire"},
	} {
		v, _ := official.Year(tt.series, tt.year).Value(tt.field)
		if num(v) != tt.want {
			t.Errorf("%s %d %s = %v, want %v", tt.seriesLabel, tt.year, tt.field, num(v), tt.want)
		}
	}
	england := []float64{17.7, 17.4, 16.9, 16.3, 16.3, 16.6, 16.0, 15.4, 15.2}
	for i, want := range england {
		if got := num(official.Year(walsall.EnglandWorkforce, 2017+i).Caseload); got != want {
			t.Errorf("England %d caseload %v, want %v", 2017+i, got, want)
		}
	}
	for council, want := range map[string]string{"Kent": "2022-05-09", "Medway": "2023-07-17", "Somerset": "2022-07-18", "Worcestershire": "2023-05-15"} {
		l := mustLookup(t, council).Ofsted.Latest
		wantGrade := official.Good
		if council == "Kent" {
			wantGrade = official.Outstanding
		}
		if l.Inspected != want || l.Overall != wantGrade {
			t.Errorf("%s: %s inspected %s, want %s inspected %s", council, l.Overall, l.Inspected, wantGrade, want)
		}
	}
}
