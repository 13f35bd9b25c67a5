package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// cliResult is what one run() call printed and returned.
type cliResult struct {
	stdout, stderr string
	err            error
}

func (r cliResult) code() int { return exitCode(r.err) }

// runCLI calls run() with args on buffers and an environment holding only env.
func runCLI(t testing.TB, env map[string]string, args ...string) cliResult {
	t.Helper()
	return runCLIContext(t.Context(), env, args...)
}

func runCLIContext(ctx context.Context, env map[string]string, args ...string) cliResult {
	var stdout, stderr bytes.Buffer
	err := run(ctx, args, strings.NewReader(""), &stdout, &stderr, mapEnv(env))
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

func mapEnv(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// mustSucceed fails the test with what the command printed when it failed.
func mustSucceed(t testing.TB, r cliResult) {
	t.Helper()
	if r.err != nil {
		t.Fatalf("command failed: %v\nstderr:\n%s\nstdout:\n%s", r.err, r.stderr, r.stdout)
	}
}

// decodeJSON unmarshals a command's --json output into v.
func decodeJSON(t testing.TB, r cliResult, v any) {
	t.Helper()
	mustSucceed(t, r)
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
}

// seedFiles returns the paths of the seed articles in the repository.
func seedFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../corpus/articles/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("want the 5 seed articles, got %v (%v)", files, err)
	}
	return files
}

// copySeeds copies the seed articles into dir.
func copySeeds(t testing.TB, dir string) {
	t.Helper()
	for _, f := range seedFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, filepath.Base(f)), data)
	}
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe to write from a server goroutine while
// the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
