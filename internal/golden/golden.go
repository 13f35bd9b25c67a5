// Package golden compares what a test produced with a file kept beside
// the test in testdata, and rewrites the file instead when the test runs
// with -update (`go test ./PKG -run TEST -update`). Read the diff before
// committing one.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files the tests compare with")

// JSON compares v, as indented JSON with a final newline, with the file
// at path, or rewrites the file under -update.
func JSON(tb testing.TB, path string, v any) {
	tb.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	Bytes(tb, path, append(got, '\n'))
}

// Bytes compares got with the file at path, or rewrites the file under
// -update.
func Bytes(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
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
		if len(got)+len(want) < 4096 {
			tb.Errorf("got:\n%s\nwant:\n%s", got, want)
		}
	}
}
