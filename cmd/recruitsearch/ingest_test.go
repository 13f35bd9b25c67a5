package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

// TestIngestAcknowledgesInFileOrder ingests a folder bigger than one batch
// with a broken file in the middle: every good file gets its line, in the
// order the folder lists them, the broken one is named and the rest are
// still ingested.
func TestIngestAcknowledgesInFileOrder(t *testing.T) {
	base := t.TempDir()
	articles, indexDir := filepath.Join(base, "articles"), filepath.Join(base, "idx")
	words := writeSmallArticles(t, articles, 300)
	broken := filepath.Join(articles, "a00150b.txt")
	writeFile(t, broken, []byte("\x00\x01\x02\x03binary\x00\xfe\xff"))

	r := runCLI(t, nil, "ingest", articles, "--index", indexDir)
	if r.code() != exitFailure {
		t.Fatalf("exit %d (err %v), want 1 for the broken file\nstderr:\n%s", r.code(), r.err, r.stderr)
	}
	if !strings.Contains(r.stderr, "a00150b.txt") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 1 {
		t.Errorf("stderr should name the broken file on one line, then the one-line failure:\n%s", r.stderr)
	}
	var want []string
	for name := range words {
		want = append(want, name)
	}
	slices.Sort(want)
	var got []string
	for line := range strings.Lines(r.stdout) {
		if name, ok := strings.CutPrefix(line, "added "); ok {
			got = append(got, strings.SplitN(strings.TrimSpace(name), " (", 2)[0])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("acknowledged %d files, want the %d good ones in folder order; first ones: %v", len(got), len(want), got[:min(len(got), 3)])
	}
	if summary := "301 files: 300 articles added, 0 replaced, 0 unchanged"; !strings.Contains(r.stdout, summary) ||
		!strings.Contains(r.stdout, "1 file failed") {
		t.Errorf("summary: want %q and 1 failed in\n%s", summary, lastLine(r.stdout))
	}

	var res index.Result
	last := words[filepath.Join(articles, fmt.Sprintf("a%05d.txt", 299))]
	decodeJSON(t, runCLI(t, nil, "search", last, "--index", indexDir, "--json"), &res)
	if res.Total != 1 {
		t.Errorf("the last file's word %q is found %d times, want 1", last, res.Total)
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndex(s, "\n")+1:]
}

// TestIngestFileURL gives a saved page its web address (issue 14): the
// article keeps it as its url, and --url with other than one file is a
// usage error.
func TestIngestFileURL(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved.txt")
	writeFile(t, saved, []byte("Why I chose Dorset\n\nA sponsored feature from Dorset Council\n\nDorset keeps caseloads low for newly qualified social workers.\n"))
	idx := filepath.Join(dir, "idx")
	const addr = "https://careers.example.org/stories/why-i-chose-dorset"
	mustSucceed(t, runCLI(t, nil, "ingest", saved, "--index", idx, "--url", addr))

	r := runCLI(t, nil, "articles", "--index", idx, "--json")
	mustSucceed(t, r)
	var arts []struct {
		ID string `json:"id"`
	}
	decodeJSON(t, r, &arts)
	if len(arts) != 1 {
		t.Fatalf("%d articles, want 1", len(arts))
	}
	r = runCLI(t, nil, "show", arts[0].ID, "--index", idx, "--json")
	mustSucceed(t, r)
	var art struct {
		URL string `json:"url"`
	}
	decodeJSON(t, r, &art)
	if art.URL != addr {
		t.Errorf("url %q, want %q", art.URL, addr)
	}

	for _, args := range [][]string{
		{"ingest", saved, saved, "--index", idx, "--url", addr},
		{"ingest", dir, "--index", idx, "--url", addr},
		{"ingest", saved, "--index", idx, "--url", "file:///etc/passwd"},
	} {
		if r := runCLI(t, nil, args...); r.code() != exitUsage {
			t.Errorf("%v: exit %d, want %d (usage)\n%s", args, r.code(), exitUsage, r.stderr)
		}
	}
}

// TestIngestFailureSummary: the last line says what failed and speaks of
// the others only when there are some, for ingest and parse alike.
func TestIngestFailureSummary(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, nil)
	binary := filepath.Join(dir, "binary.txt")
	writeFile(t, binary, []byte("\x00\x01\x02binary\x00"))
	good := seedFiles(t)
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"1 of 1", []string{empty}, "the file failed (named above)"},
		{"2 of 2", []string{empty, binary}, "all 2 files failed (named above)"},
		{"1 of 2", []string{empty, good[0]}, "1 of 2 files failed (named above); the other one was ingested"},
		{"2 of 5", []string{empty, binary, good[0], good[1], good[2]}, "2 of 5 files failed (named above); the other 3 were ingested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, append([]string{"ingest", "--index", filepath.Join(t.TempDir(), "idx")}, tt.files...)...)
			if r.code() != exitFailure || userMessage(r.err) != tt.want {
				t.Errorf("ingest: exit %d, message %q; want 1 and %q", r.code(), userMessage(r.err), tt.want)
			}
			r = runCLI(t, nil, append([]string{"parse"}, tt.files...)...)
			want := strings.Replace(tt.want, "ingested", "parsed", 1)
			if r.code() != exitFailure || userMessage(r.err) != want {
				t.Errorf("parse: exit %d, message %q; want 1 and %q", r.code(), userMessage(r.err), want)
			}
		})
	}
}
