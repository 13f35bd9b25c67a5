package official_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

func TestProfilesCoverEveryEnglishAuthority(t *testing.T) {
	ps := official.Profiles()
	if len(ps) != 153 {
		t.Fatalf("%d profiles, want 153", len(ps))
	}
	ids := map[string]bool{}
	for _, p := range append(ps, official.Shipped().Abolished()...) {
		if ids[p.ID] || p.ID == "" {
			t.Errorf("ID %q twice or empty", p.ID)
		}
		ids[p.ID] = true
		if q, ok := official.ByID(p.ID); !ok || q != p {
			t.Errorf("ByID(%q) = %v", p.ID, q)
		}
	}
	if _, ok := official.ByID("atlantis"); ok {
		t.Error("ByID found an unknown ID")
	}
	for _, p := range ps {
		if p.Nation != "England" || p.Ofsted.Latest == nil || len(p.Neighbours) != 10 ||
			official.Latest(p.Workforce) == nil || official.Latest(p.Workforce).Year != 2025 ||
			len(p.RegionWorkforce) != 10 || len(p.EnglandWorkforce) != 10 || p.Attribution == "" || p.Release == nil {
			t.Errorf("%s: incomplete profile", p.Name)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, tt := range []struct{ query, want string }{
		{"Kent", "Kent County Council"},
		{"kent county council", "Kent County Council"},
		{"KCC", "Kent County Council"},
		{"E10000016", "Kent County Council"},
		{"e10000016", "Kent County Council"},
		{"886", "Kent County Council"},
		{"  Medway  ", "Medway Council"},
		{"London Borough of Hackney", "London Borough of Hackney"},
		{"Somerset County Council", "Somerset Council"}, // a former name
		{"Walsall", "Walsall Council"},                  // no article mentions it
		{"Cardiff", "Cardiff Council"},
		{"W06000015", "Cardiff Council"},
		{"Achieving for Children", "Achieving for Children"},
		{"Bristol, City of", "Bristol City Council"}, // names in the DfE and Ofsted files
		{"Herefordshire, County of", "Herefordshire Council"},
		{"St. Helens", "St Helens Borough Council"},
		{"kent", "Kent County Council"}, // IDs
		{"dorset-county-council", "Dorset County Council"},
		{"bournemouth-christchurch-and-poole", "Bournemouth, Christchurch and Poole Council"},
		{"Cumbria", "Cumbria County Council"}, // abolished: not in the gazetteer
	} {
		t.Run(tt.query, func(t *testing.T) {
			if p := mustLookup(t, tt.query); p.Name != tt.want {
				t.Errorf("Lookup(%q) = %q, want %q", tt.query, p.Name, tt.want)
			}
			if p, ok := official.Shipped().Find(tt.query); !ok || p.Name != tt.want {
				t.Errorf("Find(%q) = %v, %v; want %q as Lookup", tt.query, p, ok, tt.want)
			}
		})
	}
}

func TestLookupUnknownListsClosestNames(t *testing.T) {
	for _, tt := range []struct{ query, closest string }{
		{"Kentt", "Kent County Council"},
		{"Medway Towns", "Medway Council"},
		{"Walsal", "Walsall Council"},
		{"Westmoreland", "Westmorland and Furness Council"},
		{"Kingstone upon Thames", "Royal Borough of Kingston upon Thames"},
		{"Northampton", "Northamptonshire County Council"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			_, err := official.Lookup(tt.query)
			var nf *official.NotFoundError
			if !errors.As(err, &nf) || !errors.Is(err, official.ErrNotFound) {
				t.Fatalf("Lookup(%q) error = %v, want a NotFoundError", tt.query, err)
			}
			if !slices.Contains(nf.Closest, tt.closest) || !strings.Contains(err.Error(), tt.closest) {
				t.Errorf("closest to %q: %v, want %q among them", tt.query, nf.Closest, tt.closest)
			}
			if len(nf.Closest) > 5 {
				t.Errorf("%d suggestions", len(nf.Closest))
			}
			if p, ok := official.Shipped().Find(tt.query); ok {
				t.Errorf("Find(%q) = %s, want nothing", tt.query, p.Name)
			}
		})
	}
	if _, err := official.Lookup("999"); !errors.Is(err, official.ErrNotFound) {
		t.Errorf("an unknown DfE code: %v", err)
	}
}

func TestCouncilsOutsideEnglandSayWhyThereAreNoFigures(t *testing.T) {
	for _, q := range []string{"Cardiff", "Glasgow", "Belfast Health and Social Care Trust"} {
		p := mustLookup(t, q)
		if p.Nation == "England" || !strings.Contains(p.Note, "cover English local authorities only") ||
			len(p.Workforce) != 0 || p.Ofsted.Latest != nil || p.Workforce == nil || p.Attribution == "" {
			t.Errorf("%s: nation %s, note %q, %d years", p.Name, p.Nation, p.Note, len(p.Workforce))
		}
	}
	trust := mustLookup(t, "Birmingham Children's Trust")
	if !strings.Contains(trust.Note, "not a local authority") {
		t.Errorf("trust note %q", trust.Note)
	}
}
