package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name     string
		fragment string
		ansi     bool
		want     string
	}{
		{"plain text drops marks", "regular <mark>supervision</mark> where", false, "regular supervision where"},
		{"terminal makes marks bold", "regular <mark>supervision</mark> where", true, "regular \x1b[1msupervision\x1b[0m where"},
		{"escaped text is unescaped", "Tom &amp; Jerry&#39;s <mark>caseloads</mark> &lt;b&gt;", false, "Tom & Jerry's caseloads <b>"},
		{"an escaped mark in the article stays text", "&lt;mark&gt;x&lt;/mark&gt; <mark>y</mark>", true, "<mark>x</mark> \x1b[1my\x1b[0m"},
		{"control characters cannot reach a terminal", "a\x1b[31mred\x07 <mark>b</mark>", true, "a[31mred \x1b[1mb\x1b[0m"},
		{"unclosed mark", "<mark>open", false, "open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (style{ansi: tt.ansi, terminal: tt.ansi}).highlight(tt.fragment); got != tt.want {
				t.Errorf("highlight(%q) = %q, want %q", tt.fragment, got, tt.want)
			}
		})
	}
}

// TestTerminalTextIsSafeWithoutColour: on a terminal, article text loses
// its control characters with NO_COLOR set and in the unstyled
// neighbouring passages `show ID#n` prints, not only in styled text.
func TestTerminalTextIsSafeWithoutColour(t *testing.T) {
	noColour := style{terminal: true}
	styled := style{ansi: true, terminal: true}
	p := &ingest.Passage{Ordinal: 2, Kind: "quote", Speaker: "Eve\x1b]0;owned\x07", Text: "next\x1b[2J passage"}
	for name, st := range map[string]style{"NO_COLOR": noColour, "neighbour": styled.plain()} {
		var b strings.Builder
		printPassage(&b, st, p)
		if strings.ContainsAny(b.String(), "\x1b\x07") {
			t.Errorf("%s: a control character reached the terminal: %q", name, b.String())
		}
	}
	if styled.plain().ansi {
		t.Error("plain() kept bold and dim")
	}
}

func TestBuffersAreNotTerminals(t *testing.T) {
	a := testApp(nil)
	if a.newStyle(a.stdout).ansi {
		t.Error("a buffer got ANSI styling")
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KB", 1536: "1.5 KB", 5 << 20: "5.0 MB", 3 << 30: "3.0 GB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCollectFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a/one.html", "a/deeper/two.md", ".hidden/x.txt", "a/.DS_Store"} {
		writeFile(t, filepath.Join(dir, name), []byte("x"))
	}
	single := filepath.Join(dir, "b.txt")
	files, errs := collectFiles([]string{filepath.Join(dir, "a"), single, filepath.Join(dir, "missing")})
	want := []string{
		filepath.Join(dir, "a/deeper/two.md"),
		filepath.Join(dir, "a/one.html"),
		single,
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing") {
		t.Errorf("errs = %v, want one naming the missing path", errs)
	}
}

// runCLIWidth runs a command as run() does, with listings fitted to width
// columns as on a terminal that wide (0: a pipe).
func runCLIWidth(t testing.TB, width int, args ...string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := newApp(strings.NewReader(""), &stdout, &stderr, mapEnv(nil))
	a.width = func() int { return width }
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(t.Context())
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// TestListingsFitTheTerminal runs the listings at 60, 100 and 160
// columns: no line is wider than the terminal unless it is one word
// (an id), and wrapping only moves words: the words are those of the
// unwrapped output, none broken in two.
func TestListingsFitTheTerminal(t *testing.T) {
	commands := [][]string{
		{"search", "supervision"},
		{"search", "caseloads", "--sort", "newest", "-n", "20"},
		{"show", "how-this-council-supports-social-workers-to-take-pride-in"},
		{"show", "in-a-good-place-what-is-it-like-to-be-a-social-worker-in#3"},
		{"parse", "../../corpus/articles/000_911ea07976163ea1.txt"},
	}
	for _, args := range commands {
		whole := runCLIWidth(t, 0, args...)
		mustSucceed(t, whole)
		if longest(whole.stdout) <= 160 {
			t.Fatalf("%v: the longest line is %d columns; the test needs one wider than 160", args, longest(whole.stdout))
		}
		for _, width := range []int{60, 100, 160} {
			t.Run(fmt.Sprintf("%s/%d", strings.Join(args, " "), width), func(t *testing.T) {
				r := runCLIWidth(t, width, args...)
				mustSucceed(t, r)
				for _, line := range strings.Split(r.stdout, "\n") {
					text := strings.TrimSpace(strings.TrimPrefix(stripANSI(line), hangingIndent.FindString(stripANSI(line))))
					if n := visibleWidth(line); n > width && strings.Contains(text, " ") {
						t.Errorf("a line of %d columns at %d:\n%s", n, width, line)
					}
				}
				if got, want := strings.Fields(tookMS.ReplaceAllString(r.stdout, "")), strings.Fields(tookMS.ReplaceAllString(whole.stdout, "")); !slices.Equal(got, want) {
					t.Errorf("wrapping changed the words:\n%s", firstDifference(got, want))
				}
			})
		}
	}
}

// tookMS matches the time a search took, which differs run to run.
var tookMS = regexp.MustCompile(`\(\d+\.\d ms\)`)

func longest(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n = max(n, visibleWidth(line))
	}
	return n
}

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("word %d: got %q, want %q (after %q)", i, got[i], want[i], strings.Join(want[max(0, i-5):i], " "))
		}
	}
	return fmt.Sprintf("got %d words, want %d", len(got), len(want))
}

