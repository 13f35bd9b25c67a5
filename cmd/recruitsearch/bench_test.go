package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestBenchFlags(t *testing.T) {
	var got *benchOptions
	cmd := newBenchCmd(testApp(nil), func(_ context.Context, o *benchOptions) error { got = o; return nil })
	if err := parseOnly(t, cmd); err != nil {
		t.Fatal(err)
	}
	want := benchOptions{articles: 2000, seed: 1, format: "text", batch: 1000, clients: 32, duration: 5 * time.Second}
	if *got != want {
		t.Errorf("defaults = %+v, want %+v", *got, want)
	}

	cmd = newBenchCmd(testApp(nil), func(_ context.Context, o *benchOptions) error { got = o; return nil })
	err := parseOnly(t, cmd, "--articles", "50", "--seed", "9", "--format", "html", "--queries", "q.txt",
		"--export-passages", "p.jsonl", "--export-queries", "q2.txt", "--json", "--clients", "4", "--duration", "2s", "--cpuprofile", "c", "--memprofile", "m")
	if err != nil {
		t.Fatal(err)
	}
	want = benchOptions{articles: 50, seed: 9, format: "html", batch: 1000, queries: "q.txt", exportPassages: "p.jsonl", exportQueries: "q2.txt",
		json: true, clients: 4, duration: 2 * time.Second, cpuProfile: "c", memProfile: "m"}
	if *got != want {
		t.Errorf("parsed %+v, want %+v", *got, want)
	}

	for _, args := range [][]string{
		{"--articles", "0"}, {"--clients", "0"}, {"--duration", "0s"}, {"--format", "docx"}, {"--batch", "0"}, {"extra"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			cmd := newBenchCmd(testApp(nil), func(context.Context, *benchOptions) error {
				t.Error("bench ran despite a bad command line")
				return nil
			})
			err := parseOnly(t, cmd, args...)
			if exitCode(err) != exitUsage {
				t.Errorf("error %v has exit code %d, want %d", err, exitCode(err), exitUsage)
			}
			if !strings.Contains(err.Error(), strings.TrimPrefix(args[0], "--")) {
				t.Errorf("error %q does not name %s", err, args[0])
			}
		})
	}
}

// TestBenchJSON runs a small bench end to end and checks the report has
// exactly the keys issue 6 fixes, with figures a real run produces, and
// that the exported passages are the ones counted.
func TestBenchJSON(t *testing.T) {
	export := filepath.Join(t.TempDir(), "passages.jsonl")
	r := runCLI(t, nil, "bench", "--articles", "40", "--duration", "300ms", "--clients", "4", "--json", "--export-passages", export)
	var rep map[string]any
	decodeJSON(t, r, &rep)
	wantKeys := map[string][]string{
		"":      {"articles", "passages", "ingest_seconds", "passages_per_second", "index_bytes", "query", "http", "rss_mb", "load_peak_rss_mb"},
		"query": {"p50_ms", "p95_ms", "p99_ms", "qps"},
		"http":  {"clients", "p50_ms", "p99_ms", "rps"},
	}
	for obj, keys := range wantKeys {
		m := rep
		if obj != "" {
			m, _ = rep[obj].(map[string]any)
		}
		got := make([]string, 0, len(m))
		for k, v := range m {
			got = append(got, k)
			if n, ok := v.(float64); ok && n <= 0 && k != "rss_mb" && k != "load_peak_rss_mb" {
				t.Errorf("%s.%s = %v, want a positive figure", obj, k, n)
			}
		}
		slices.Sort(got)
		slices.Sort(keys)
		if !slices.Equal(got, keys) {
			t.Errorf("report %q keys %v, want %v", obj, got, keys)
		}
	}
	if rep["articles"] != 40.0 {
		t.Errorf("articles = %v, want 40", rep["articles"])
	}
	if http, _ := rep["http"].(map[string]any); http["clients"] != 4.0 {
		t.Errorf("http.clients = %v, want 4", http["clients"])
	}

	f, err := os.Open(export)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
		var p map[string]any
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("export line %d is not JSON: %v", lines, err)
		}
		for _, k := range []string{"id", "article_id", "council", "kind", "topics", "speaker", "text"} {
			if _, ok := p[k]; !ok {
				t.Fatalf("export line %d has no %q: %s", lines, k, sc.Text())
			}
		}
		if p["council"] == "" || p["text"] == "" || !strings.HasPrefix(p["id"].(string), p["article_id"].(string)+"#") {
			t.Errorf("export line %d is incomplete: %s", lines, sc.Text())
		}
	}
	if float64(lines) != rep["passages"] {
		t.Errorf("exported %d passages, report says %v", lines, rep["passages"])
	}
}

