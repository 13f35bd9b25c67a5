package server

import (
	"encoding/json"
	"testing"

	"github.com/recruitsearch/recruitsearch/profile"
)

// TestCouncilAPI asks the council endpoints what a user of the API would:
// Medway's caseload claim beside DfE's figure, the list, and a 404 in
// the API's error format naming the closest council.
func TestCouncilAPI(t *testing.T) {
	h, _ := newTestHandler(t, Deps{Searcher: realIndex(t)})

	rec := do(t, h, "GET", "/api/councils/medway", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var p profile.Profile
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != "medway" || len(p.Claims) < 2 || p.Claims[0].Type != "caseload_average" || p.Claims[0].Official == nil || p.Claims[0].Official.Value != 18.9 {
		t.Errorf("Medway's claims %+v: want the average of 17 beside DfE 2018's 18.9", p.Claims)
	}
	mustContain(t, rec.Body.String(), `"attribution":"Contains public sector information licensed under the Open Government Licence v3.0."`,
		`"passage_id":"how-this-council-supports-social-workers-to-take-pride-in#6"`)

	rec = do(t, h, "GET", "/api/councils", nil)
	var list []profile.Summary
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != 200 {
		t.Fatalf("status %d, %v", rec.Code, err)
	}
	if len(list) != 153 {
		t.Errorf("%d councils, want 153", len(list))
	}
	for _, c := range list {
		if c.ID == "kent" && (c.Articles != 2 || c.Ofsted != "Outstanding" || c.Caseload == nil) {
			t.Errorf("Kent in the list: %+v", c)
		}
	}

	rec = do(t, h, "GET", "/api/councils/walsal", nil)
	if rec.Code != 404 {
		t.Fatalf("status %d, want 404", rec.Code)
	}
	e := decodeError(t, rec.Body.Bytes())
	if e.Code != "not_found" {
		t.Errorf("code %q, want not_found", e.Code)
	}
	mustContain(t, e.Message, `no council has the id "walsal"`, "Walsall Council")

	rec = do(t, h, "GET", "/api/councils?region=Atlantis", nil)
	if rec.Code != 400 {
		t.Fatalf("status %d, want 400", rec.Code)
	}
	mustContain(t, decodeError(t, rec.Body.Bytes()).Message, "South East")
}

// TestSearchAPIOfstedFacet filters on the latest Ofsted judgement of the
// passages' councils.
func TestSearchAPIOfstedFacet(t *testing.T) {
	h, _ := newTestHandler(t, Deps{Searcher: realIndex(t)})
	rec := do(t, h, "GET", "/api/search?q=supervision&ofsted=Good", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var res struct {
		Hits []struct {
			Council string `json:"council"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits from councils rated Good")
	}
	for _, hit := range res.Hits {
		if hit.Council == "Kent County Council" {
			t.Errorf("a hit from Kent, rated Outstanding: %+v", hit)
		}
	}
	mustContain(t, rec.Body.String(), `"ofsted":[`)
}
