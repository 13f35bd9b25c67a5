package official_test

import (
	"path/filepath"
	"testing"

	"github.com/recruitsearch/recruitsearch/internal/golden"
)

// TestGoldenProfiles pins the official part of two profiles as JSON: Kent
// (Outstanding, inspected 9 May 2022) and Medway (whose seed article
// claims an average of 17 cases). Run with -update to rewrite them after
// a deliberate change, and read the diff.
func TestGoldenProfiles(t *testing.T) {
	for _, name := range []string{"Kent", "Medway"} {
		t.Run(name, func(t *testing.T) {
			golden.JSON(t, filepath.Join("testdata", name+".json"), mustLookup(t, name))
		})
	}
}