func TestBenchQueriesFile(t *testing.T) {
	dir := t.TempDir()
	queries := filepath.Join(dir, "queries.txt")
	writeFile(t, queries, []byte("# supervision and caseloads\nsupervision\n\n\"career progression\"\n"))
	r := runCLI(t, nil, "bench", "--articles", "10", "--duration", "100ms", "--clients", "2", "--queries", queries)
	mustSucceed(t, r)
	if !strings.Contains(r.stderr, "file ") || !strings.Contains(r.stdout, "requests/s") {
		t.Errorf("bench with --queries printed\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}

	r = runCLI(t, nil, "bench", "--articles", "10", "--dir", dir)
	if r.code() != exitUsage || !strings.Contains(r.stderr, "--dir "+dir+" already exists") {
		t.Errorf("--dir naming an existing directory: exit %d, stderr %q; want exit %d naming --dir", r.code(), r.stderr, exitUsage)
	}

	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, []byte("# nothing\n\n"))
	for _, path := range []string{empty, filepath.Join(dir, "missing.txt")} {
		r := runCLI(t, nil, "bench", "--articles", "10", "--queries", path)
		if r.code() != exitUsage || !strings.Contains(r.stderr, filepath.Base(path)) {
			t.Errorf("--queries %s: exit %d, stderr %q; want exit %d naming the file", path, r.code(), r.stderr, exitUsage)
		}
	}
}

// TestBenchExportQueries runs a bench that exports its passages and
// queries, as corpus/bench/peers.sh does: the queries file has the 200
// queries run, one per line with no comment a harness could take for a
// query, each of words found in the exported passages (or a word of them
// misspelt), and the index refused none.
func TestBenchExportQueries(t *testing.T) {
	dir := t.TempDir()
	passages, queries := filepath.Join(dir, "passages.jsonl"), filepath.Join(dir, "queries.txt")
	r := runCLI(t, nil, "bench", "--articles", "30", "--duration", "200ms", "--clients", "2", "--json",
		"--export-passages", passages, "--export-queries", queries)
	mustSucceed(t, r)
	if !strings.Contains(r.stderr, "exported the 200 queries") || strings.Contains(r.stderr, "refused") {
		t.Errorf("bench stderr does not report 200 queries exported and none refused:\n%s", r.stderr)
	}
	data, err := os.ReadFile(passages)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for line := range strings.Lines(string(data)) {
		var p struct{ Text string }
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words[w] = true
		}
	}
	data, err = os.ReadFile(queries)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 200 {
		t.Fatalf("%d queries in the file, want 200", len(lines))
	}
	for _, q := range lines {
		if q == "" || strings.HasPrefix(q, "#") || strings.Count(q, `"`)%2 != 0 {
			t.Errorf("query line %q is not a query the peers' harnesses read", q)
			continue
		}
		for _, w := range strings.Fields(strings.ReplaceAll(q, `"`, " ")) {
			if !words[w] && !misspeltFrom(w, words) {
				t.Errorf("query %q: %q is not a word of the exported passages", q, w)
			}
		}
	}
}

// misspeltFrom reports whether w is a word of words with two neighbouring
// letters swapped, the bench's misspelling.
func misspeltFrom(w string, words map[string]bool) bool {
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ {
		b[i], b[i+1] = b[i+1], b[i]
		ok := words[string(b)]
		b[i], b[i+1] = b[i+1], b[i]
		if ok {
			return true
		}
	}
	return false
}
