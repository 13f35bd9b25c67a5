package official_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden profiles in testdata")

// TestGoldenProfiles pins the official part of two profiles as JSON: Kent
// (Outstanding, inspected 9 May 2022) and Medway (whose seed article
// claims an average of 17 cases). Run with -update to rewrite them after
// a deliberate change, and read the diff.
func TestGoldenProfiles(t *testing.T) {
	for _, name := range []string{"Kent", "Medway"} {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(mustLookup(t, name), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".json")
			if *update {
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
