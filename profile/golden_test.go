package profile_test

import (
	"path/filepath"
	"testing"

	"github.com/recruitsearch/recruitsearch/internal/golden"
)

// TestGoldenProfiles pins the whole JSON of two profiles over the seed
// corpus, claims and articles included: Medway (the seed's caseload
// claim beside DfE's 2018 figure) and Kent (Ofsted Outstanding, a Signs
// of Safety claim). Run with -update after a deliberate change and read
// the diff.
func TestGoldenProfiles(t *testing.T) {
	for _, name := range []string{"medway", "kent"} {
		t.Run(name, func(t *testing.T) {
			golden.JSON(t, filepath.Join("testdata", "councils", name+".json"), mustBuild(t, name))
		})
	}
}
