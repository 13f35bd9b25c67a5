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
	if got := ClosestCouncils("Zzyzx", 5); len(got) != 0 {
		t.Errorf("ClosestCouncils(Zzyzx) = %q, want none", got)
	}
	if got := ClosestCouncils("Kent", 5); !slices.Contains(got, "Kent County Council") {
		t.Errorf("ClosestCouncils(Kent) = %q", got)
	}
}
