package ingest

import (
	"slices"
	"testing"
)

func TestClosestCouncils(t *testing.T) {
	tests := []struct{ query, want string }{
		{"Bristl", "Bristol City Council"},
		{"Medway Cuncil", "Medway Council"},
		{"Worcestershir", "Worcestershire County Council"},
	}
	for _, tt := range tests {
		if got := ClosestCouncils(tt.query, 5); len(got) == 0 || got[0] != tt.want {
			t.Errorf("ClosestCouncils(%q) = %q, want %q first", tt.query, got, tt.want)
		}
	}
	// Names no council has, which share only some letters with one
	// ("Narnia" and Barnet: three edits in six letters), suggest nothing.
	for _, q := range []string{"Zzyzx", "Narnia", "Mordor", "Hogwarts"} {
		if got := ClosestCouncils(q, 5); len(got) != 0 {
			t.Errorf("ClosestCouncils(%q) = %q, want none", q, got)
		}
	}
	// Part of a longer name suggests the councils it is part of, and not
	// the names a few letters away ("Yorkshire": not Oxfordshire).
	for q, want := range map[string][]string{
		"Sussex":       {"East Sussex County Council", "West Sussex County Council"},
		"Yorkshire":    {"East Riding of Yorkshire Council", "North Yorkshire Council"},
		"Westmoreland": {"Westmorland and Furness Council"},
	} {
		if got := ClosestCouncils(q, 5); !slices.Equal(got, want) {
			t.Errorf("ClosestCouncils(%q) = %q, want %q", q, got, want)
		}
	}
	if got := ClosestCouncils("Kent", 5); !slices.Contains(got, "Kent County Council") {
		t.Errorf("ClosestCouncils(Kent) = %q", got)
	}
}
