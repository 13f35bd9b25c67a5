package official

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// officialCodes collects, per DfE code, every ONS code the shipped files
// give it and the latest year each was used.
func officialCodes(t *testing.T) map[string]map[string]int {
	t.Helper()
	seen := map[string]map[string]int{}
	add := func(dfe, ons string, year int) {
		if seen[dfe] == nil {
			seen[dfe] = map[string]int{}
		}
		seen[dfe][ons] = max(seen[dfe][ons], year)
	}
	for _, r := range csvRows(t, "csww_indicators_2017_to_2025.csv", "time_period") {
		if r["geographic_level"] != "Local authority" {
			continue
		}
		year, _ := strconv.Atoi(r["time_period"])
		onses := splitCodes(r["new_la_code"])
		for i, dfe := range splitCodes(r["old_la_code"]) {
			add(dfe, onses[i], year)
		}
	}
	for _, r := range csvRows(t, "csww_2016_SFR08_2017_UD.csv", "Country_code") {
		if dfe := r["LA_code (3 digit)"]; dfe != "" {
			add(dfe, r["LA_code (9 digit)"], 2016)
		}
	}
	return seen
}

// TestGazetteerAgreesWithOfficialFiles holds the ingest gazetteer's codes
// to the shipped files: each English council's DfE code is a row of every
// file, its ONS code is the newest the files give that DfE code and its
// former ONS codes are the others; and no file has a code the gazetteer
// (or data/reorganisations.csv) lacks.
func TestGazetteerAgreesWithOfficialFiles(t *testing.T) {
	seen := officialCodes(t)
	d := Shipped()
	english := 0
	for _, c := range ingest.Councils() {
		if c.Codes.DfE == "" {
			continue
		}
		english++
		p, err := d.Lookup(c.Codes.DfE)
		if err != nil || p.Name != c.Name || p.Region != c.Region || !slices.Equal(p.FormerNames, c.FormerNames) {
			t.Errorf("%s: profile %v, %v", c.Name, p, err)
			continue
		}
		codes := seen[c.Codes.DfE]
		newest := ""
		for ons, year := range codes {
			if newest == "" || year > codes[newest] {
				newest = ons
			}
		}
		if c.Codes.ONS != newest {
			t.Errorf("%s: gazetteer ONS %s, the files' newest %s", c.Name, c.Codes.ONS, newest)
		}
		former := slices.Sorted(maps.Keys(codes))
		former = slices.DeleteFunc(former, func(s string) bool { return s == newest })
		if !slices.Equal(slices.Sorted(slices.Values(c.Codes.FormerONS)), former) {
			t.Errorf("%s: gazetteer former ONS %v, the files' %v", c.Name, c.Codes.FormerONS, former)
		}
	}
	if english != 153 {
		t.Errorf("%d gazetteer councils with a DfE code, want 153", english)
	}
	for dfe := range seen {
		if p, err := d.Lookup(dfe); err != nil {
			t.Errorf("DfE code %s in the workforce files: %v", dfe, err)
		} else if p.Codes.DfE != dfe {
			t.Errorf("DfE code %s finds %s", dfe, p.Name)
		}
	}
	for _, file := range []string{"ofsted_judgements_as_at_2025-03-31.csv", "ofsted_ilacs_history_2018_2025.csv"} {
		for _, r := range csvRows(t, file, colLink) {
			if _, err := d.Lookup(r[colONS]); err != nil {
				t.Errorf("%s: %s: %v", file, r[colONS], err)
			}
		}
	}
}

// TestGazetteerAgreesWithONSLookup checks the gazetteer against ONS's own
// list of upper-tier authorities (April 2023): every English one is a
// council's current or former ONS code, and every Welsh one is the code
// of the Welsh council of that name.
func TestGazetteerAgreesWithONSLookup(t *testing.T) {
	byCode := map[string]ingest.Council{}
	welsh := map[string]ingest.Council{}
	for _, c := range ingest.Councils() {
		for _, code := range append([]string{c.Codes.ONS}, c.Codes.FormerONS...) {
			byCode[code] = c
		}
		if c.Nation == "Wales" {
			welsh[strings.ToLower(c.Short)] = c
		}
	}
	utlas := map[string]string{}
	for _, r := range csvRows(t, "LTLA-UTLA_Apr23_Lookup_England-Wales.csv", "LTLA23CD") {
		utlas[r["UTLA23CD"]] = r["UTLA23NM"]
	}
	england := 0
	for code, name := range utlas {
		switch code[0] {
		case 'E':
			england++
			if _, ok := byCode[code]; !ok {
				t.Errorf("ONS upper tier %s %s is no gazetteer council's code", code, name)
			}
		case 'W':
			c, ok := welsh[strings.ToLower(name)]
			if !ok {
				c = byCode[code]
			}
			if c.Codes.ONS != code {
				t.Errorf("ONS %s %s: gazetteer has %q %s", code, name, c.Name, c.Codes.ONS)
			}
		}
	}
	if england != 153 {
		t.Errorf("%d English upper-tier authorities in the ONS lookup", england)
	}
}
