package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/internal/eventually"
)

// helpExample is one line of a command's Example help.
type helpExample struct {
	command string // the command's path, "recruitsearch search"
	line    string
}

// helpExamples walks the command tree and returns every example line.
func helpExamples(cmd *cobra.Command) []helpExample {
	var out []helpExample
	for line := range strings.SplitSeq(cmd.Example, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, helpExample{command: cmd.CommandPath(), line: line})
		}
	}
	for _, sub := range cmd.Commands() {
		out = append(out, helpExamples(sub)...)
	}
	return out
}

// shellWords splits a command line as sh does for the quoting examples
// use: 'single', "double" and bare words. A pipe ends the command: what
// follows (head, jq) reads its output and is not recruitsearch's.
func shellWords(line string) (words []string, piped bool) {
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '|':
			if inWord {
				words = append(words, cur.String())
			}
			return words, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, false
}

var envAssignment = regexp.MustCompile(`^[A-Z_]+=`)

// exampleHost is the site the help's fetching examples name; the test
// points it at a local news site.
const exampleHost = "https://example.org"

// exampleStandIns points an example's network addresses at stand-ins on
// this machine, so that it runs as written and nothing outside is
// contacted: example.org's urls at site (with a short --delay, as only a
// local host may have), a --server address at server().
func exampleStandIns(args []string, site string, server func() string) []string {
	fetches := false
	for i, a := range args {
		if rest, ok := strings.CutPrefix(a, exampleHost); ok {
			args[i] = site + rest
			fetches = true
		}
		if a == "--server" && i+1 < len(args) {
			args[i+1] = server()
		}
	}
	if fetches {
		args = setFlag(args, "delay", "1ms")
	}
	return args
}

// setFlag replaces the value of --name in args, or adds the flag.
func setFlag(args []string, name, value string) []string {
	for i, a := range args {
		if a == "--"+name && i+1 < len(args) {
			args[i+1] = value
			return args
		}
	}
	return append(args, "--"+name, value)
}

// exampleSandbox makes a directory holding what the examples name — a
// folder of articles, an index at ./idx, corpus/articles/ as in the
// repository, an HTML article, a folder of newer official figures and a
// query set with judgements — and makes it the working directory.
func exampleSandbox(t *testing.T) {
	t.Helper()
	html, err := os.ReadFile("../../ingest/testdata/html/council_careers.html")
	if err != nil {
		t.Fatal(err)
	}
	figures, err := os.ReadFile("../../corpus/official/data/csww_indicators_2017_to_2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copySeeds(t, filepath.Join(dir, "articles"))
	copySeeds(t, filepath.Join(dir, "corpus", "articles"))
	writeFile(t, filepath.Join(dir, "article.html"), html)
	writeFile(t, filepath.Join(dir, "new.html"), html)
	writeFile(t, filepath.Join(dir, "newer-figures", "csww_indicators_2017_to_2026.csv"), figures)
	writeFile(t, filepath.Join(dir, "my-queries.tsv"), []byte("q01\tcaseloads in Kent\tcouncil + topic\n"))
	writeFile(t, filepath.Join(dir, "my-judgements.tsv"),
		[]byte("q01\t3\t000_911ea07976163ea1.txt\tcaseloads are higher than what they usually are\n"))
	t.Chdir(dir)
	mustSucceed(t, runCLI(t, nil, "ingest", "articles", "--index", "idx"))
}

// TestHelpExamplesRun runs every example of every command's help against
// the seed corpus, in a sandbox holding the files the examples name, and
// fails on a non-zero exit: an example a user copies must work. Examples
// that fetch from example.org fetch from a local news site instead, and
// one that writes to a running server writes to one started for it with
// the example's token; bench runs with a few articles and short phases,
// serve on a free port until it answers /healthz.
func TestHelpExamplesRun(t *testing.T) {
	examples := helpExamples(newRootCmd(newApp(nil, nil, nil, mapEnv(nil))))
	if len(examples) < 20 {
		t.Fatalf("found %d examples in the help; the walk is broken", len(examples))
	}
	site := newNewsSite(t)
	site.publish("/articles/kent", "Kent County Council", 1)
	exampleSandbox(t)
	var server string
	startServer := func(env map[string]string) string {
		if server == "" {
			server, _ = startServe(t, env, "--index", t.TempDir(), "--addr", "127.0.0.1:0")
		}
		return server
	}
	ran := map[string]bool{}
	for _, ex := range examples {
		t.Run(ex.line, func(t *testing.T) {
			words, _ := shellWords(ex.line)
			env := map[string]string{}
			for len(words) > 0 && envAssignment.MatchString(words[0]) {
				k, v, _ := strings.Cut(words[0], "=")
				env[k] = v
				words = words[1:]
			}
			if len(words) < 2 || words[0] != "recruitsearch" {
				t.Fatalf("%s: example %q does not start with recruitsearch", ex.command, ex.line)
			}
			args := slices.Clone(words[1:])
			if !strings.HasPrefix(ex.command+" ", "recruitsearch "+args[0]+" ") {
				t.Errorf("%s: example %q runs another command", ex.command, ex.line)
			}
			args = exampleStandIns(args, site.URL, func() string { return startServer(env) })
			ran[ex.command] = true
			switch args[0] {
			case "bench":
				// The sizes the examples give take minutes; the flags are
				// what is checked here.
				args = setFlag(setFlag(setFlag(args, "articles", "30"), "duration", "100ms"), "clients", "2")
			case "serve":
				base, stop := startServe(t, env, setFlag(args[1:], "addr", "127.0.0.1:0")...)
				if slices.Contains(args, "--follow") {
					eventually.True(t, "the followed feed fetched", 5*time.Second, func() bool {
						var stats struct {
							Following []struct{ Result string } `json:"following"`
						}
						getJSON(t, base+"/api/stats", &stats)
						return len(stats.Following) == 1 && stats.Following[0].Result == "ok"
					})
				}
				if err := stop(); err != nil {
					t.Errorf("serve ended with %v", err)
				}
				return
			}
			r := runCLI(t, env, args...)
			if r.err != nil {
				t.Errorf("exit %d: %v\nstderr:\n%s", r.code(), r.err, r.stderr)
			}
			if strings.TrimSpace(r.stdout) == "" {
				t.Errorf("printed nothing on stdout")
			}
		})
	}
	for _, ex := range examples {
		if !ran[ex.command] {
			t.Errorf("%s: no example ran", ex.command)
		}
	}
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line  string
		want  []string
		piped bool
	}{
		{`recruitsearch search "Signs of Safety"`, []string{"recruitsearch", "search", "Signs of Safety"}, false},
		{`recruitsearch show 'a#6' --json`, []string{"recruitsearch", "show", "a#6", "--json"}, false},
		{`recruitsearch councils --sort caseload | head`, []string{"recruitsearch", "councils", "--sort", "caseload"}, true},
		{`X=y recruitsearch  serve`, []string{"X=y", "recruitsearch", "serve"}, false},
	}
	for _, tt := range tests {
		got, piped := shellWords(tt.line)
		if !slices.Equal(got, tt.want) || piped != tt.piped {
			t.Errorf("shellWords(%q) = %q, %v; want %q, %v", tt.line, got, piped, tt.want, tt.piped)
		}
	}
}
