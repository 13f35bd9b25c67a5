package ingest

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func councilNames(cs []Council) []string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return names
}

func TestGazetteerCoverage(t *testing.T) {
	count := map[string]int{}
	for _, c := range Councils() {
		if c.Name == "" || c.Short == "" || c.Nation == "" || c.Region == "" || c.Type == "" {
			t.Errorf("incomplete entry %+v", c)
		}
		count[c.Nation+"/"+c.Type]++
	}
	want := map[string]int{
		"England/county":               21,
		"England/metropolitan borough": 36,
		"England/London borough":       32,
		"England/sui generis":          1,  // City of London
		"England/unitary":              63, // 62 unitaries and the Isles of Scilly
		"Wales/Welsh principal area":   22,
		"Scotland/Scottish council":    32,
		"Northern Ireland/HSC trust":   5,
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d councils, want %d", k, count[k], n)
		}
	}
	if count["England/children's trust"] < 8 {
		t.Errorf("only %d children's trusts", count["England/children's trust"])
	}
}

func TestLookupCouncil(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Kent", "Kent County Council"},
		{"kent county council", "Kent County Council"},
		{"KCC", "Kent County Council"},
		{"Medway", "Medway Council"},
		{"Medway Council", "Medway Council"},
		{"London Borough of Hackney", "London Borough of Hackney"},
		{"Hackney Council", "London Borough of Hackney"},
		{"the Royal Borough of Greenwich", "Royal Borough of Greenwich"},
		{"Somerset County Council", "Somerset Council"},
		{"North Yorkshire County Council", "North Yorkshire Council"},
		{"Birmingham Children’s Trust", "Birmingham Children's Trust"},
		{"Birmingham City Council", "Birmingham City Council"},
		{"Doncaster Council", "City of Doncaster Council"},
		{"Doncaster Children's Services Trust", "Doncaster Children's Services Trust"},
		{"Slough Children's Services Trust", "Slough Children First"},
		{"Brighton & Hove City Council", "Brighton and Hove City Council"},
		{"BCP Council", "Bournemouth, Christchurch and Poole Council"},
		{"Stockton-on-Tees Borough Council", "Stockton-on-Tees Borough Council"},
		{"City of Edinburgh Council", "City of Edinburgh Council"},
		{"Western Isles", "Comhairle nan Eilean Siar"},
		{"Belfast HSC Trust", "Belfast Health and Social Care Trust"},
		{"Wrexham Council", "Wrexham County Borough Council"},
		{"Fife", "Fife Council"},
		{"Reading", "Reading Borough Council"}, // a lookup is always a name
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, ok := LookupCouncil(tt.in)
			if !ok || c.Name != tt.want {
				t.Errorf("LookupCouncil(%q) = %q, %v; want %q", tt.in, c.Name, ok, tt.want)
			}
		})
	}
	for _, in := range []string{"", "Frontline", "Kentish Town", "University of Kent", "Kent Police", "Cumbria County Council", "Acme Recruitment Ltd", "NHS Kent and Medway"} {
		if c, ok := LookupCouncil(in); ok {
			t.Errorf("LookupCouncil(%q) = %q, want no match", in, c.Name)
		}
	}
}

func TestCouncilRegions(t *testing.T) {
	for _, tt := range []struct{ name, region, typ string }{
		{"Kent", "South East", "county"},
		{"Medway", "South East", "unitary"},
		{"Hackney", "London", "London borough"},
		{"Wigan", "North West", "metropolitan borough"},
		{"Cumberland", "North West", "unitary"},
		{"North Northamptonshire", "East Midlands", "unitary"},
		{"Cardiff", "Wales", "Welsh principal area"},
		{"Glasgow", "Scotland", "Scottish council"},
		{"Achieving for Children", "London", "children's trust"},
	} {
		c, ok := LookupCouncil(tt.name)
		if !ok || c.Region != tt.region || c.Type != tt.typ {
			t.Errorf("%s: got %+v", tt.name, c)
		}
	}
}

