package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

func TestExportFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  exportOptions
		usage string
	}{
		{name: "defaults", args: []string{"--out", "x"},
			want: exportOptions{format: "opensearch", out: "x", name: index.DefaultOpenSearchIndex, chunkMB: 10}},
		{name: "elasticsearch, any case", args: []string{"--out", "x", "--format", "Elasticsearch", "--name", "p-1", "--chunk-mb", "5", "--index", "idx"},
			want: exportOptions{index: indexFlag{dir: "idx"}, format: "elasticsearch", out: "x", name: "p-1", chunkMB: 5}},
		{name: "no folder", args: []string{}, usage: "--out"},
		{name: "unknown format", args: []string{"--out", "x", "--format", "solr"}, usage: "--format"},
		{name: "chunks too small", args: []string{"--out", "x", "--chunk-mb", "0"}, usage: "--chunk-mb"},
		{name: "name OpenSearch refuses", args: []string{"--out", "x", "--name", "My Passages"}, usage: "--name"},
		{name: "arguments", args: []string{"--out", "x", "extra"}, usage: "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *exportOptions
			cmd := newExportCmd(testApp(nil), func(_ context.Context, o *exportOptions) error { got = o; return nil })
			err := parseOnly(t, cmd, tt.args...)
			if tt.usage != "" {
				if exitCode(err) != exitUsage || !strings.Contains(err.Error(), tt.usage) {
					t.Fatalf("err = %v (exit %d), want a usage error naming %s", err, exitCode(err), tt.usage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got != tt.want {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// TestExportCommand exports an index on disk and counts what a bulk load
// would send against what `articles` lists.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	mustSucceed(t, runCLI(t, nil, append([]string{"ingest", "--index", idx}, seedFiles(t)...)...))
	var list []struct {
		Passages int `json:"passages"`
	}
	decodeJSON(t, runCLI(t, nil, "articles", "--index", idx, "--json"), &list)
	want := 0
	for _, a := range list {
		want += a.Passages
	}

	out := filepath.Join(dir, "export")
	r := runCLI(t, nil, "export", "--index", idx, "--out", out, "--name", "seeds")
	mustSucceed(t, r)
	if !strings.Contains(r.stdout, "wrote 85 passages for index seeds") || want != 85 {
		t.Errorf("stdout %q; articles lists %d passages", r.stdout, want)
	}
	ids := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(out, "passages-*.ndjson"))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for line := 0; sc.Scan(); line++ {
			if line%2 == 1 {
				continue
			}
			var action struct {
				Index struct {
					Index string `json:"_index"`
					ID    string `json:"_id"`
				} `json:"index"`
			}
			if err := json.Unmarshal(sc.Bytes(), &action); err != nil || action.Index.Index != "seeds" {
				t.Fatalf("%s line %d: %s (%v)", name, line+1, sc.Text(), err)
			}
			ids[action.Index.ID] = true
		}
		f.Close()
	}
	if len(ids) != want {
		t.Errorf("the bulk files index %d passages, the index holds %d", len(ids), want)
	}
	readme, err := os.ReadFile(filepath.Join(out, "README.md"))
	if err != nil || !strings.Contains(string(readme), "_index_template/seeds") || !strings.Contains(string(readme), "_bulk") {
		t.Errorf("README.md lacks the load commands (%v):\n%s", err, readme)
	}

	// Again over the earlier export: replaced. Into a folder of the
	// user's files: refused, the files untouched.
	mustSucceed(t, runCLI(t, nil, "export", "--index", idx, "--out", out, "--json"))
	mine := filepath.Join(dir, "mine")
	writeFile(t, filepath.Join(mine, "notes.txt"), []byte("keep me"))
	r = runCLI(t, nil, "export", "--out", mine)
	if r.code() != exitFailure || !strings.Contains(r.stderr, "refusing to write there") {
		t.Errorf("export into a folder of other files: exit %d, stderr %q", r.code(), r.stderr)
	}
	if entries, _ := os.ReadDir(mine); len(entries) != 1 {
		t.Errorf("the refused folder now holds %d entries", len(entries))
	}
}