// TestArticlesFitTheTerminal: at 160 columns the table's titles are cut
// with "…" and every id is whole; at 100 and 60, where the table cannot
// fit without cutting ids, each article is a block of lines that fit; in
// a pipe every row is whole, one line per article.
func TestArticlesFitTheTerminal(t *testing.T) {
	ids := []string{
		"in-a-good-place-what-is-it-like-to-be-a-social-worker-in",
		"social-work-contract-lays-the-foundations-for-an-outstanding",
		"how-this-council-supports-social-workers-to-take-pride-in",
	}
	pipe := runCLIWidth(t, 0, "articles")
	mustSucceed(t, pipe)
	if !strings.Contains(pipe.stdout, "Medway Council                 about 2018 (estimated)  25        How this council supports social workers to take pride in what they do\n") {
		t.Errorf("a pipe does not get whole rows with the estimated date:\n%s", pipe.stdout)
	}
	for _, width := range []int{60, 100, 160} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			r := runCLIWidth(t, width, "articles")
			mustSucceed(t, r)
			for _, line := range strings.Split(r.stdout, "\n") {
				if n := visibleWidth(line); n > width {
					t.Errorf("a line of %d columns at %d:\n%s", n, width, line)
				}
			}
			for _, id := range ids {
				if !strings.Contains(r.stdout, id+" ") && !strings.Contains(r.stdout, id+"\n") {
					t.Errorf("id %s is not whole:\n%s", id, r.stdout)
				}
			}
			if !strings.Contains(r.stdout, "about 2018 (estimated)") {
				t.Errorf("the estimated date lost its mark:\n%s", r.stdout)
			}
			table := strings.HasPrefix(r.stdout, "ID ")
			if table != (width == 160) {
				t.Errorf("table = %v at %d columns:\n%s", table, width, r.stdout)
			}
			if table && !strings.Contains(r.stdout, "In a good place…What is it like…\n") {
				t.Errorf("a long title is not cut with …:\n%s", r.stdout)
			}
		})
	}
}

func TestWrapLine(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		width int
		want  []string
	}{
		{"fits", "a short line", 20, []string{"a short line"}},
		{"no width", "a long line that is not wrapped", 0, []string{"a long line that is not wrapped"}},
		{"at spaces, indented as the text", "   one two three four", 12, []string{"   one two", "   three", "   four"}},
		{"a label's hanging indent and its spacing kept", "topic:   aa 1, bb 2, cc 3", 18, []string{"topic:   aa 1, bb", "         2, cc 3"}},
		{"glue keeps a count with its value", "topic:   aa" + glue + "1, bb" + glue + "2, cc" + glue + "3", 19, []string{"topic:   aa 1,", "         bb 2, cc 3"}},
		{"a word wider than the line stays whole", "   a-very-long-identifier-here x", 10, []string{"   a-very-long-identifier-here", "   x"}},
		{"escapes take no room", "\x1b[1m1.\x1b[0m quote · Kent", 12, []string{"\x1b[1m1.\x1b[0m quote ·", "   Kent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapLine(tt.line, tt.width); !slices.Equal(got, tt.want) {
				t.Errorf("wrapLine(%q, %d) = %q, want %q", tt.line, tt.width, got, tt.want)
			}
		})
	}
}

