package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
)

var servingURL = regexp.MustCompile(`serving .* on (http://\S+)`)

// startServe runs `serve` through run() with args and returns its base URL
// once it answers /healthz, a function that stops it and reports run's
// error, and its stdout.
func startServe(t *testing.T, env map[string]string, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), strings.NewReader(""), &stdout, &stderr, mapEnv(env))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for base == "" {
		if m := servingURL.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve ended before it served: %v\nstderr:\n%s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no URL in 10s; stdout %q stderr %q", stdout.String(), stderr.String())
		}
	}
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("/healthz not OK within 10s: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop within 15s of its context ending")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })
	return base, stop
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: not JSON (%v): %s", url, err, body)
	}
	return resp.StatusCode
}

func TestServeEmbeddedCorpus(t *testing.T) {
	base, stop := startServe(t, nil, "--addr", "127.0.0.1:0")
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("URL %q is not on loopback", base)
	}

	var api index.Result
	if code := getJSON(t, base+"/api/search?q=supervision&council=Kent", &api); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var cli index.Result
	decodeJSON(t, runCLI(t, nil, "search", "supervision", "--council", "Kent", "--json"), &cli)
	if api.Total == 0 || api.Total != cli.Total || len(api.Hits) != len(cli.Hits) {
		t.Fatalf("API total %d (%d hits), CLI total %d (%d hits)", api.Total, len(api.Hits), cli.Total, len(cli.Hits))
	}
	for i := range api.Hits {
		if api.Hits[i].ID != cli.Hits[i].ID {
			t.Errorf("hit %d: API %s, CLI %s", i, api.Hits[i].ID, cli.Hits[i].ID)
		}
	}

	// Without a token every write is refused.
	resp, err := http.Post(base+"/api/articles?filename=x.txt", "text/plain", strings.NewReader("Title\n\nText."))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without a configured token: status %d, want 403", resp.StatusCode)
	}

	if err := stop(); err != nil {
		t.Errorf("serve returned %v after its context ended, want nil", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answering after shutdown")
	}
}

func TestIngestThroughServer(t *testing.T) {
	indexDir := t.TempDir() + "/idx"
	env := map[string]string{envToken: "test-token"}
	base, _ := startServe(t, env, "--addr", "127.0.0.1:0", "--index", indexDir)

	r := runCLI(t, env, "ingest", seedFiles(t)[3], seedFiles(t)[4], "--server", base)
	mustSucceed(t, r)
	if !strings.Contains(r.stdout, "2 articles added") {
		t.Errorf("summary:\n%s", r.stdout)
	}
	var list []index.ArticleSummary
	getJSON(t, base+"/api/articles", &list)
	if len(list) != 2 {
		t.Errorf("server lists %d articles after ingest --server, want 2", len(list))
	}

	r = runCLI(t, map[string]string{envToken: "wrong"}, "ingest", seedFiles(t)[0], "--server", base)
	if r.code() != exitFailure || !strings.Contains(r.stderr, "403") || !strings.Contains(r.stderr, "000_") {
		t.Errorf("wrong token: exit %d stderr %q", r.code(), r.stderr)
	}

	// A file the server refuses is named once on its line, not twice.
	empty := filepath.Join(t.TempDir(), "empty-upload.txt")
	writeFile(t, empty, nil)
	r = runCLI(t, env, "ingest", empty, "--server", base)
	for line := range strings.Lines(r.stderr) {
		if n := strings.Count(line, "empty-upload.txt"); n > 1 {
			t.Errorf("file named %d times: %q", n, line)
		}
	}
	if !strings.Contains(r.stderr, empty) {
		t.Errorf("refused file not named by its path:\n%s", r.stderr)
	}
}

// TestWithoutName: the server's problems about an uploaded file lose the
// file's base name, which the CLI gives once as the path.
func TestWithoutName(t *testing.T) {
	for _, tt := range []struct{ msg, base, want string }{
		{"a.txt: empty file", "a.txt", "empty file"},
		{"a.jsonl:3: bad JSON; a.jsonl:5: no title", "a.jsonl", "line 3: bad JSON; line 5: no title"},
		{"the token is not valid", "a.txt", "the token is not valid"},
		{"b.txt: empty file", "a.txt", "b.txt: empty file"},
	} {
		if got := withoutName(tt.msg, tt.base); got != tt.want {
			t.Errorf("withoutName(%q, %q) = %q, want %q", tt.msg, tt.base, got, tt.want)
		}
	}
}
