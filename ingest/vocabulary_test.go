package ingest

import (
	"slices"
	"strings"
	"testing"
)

func TestTopicsData(t *testing.T) {
	topics := Topics()
	if len(topics) < 16 || len(topics) > 22 {
		t.Fatalf("%d topics, want about 18", len(topics))
	}
	seen := map[string]bool{}
	for _, tp := range topics {
		if tp.ID == "" || tp.Label == "" || tp.Description == "" || len(tp.Phrases) == 0 {
			t.Errorf("incomplete topic %+v", tp)
		}
		if seen[tp.ID] {
			t.Errorf("duplicate topic %q", tp.ID)
		}
		seen[tp.ID] = true
	}
	for _, id := range []string{"supervision", "caseloads", "career-progression", "asye-newly-qualified", "practice-models", "ofsted-inspection"} {
		if !seen[id] {
			t.Errorf("missing topic %q", id)
		}
	}
}

func TestTopicsOf(t *testing.T) {
	tests := []struct {
		text    string
		want    []string
		notWant []string
	}{
		{"At the moment caseloads are higher than usual but we get support.", []string{"caseloads"}, nil},
		{"What is the average case load within each team?", []string{"caseloads"}, nil},
		{"Regular supervision where we tease out cases.", []string{"supervision"}, nil},
		{"Kent has embraced the Signs of Safety approach.", []string{"practice-models"}, nil},
		{"Recently rated good by Ofsted.", []string{"ofsted-inspection"}, nil},
		{"She returned for her assessed and supported year in employment (ASYE).", []string{"asye-newly-qualified"}, nil},
		{"The new Multi-Agency Safeguarding Hub (MASH) opened in April.", []string{"multi-agency"}, nil},
		{"A career progression scheme with a difference.", []string{"career-progression"}, nil},
		{"the family drug and alcohol court (FDAC)", []string{"courts-legal"}, nil},
		{"We've recently been successful in recruiting more adopters.", []string{"recruitment-retention", "care-leavers-adoption"}, nil},
		// Acronyms match only in capitals; common words do not stand in for topics.
		{"It is a really nice way to think through cases.", nil, []string{"technology-systems"}},
		{"Of course, individual social workers do move on.", nil, []string{"learning-development"}},
		{"The council has adopted the family safeguarding model.", []string{"practice-models"}, []string{"care-leavers-adoption"}},
		{"Better systems, processes and IT", []string{"technology-systems"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := TopicsOf(tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("TopicsOf(%q) = %v, missing %q", tt.text, got, w)
				}
			}
			for _, w := range tt.notWant {
				if slices.Contains(got, w) {
					t.Errorf("TopicsOf(%q) = %v, should not have %q", tt.text, got, w)
				}
			}
		})
	}
}

func TestTopicsOfKeepsTaxonomyOrder(t *testing.T) {
	got := TopicsOf("Manageable caseloads and effective supervision")
	if !slices.Equal(got, []string{"supervision", "caseloads"}) {
		t.Errorf("got %v, want [supervision caseloads]", got)
	}
}

func TestNormalizeRole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"newly qualified social worker", "newly qualified social worker"},
		{"NQSW", "newly qualified social worker"},
		{"social worker in her ASYE", "social worker"},
		{"consultant social worker in a frontline safeguarding team in Taunton, Somerset", "consultant social worker"},
		{"the operations manager for Taunton’s safeguarding and assessment team", "operations manager"},
		{"a student social worker on a Frontline course", "student social worker"},
		{"a safeguarding social worker", "social worker"},
		{"adult social worker", "social worker"},
		{"Senior Practitioner", "senior social worker"},
		{"advanced practitioner", "advanced practitioner"},
		{"principal social worker", "principal social worker"},
		{"director of specialist children’s services", "director"},
		{"Deputy Director of Children's Services", "deputy director"},
		{"Team Manager", "team manager"},
		{"assistant team manager", "assistant team manager"},
		{"practice manager", "practice manager"},
		{"occupational therapist", "occupational therapist"},
		{"  Chief   Cook ", "chief cook"},
	}
	for _, tt := range tests {
		if got := NormalizeRole(tt.in); got != tt.want {
			t.Errorf("NormalizeRole(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSynonyms(t *testing.T) {
	groups := Synonyms()
	find := func(term string) []string {
		for _, g := range groups {
			if slices.Contains(g, term) {
				return g
			}
		}
		return nil
	}
	pairs := [][2]string{
		{"asye", "assessed and supported year in employment"},
		{"nqsw", "newly qualified social worker"},
		{"mash", "multi-agency safeguarding hub"},
		{"fdac", "family drug and alcohol court"},
		{"psw", "principal social worker"},
		{"cpd", "continuing professional development"},
		{"lac", "looked after children"},
		{"cin", "children in need"},
		{"cp", "child protection"},
		{"caseload", "case load"},
		{"caseloads", "case loads"},
		{"multi-agency", "multiagency"},
		{"frontline", "front line"},
		{"wellbeing", "well-being"},
	}
	for _, p := range pairs {
		if g := find(p[0]); !slices.Contains(g, p[1]) {
			t.Errorf("%q and %q are not synonyms (group %v)", p[0], p[1], g)
		}
	}
	seen := map[string]bool{}
	for _, g := range groups {
		if len(g) < 2 {
			t.Errorf("group %v has one term", g)
		}
		for _, term := range g {
			if term != strings.ToLower(term) || strings.TrimSpace(term) != term {
				t.Errorf("term %q is not lower-case and trimmed", term)
			}
			if seen[term] {
				t.Errorf("term %q is in two groups", term)
			}
			seen[term] = true
		}
	}
}
