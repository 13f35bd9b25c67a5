package official

import (
	"fmt"
	"strconv"
	"strings"
)

// asAt is the census date of a DfE reporting year.
func asAt(year int) string { return fmt.Sprintf("%d-09-30", year) }

// note2016 flags the 2016 collection, which DfE counted differently.
const note2016 = "30 September 2016 collection, older method: not strictly comparable with 2017 onwards"

// readWorkforce reads DfE's children's social work workforce indicators,
// one row per year and England, region or local authority, keyed by the
// DfE code (old_la_code). A joint return's row carries both councils'
// codes ("314 / 318"); each council gets the figures, naming the other.
func readWorkforce(b *builder, file string, data []byte) (string, error) {
	cols := []string{"time_period", "geographic_level", "region_code", "old_la_code", "new_la_code", "la_name"}
	for _, f := range fields {
		cols = append(cols, f.Column)
	}
	first, last := 0, 0
	_, err := eachRow(file, data, cols, func(t *table, r row) error {
		year, err := strconv.Atoi(t.get(r, "time_period"))
		if err != nil || year < 2000 || year > 2100 {
			return formatErr(file, r.line, "time_period", fmt.Errorf("%q is not a year", t.get(r, "time_period")))
		}
		if first == 0 || year < first {
			first = year
		}
		last = max(last, year)
		w := Workforce{Year: year, AsAt: asAt(year)}
		for _, f := range fields {
			v, code, err := t.figure(r, f.Column, false)
			if err != nil {
				return err
			}
			setFigure(&w, f, v, code)
		}
		switch level := t.get(r, "geographic_level"); level {
		case "National":
			b.england = append(b.england, w)
		case "Regional":
			if code := t.get(r, "region_code"); !londonSubregions[code] {
				b.regions[code] = append(b.regions[code], w)
			}
		case "Local authority":
			if err := b.addAuthorityRow(t, r, w); err != nil {
				return err
			}
		default:
			return formatErr(file, r.line, "geographic_level", fmt.Errorf("unknown level %q", level))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if last == 0 {
		return "", formatErr(file, 0, "", fmt.Errorf("no rows"))
	}
	return fmt.Sprintf("DfE children's social work workforce, 30 September %d to 30 September %d", first, last), nil
}

// addAuthorityRow files one local authority row under the council(s) its
// DfE codes name, checking that its ONS codes name the same ones.
func (b *builder) addAuthorityRow(t *table, r row, w Workforce) error {
	dfes := splitCodes(t.get(r, "old_la_code"))
	onses := splitCodes(t.get(r, "new_la_code"))
	if len(onses) != len(dfes) {
		return formatErr(t.file, r.line, "new_la_code", fmt.Errorf("%d ONS codes for %d DfE codes", len(onses), len(dfes)))
	}
	names := splitCodes(t.get(r, "la_name"))
	var ps []*Profile
	for i, dfe := range dfes {
		p, err := b.authority(t, r, dfe, onses[i], "old_la_code")
		if err != nil {
			return err
		}
		if len(names) == len(dfes) {
			b.sawName(p, names[i])
		}
		ps = append(ps, p)
	}
	for i, p := range ps {
		own := w
		for j, q := range ps {
			if j != i {
				own.SharedWith = append(own.SharedWith, ref(q))
				if !contains(b.joint[p.Codes.DfE], q.Codes.DfE) {
					b.joint[p.Codes.DfE] = append(b.joint[p.Codes.DfE], q.Codes.DfE)
				}
			}
		}
		if Year(p.Workforce, w.Year) != nil {
			return formatErr(t.file, r.line, "old_la_code", fmt.Errorf("a second %d row for %s", w.Year, p.Name))
		}
		p.Workforce = append(p.Workforce, own)
	}
	return nil
}

// authority finds the profile a DfE code names and checks that the row's
// ONS code, when it is one the gazetteer knows, names the same council.
// An ONS code nobody has yet is accepted: ONS recodes areas after
// boundary changes (Barnsley and Sheffield in 2025) and the DfE code is
// the key.
func (b *builder) authority(t *table, r row, dfe, ons, dfeCol string) (*Profile, error) {
	p := b.byDfE[dfe]
	if p == nil {
		return nil, formatErr(t.file, r.line, dfeCol, fmt.Errorf("DfE code %q is no council in the gazetteer or data/reorganisations.csv", dfe))
	}
	if q := b.byONS[ons]; q != nil && q != p {
		return nil, formatErr(t.file, r.line, dfeCol, fmt.Errorf("DfE code %s is %s but ONS code %s is %s", dfe, p.Name, ons, q.Name))
	}
	return p, nil
}

func splitCodes(s string) []string {
	parts := strings.Split(s, "/")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func setFigure(w *Workforce, f field, v *float64, code string) {
	*f.ptr(w) = v
	if code != "" {
		if w.Suppressed == nil {
			w.Suppressed = map[string]string{}
		}
		w.Suppressed[f.JSON] = code
	}
}

// readWorkforce2016 reads the 30 September 2016 collection (SFR08/2017's
// underlying data): one row per England, region or local authority, with
// thousands separators and the older DfE symbols.
func readWorkforce2016(b *builder, file string, data []byte) (string, error) {
	const dfeCol, onsCol, regionCol = "LA_code (3 digit)", "LA_code (9 digit)", "Region_code"
	cols := []string{dfeCol, onsCol, regionCol}
	for _, f := range fields {
		cols = append(cols, f.Column2016)
	}
	_, err := eachRow(file, data, cols, func(t *table, r row) error {
		w := Workforce{Year: 2016, AsAt: asAt(2016), Note: note2016}
		for _, f := range fields {
			v, code, err := t.figure(r, f.Column2016, true)
			if err != nil {
				return err
			}
			setFigure(&w, f, v, code)
		}
		dfe, region := t.get(r, dfeCol), t.get(r, regionCol)
		switch {
		case dfe == "" && region == "":
			b.england = append(b.england, w)
		case dfe == "":
			if !londonSubregions[region] {
				b.regions[region] = append(b.regions[region], w)
			}
		default:
			p, err := b.authority(t, r, dfe, t.get(r, onsCol), dfeCol)
			if err != nil {
				return err
			}
			b.sawName(p, t.get(r, "LA_name"))
			if Year(p.Workforce, 2016) != nil {
				return formatErr(file, r.line, dfeCol, fmt.Errorf("a second 2016 row for %s", p.Name))
			}
			p.Workforce = append(p.Workforce, w)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return "DfE children's social work workforce, 30 September 2016 (SFR08/2017 underlying data)", nil
}