// TestPipesAreNotWrapped: output to anything but a terminal keeps whole
// lines, whatever COLUMNS says.
func TestPipesAreNotWrapped(t *testing.T) {
	a := testApp(map[string]string{"COLUMNS": "60"})
	if w := a.outputWidth(); w != 0 {
		t.Errorf("a buffer gets width %d, want 0 (no wrapping)", w)
	}
}

// TestSearchShowsDates: every hit of a search sorted by newest says when
// its article was published, marked estimated as show marks it.
func TestSearchShowsDates(t *testing.T) {
	r := runCLI(t, nil, "search", "caseloads", "--sort", "newest", "-n", "3")
	mustSucceed(t, r)
	for _, want := range []string{
		"1. section · Somerset Council · about 2020 (estimated)\n",
		"2. section · Medway Council · about 2018 (estimated)\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in:\n%s", want, r.stdout)
		}
	}
}

// TestShowPassageShowsDate: a passage shown on its own says when its
// article was published, as its hit in a search does.
func TestShowPassageShowsDate(t *testing.T) {
	r := runCLI(t, nil, "show", "how-this-council-supports-social-workers-to-take-pride-in#21")
	mustSucceed(t, r)
	if want := "\n  Medway Council · about 2018 (estimated) — how-this-council-supports-social-workers-to-take-pride-in\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("no %q in:\n%s", want, r.stdout)
	}
	// An article without a date says nothing of one.
	r = runCLI(t, nil, "show", "in-a-good-place-what-is-it-like-to-be-a-social-worker-in#3")
	mustSucceed(t, r)
	if want := "\n  Kent County Council — in-a-good-place-what-is-it-like-to-be-a-social-worker-in\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("no %q in:\n%s", want, r.stdout)
	}
}

// TestFilterNames: a council name nobody knows is a usage error naming
// the closest councils; a council the gazetteer knows without passages
// says so; an unknown topic lists the topics.
func TestFilterNames(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"misspelt council", []string{"search", "supervision", "--council", "Bristl"}, exitUsage, "",
			`--council: no council is called "Bristl"; closest: Bristol City Council`},
		{"a council with no articles", []string{"search", "supervision", "--council", "Bristol"}, 0,
			"0 passages match \"supervision\"", "Bristol City Council has no passages in this index.\n"},
		{"a council with no articles in the query", []string{"search", "council:Bristol supervision"}, 0,
			"", "Bristol City Council has no passages in this index.\n"},
		{"unknown topic", []string{"search", "supervision", "--topic", "pay"}, exitUsage, "",
			`--topic: unknown topic "pay": use one of supervision, caseloads,`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code() != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code(), tt.code, r.stdout, r.stderr)
			}
			out := r.stdout
			if tt.code != 0 {
				out = r.stderr
			}
			for _, want := range []string{tt.stdout, tt.stderr} {
				if !strings.Contains(out, want) {
					t.Errorf("no %q in:\n%s", want, out)
				}
			}
			if strings.Contains(r.stderr, "facet") {
				t.Errorf("the error sends the user to a facet: %s", r.stderr)
			}
		})
	}
}

// TestEvalFitsTheTerminal: at 80 and 60 columns the eval table's queries
// are cut to fit and the explanations of the worst queries wrap; piped,
// the lines are whole.
func TestEvalFitsTheTerminal(t *testing.T) {
	for _, width := range []int{80, 60} {
		r := runCLIWidth(t, width, "eval")
		mustSucceed(t, r)
		for _, line := range strings.Split(r.stdout, "\n") {
			// Only a passage id, which is never broken, may overhang.
			words := strings.Fields(line)
			long := slices.ContainsFunc(words, func(w string) bool { return len(w) > width/2 })
			if n := visibleWidth(line); n > width && !long {
				t.Errorf("a line of %d columns at %d:\n%s", n, width, line)
			}
		}
		if !strings.Contains(r.stdout, "…") {
			t.Errorf("at %d columns no query was cut to fit", width)
		}
	}
	if piped := runCLIWidth(t, 0, "eval"); longest(piped.stdout) <= 80 {
		t.Errorf("piped, the longest line is %d columns: lines were cut", longest(piped.stdout))
	}
}