func TestFindCouncils(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Kent County Council children’s services is in a good place.", []string{"Kent County Council"}},
		{"What is it like to be a social worker in Kent?", []string{"Kent County Council"}},
		{"the good of Kent’s children", []string{"Kent County Council"}},
		{"Come and join Medway Council. Medway has pods; Kent is next door.", []string{"Medway Council", "Kent County Council"}},
		{"the model developed by Hertfordshire County Council", []string{"Hertfordshire County Council"}},
		{"London Borough of Hackney and Hackney Council are one", []string{"London Borough of Hackney"}},
		{"Birmingham Children's Trust runs services for Birmingham City Council", []string{"Birmingham Children's Trust", "Birmingham City Council"}},
		{"Brighton & Hove and Stoke-on-Trent", []string{"Brighton and Hove City Council", "Stoke-on-Trent City Council"}},
		{"North Yorkshire and York are different councils", []string{"North Yorkshire Council", "City of York Council"}},
		{"Somerset and North Somerset", []string{"Somerset Council", "North Somerset Council"}},
		// Whole words only, and bare names in contexts that mean something else.
		{"a Kentish town near Yorkshire", nil},
		{"she studied at the University of Kent and Durham University", nil},
		{"Kent Police and Essex Police joined the meeting", nil},
		{"a conference in New York", nil},
		{"She moved from Newcastle-under-Lyme", nil},
		{"Reading the report, she saw caseloads fall", nil},
		{"Reading Borough Council has a new academy", []string{"Reading Borough Council"}},
		{"the kent coast", nil}, // a bare name must be capitalised
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := councilNames(FindCouncils(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("FindCouncils(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestCouncilNamesAreUnambiguous(t *testing.T) {
	// Every name, short name, alias and unshared former name must look up
	// to its own entry.
	all := Councils()
	for _, c := range all {
		for _, n := range lookupNames(c, all) {
			got, ok := LookupCouncil(n)
			if !ok || got.Name != c.Name {
				t.Errorf("LookupCouncil(%q) = %q, want %q", n, got.Name, c.Name)
			}
		}
	}
}

func TestCouncilCodes(t *testing.T) {
	ons, dfe := map[string]string{}, map[string]string{}
	claim := func(seen map[string]string, code, name string) {
		t.Helper()
		if prev, dup := seen[code]; dup {
			t.Errorf("code %s names both %q and %q", code, prev, name)
		}
		seen[code] = name
	}
	england := 0
	for _, c := range Councils() {
		switch {
		case c.Nation == "England" && c.Type != "children's trust":
			england++
			if !regexp.MustCompile(`^E(06|08|09|10)\d{6}$`).MatchString(c.Codes.ONS) || !regexp.MustCompile(`^\d{3}$`).MatchString(c.Codes.DfE) {
				t.Errorf("%s: codes %+v, want an English ONS code and a DfE 3-digit code", c.Name, c.Codes)
			}
			claim(dfe, c.Codes.DfE, c.Name)
		case c.Nation == "Wales":
			if !strings.HasPrefix(c.Codes.ONS, "W06") || c.Codes.DfE != "" {
				t.Errorf("%s: codes %+v, want a W06 ONS code and no DfE code", c.Name, c.Codes)
			}
		default:
			if !reflect.DeepEqual(c.Codes, Codes{}) {
				t.Errorf("%s: codes %+v; the shipped lookup has none for %s", c.Name, c.Codes, c.Nation)
			}
		}
		for _, code := range append([]string{c.Codes.ONS}, c.Codes.FormerONS...) {
			if code != "" {
				claim(ons, code, c.Name)
			}
		}
	}
	if england != 153 {
		t.Errorf("%d English councils with codes, want the 153 with children's social care duties", england)
	}
}

func TestFormerNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Somerset County Council", "Somerset Council"},
		{"North Yorkshire County Council", "North Yorkshire Council"},
		{"Borough of Poole", "Bournemouth, Christchurch and Poole Council"},
		{"Dorset County Council", "Dorset Council"},
		{"Southend-on-Sea Borough Council", "Southend-on-Sea City Council"},
		// Shared by two successors: names neither.
		{"Cumbria County Council", ""},
		{"Northamptonshire County Council", ""},
	} {
		c, _ := LookupCouncil(tt.in)
		if c.Name != tt.want {
			t.Errorf("LookupCouncil(%q) = %q, want %q", tt.in, c.Name, tt.want)
		}
	}
	if got := councilNames(FindCouncils("Somerset County Council and Cumbria County Council")); !slices.Equal(got, []string{"Somerset Council"}) {
		t.Errorf("FindCouncils: got %q, want only Somerset Council", got)
	}
}
