// Package golden compares what a test produced with a file kept beside
// the test in testdata, and rewrites the file instead when the test runs
// with its package's -update flag. Read the diff before committing one.
package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// JSON compares v, as indented JSON with a final newline, with the file
// at path, or rewrites the file when update is set.
func JSON(tb testing.TB, path string, v any, update bool) {
	tb.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	Bytes(tb, path, append(got, '\n'), update)
}

// Bytes compares got with the file at path, or rewrites the file when
// update is set.
func Bytes(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from what the test produced; run it with -update and read the diff", path)
	}
}
