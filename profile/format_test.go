package profile_test

import (
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

func TestSharedReturns(t *testing.T) {
	richmond := official.Ref{ID: "richmond-upon-thames", Name: "London Borough of Richmond upon Thames"}
	other := official.Ref{ID: "other", Name: "Other"}
	var series []official.Workforce
	for _, y := range []struct {
		year int
		with []official.Ref
	}{{2016, nil}, {2017, []official.Ref{richmond}}, {2018, nil}, {2019, []official.Ref{richmond}}, {2020, []official.Ref{richmond}},
		{2021, []official.Ref{richmond}}, {2022, []official.Ref{other}}, {2024, []official.Ref{richmond}}} {
		series = append(series, official.Workforce{Year: y.year, SharedWith: y.with})
	}
	got := profile.SharedReturns(series)
	if len(got) != 2 {
		t.Fatalf("%d runs, want one with Richmond and one with Other: %+v", len(got), got)
	}
	for i, want := range []struct{ with, years string }{{richmond.Name, "2017, 2019–2021, 2024"}, {"Other", "2022"}} {
		if got[i].With[0].Name != want.with || got[i].YearsText() != want.years {
			t.Errorf("run %d: %s in %s, want %s in %s", i, got[i].With[0].Name, got[i].YearsText(), want.with, want.years)
		}
	}
	if got := profile.SharedReturns(series[:1]); len(got) != 0 {
		t.Errorf("a series with no joint return: %+v", got)
	}
}
