package profile_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden profiles in testdata/councils")

// TestGoldenProfiles pins the whole JSON of two profiles over the seed
// corpus, claims and articles included: Medway (the seed's caseload
// claim beside DfE's 2018 figure) and Kent (Ofsted Outstanding, a Signs
// of Safety claim). Run with -update after a deliberate change and read
// the diff.
func TestGoldenProfiles(t *testing.T) {
	for _, name := range []string{"medway", "kent"} {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(mustBuild(t, name), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "councils", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s profile differs from %s; run with -update and read the diff", name, path)
			}
		})
	}
}
