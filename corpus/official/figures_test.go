package official

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// csvRows reads a shipped data file with encoding/csv alone, as maps from
// column to cell, skipping any preamble above the row that starts with
// firstColumn: the tests check the package's reading against this plain one.
func csvRows(tb testing.TB, file, firstColumn string) []map[string]string {
	tb.Helper()
	data, err := os.ReadFile("data/" + file)
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for len(recs) > 0 && recs[0][0] != firstColumn {
		recs = recs[1:]
	}
	if len(recs) == 0 {
		tb.Fatalf("%s: no header starting %q", file, firstColumn)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		blank := true
		for i, h := range recs[0] {
			if i < len(rec) {
				m[strings.TrimSpace(h)] = strings.TrimSpace(rec[i])
				blank = blank && strings.TrimSpace(rec[i]) == ""
			}
		}
		if !blank {
			out = append(out, m)
		}
	}
	return out
}

// checkFigure asserts that a profile's figure is the file's cell: the same
// number, or nil with the cell's suppression code.
func checkFigure(t *testing.T, where string, w *Workforce, f field, cell string, old bool) {
	t.Helper()
	got, code := w.Value(f.JSON)
	if want, ok := suppressionCode(cell, old); ok {
		if got != nil || code != want {
			t.Errorf("%s %s: file has %q, profile has %v (suppressed %q)", where, f.JSON, cell, deref(got), code)
		}
		return
	}
	want, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", ""), 64)
	if err != nil {
		t.Fatalf("%s %s: cell %q", where, f.JSON, cell)
	}
	if got == nil || *got != want || code != "" {
		t.Errorf("%s %s: file has %v, profile has %v (suppressed %q)", where, f.JSON, want, deref(got), code)
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func TestEveryWorkforceFigureIsInItsProfile(t *testing.T) {
	d := Shipped()
	laRows, areaRows := 0, 0
	for _, r := range csvRows(t, "csww_indicators_2017_to_2025.csv", "time_period") {
		year, _ := strconv.Atoi(r["time_period"])
		switch r["geographic_level"] {
		case "Local authority":
			codes := splitCodes(r["old_la_code"])
			for _, code := range codes {
				p, err := d.Lookup(code)
				if err != nil {
					t.Fatalf("%s %d: %v", r["la_name"], year, err)
				}
				if rc := r["region_code"]; englishRegions[p.Region] != rc && !(londonSubregions[rc] && p.Region == "London") {
					t.Errorf("%s %d: region %s in the file, %s in the gazetteer", p.Name, year, rc, p.Region)
				}
				w := Year(p.Workforce, year)
				if w == nil {
					t.Errorf("%s has no %d figures", p.Name, year)
					continue
				}
				for _, f := range fields {
					checkFigure(t, p.Name+" "+r["time_period"], w, f, r[f.Column], false)
				}
				if len(w.SharedWith) != len(codes)-1 {
					t.Errorf("%s %d: shared with %v, but the row is %q", p.Name, year, w.SharedWith, r["old_la_code"])
				}
				laRows++
			}
		case "National", "Regional":
			if londonSubregions[r["region_code"]] {
				continue
			}
			series := d.Profiles()[0].EnglandWorkforce
			if r["geographic_level"] == "Regional" {
				series = regionSeries(t, d, r["region_code"])
			}
			w := Year(series, year)
			if w == nil {
				t.Fatalf("no %d figures for %s", year, r["region_name"]+r["country_name"])
			}
			for _, f := range fields {
				checkFigure(t, r["region_name"]+r["country_name"]+" "+r["time_period"], w, f, r[f.Column], false)
			}
			areaRows++
		}
	}
	if laRows < 1350 || areaRows != 90 {
		t.Errorf("walked %d authority-years and %d area-years", laRows, areaRows)
	}
}

// regionSeries is the region_workforce of any profile in a region.
func regionSeries(t *testing.T, d *Dataset, code string) []Workforce {
	t.Helper()
	for _, p := range d.Profiles() {
		if englishRegions[p.Region] == code {
			return p.RegionWorkforce
		}
	}
	t.Fatalf("no profile in region %s", code)
	return nil
}

func TestEvery2016FigureIsInItsProfile(t *testing.T) {
	d := Shipped()
	n := 0
	for _, r := range csvRows(t, "csww_2016_SFR08_2017_UD.csv", "Country_code") {
		code := r["LA_code (3 digit)"]
		if code == "" {
			if londonSubregions[r["Region_code"]] {
				continue
			}
			series := d.Profiles()[0].EnglandWorkforce
			if r["Region_code"] != "" {
				series = regionSeries(t, d, r["Region_code"])
			}
			for _, f := range fields {
				checkFigure(t, "area "+r["Region_name"], Year(series, 2016), f, r[f.Column2016], true)
			}
			continue
		}
		p, err := d.Lookup(code)
		if err != nil {
			t.Fatal(err)
		}
		w := Year(p.Workforce, 2016)
		if w == nil {
			t.Fatalf("%s has no 2016 figures", p.Name)
		}
		if w.Note == "" {
			t.Errorf("%s 2016: no note that the method differs", p.Name)
		}
		if p.Short == "Richmond upon Thames" {
			// "." throughout: DfE reports the joint return against Kingston.
			if len(w.SharedWith) != 1 || w.SharedWith[0].ID != "kingston-upon-thames" {
				t.Errorf("Richmond 2016 shared with %v, want Kingston", w.SharedWith)
			}
			continue
		}
		for _, f := range fields {
			checkFigure(t, p.Name+" 2016", w, f, r[f.Column2016], true)
		}
		n++
	}
	if n != 151 {
		t.Errorf("walked %d authorities, want 151 (152 rows less Richmond's)", n)
	}
}

func TestEveryOfstedJudgementIsInItsProfile(t *testing.T) {
	d := Shipped()
	check := func(t *testing.T, r map[string]string, in *Inspection, where string) {
		t.Helper()
		for col, got := range map[string]Judgement{
			colOverall: in.Overall, colLeaders: in.Leaders, colHelp: in.HelpAndProtection,
			colInCare: in.ChildrenInCare, colCareLeavers: in.CareLeavers,
		} {
			if string(got) != r[col] {
				t.Errorf("%s: %s is %q, file has %q", where, col, got, r[col])
			}
		}
		if in.Inspected != isoOf(r[colInspected]) || in.Published != isoOf(r[colPublished]) || in.ReportURL != r[colLink] {
			t.Errorf("%s: %+v, file has %v", where, in, r)
		}
	}
	latest := csvRows(t, "ofsted_judgements_as_at_2025-03-31.csv", colLink)
	if len(latest) != 153 {
		t.Fatalf("%d latest judgements", len(latest))
	}
	for _, r := range latest {
		p, err := d.Lookup(r[colONS])
		if err != nil || p.Abolished != "" {
			t.Fatalf("%s: %v %v", r[colONS], p, err)
		}
		if p.Ofsted.Latest == nil {
			t.Fatalf("%s: no latest judgement", p.Name)
		}
		check(t, r, p.Ofsted.Latest, p.Name+" latest")
		if p.Ofsted.Latest.Type == "" {
			t.Errorf("%s: latest inspection has no type", p.Name)
		}
	}
	history := csvRows(t, "ofsted_ilacs_history_2018_2025.csv", colLink)
	if len(history) != 271 {
		t.Fatalf("%d inspections in the history", len(history))
	}
	for _, r := range history {
		p, err := d.Lookup(r[colONS])
		if err != nil {
			t.Fatal(err)
		}
		if (p.Abolished != "") != (r["Local authority status"] == "No longer exists") {
			t.Errorf("%s: status %q, profile abolished %q", p.Name, r["Local authority status"], p.Abolished)
		}
		i := slices.IndexFunc(p.Ofsted.History, func(in Inspection) bool { return in.Inspected == isoOf(r[colInspected]) })
		if i < 0 {
			t.Errorf("%s: no inspection of %s", p.Name, r[colInspected])
			continue
		}
		check(t, r, &p.Ofsted.History[i], p.Name+" "+r[colInspected])
		if p.Ofsted.History[i].Type != r[colType] {
			t.Errorf("%s %s: type %q, file has %q", p.Name, r[colInspected], p.Ofsted.History[i].Type, r[colType])
		}
	}
}

func isoOf(dmy string) string {
	parts := strings.Split(dmy, "/")
	if len(parts) != 3 {
		return dmy
	}
	return parts[2] + "-" + parts[1] + "-" + parts[0]
}

func TestEveryNeighbourIsInItsProfile(t *testing.T) {
	d := Shipped()
	rows := csvRows(t, "sn_model_2025_wide.csv", "old_la_code")
	if len(rows) != 153 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, r := range rows {
		p, err := d.Lookup(r["old_la_code"])
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Neighbours) != 10 {
			t.Fatalf("%s: %d neighbours", p.Name, len(p.Neighbours))
		}
		for i, n := range p.Neighbours {
			k := strconv.Itoa(i + 1)
			q, err := d.Lookup(r["SN_"+k])
			if err != nil {
				t.Fatal(err)
			}
			if n.Rank != i+1 || n.ID != q.ID || n.Closeness != r["SN_"+k+"P"] {
				t.Errorf("%s neighbour %d: %+v, file has %s %q", p.Name, i+1, n, r["SN_"+k], r["SN_"+k+"P"])
			}
			if n.Latest != Latest(q.Workforce) || n.Latest.Year != 2025 || n.Ofsted != q.Ofsted.Latest.Overall {
				t.Errorf("%s neighbour %s: latest %+v, ofsted %q", p.Name, q.Name, n.Latest, n.Ofsted)
			}
		}
	}
}

// TestShippedFilesAreTheREADMEs checks each copied file against the
// checksum the data README gives, so a copy can never drift.
func TestShippedFilesAreTheREADMEs(t *testing.T) {
	readme, err := os.ReadFile("data/README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|.*\\| ([0-9a-f]{12}) \\|$").FindAllStringSubmatch(string(readme), -1) {
		want[m[1]] = m[2]
	}
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range entries {
		sum, listed := want[e.Name()]
		if !listed {
			continue
		}
		data, err := os.ReadFile("data/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:])[:12]; got != sum {
			t.Errorf("%s: sha256 %s…, README says %s…", e.Name(), got, sum)
		}
		checked++
	}
	for _, s := range sources {
		if _, listed := want[s.shipped]; !listed {
			t.Errorf("%s is shipped but the README does not list it", s.shipped)
		}
	}
	if checked != len(sources)+1 { // and the ONS lookup the gazetteer test reads
		t.Errorf("checked %d files", checked)
	}
}
