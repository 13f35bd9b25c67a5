package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
)

// childArgsEnv carries a JSON array of arguments for run() in a child
// process: the test binary re-executed with -test.run=TestHelperProcess.
const childArgsEnv = "RECRUITSEARCH_TEST_CHILD_ARGS"

// childReadyEnv names the descriptor on which the child says it handles
// signals itself.
const childReadyEnv = "RECRUITSEARCH_TEST_CHILD_READY_FD"

// TestHelperProcess is not a test: it is the child process the tests below
// start, running one recruitsearch command with the real stdout.
func TestHelperProcess(t *testing.T) {
	raw := os.Getenv(childArgsEnv)
	if raw == "" {
		t.Skip("only runs as a child process")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) // caught until exit, as main does
	// Tell startChild that a signal from now on reaches run, not the
	// default handler that would end the process with no exit status.
	if os.Getenv(childReadyEnv) == "3" {
		ready := os.NewFile(3, "ready")
		_, _ = ready.Write([]byte{1})
		ready.Close()
	}
	err := run(ctx, args, os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	os.Exit(exitCode(err))
}

// startChild starts recruitsearch args in a child process and returns it
// with a line reader on its stdout, once the child handles SIGTERM and
// Ctrl-C itself. (A race-built test binary can take a few hundred
// milliseconds to get there; a signal before that ends it by default.)
func startChild(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(raw), childReadyEnv+"=3")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	ready, readyW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer ready.Close()
	cmd.ExtraFiles = []*os.File{readyW} // fd 3 in the child
	err = cmd.Start()
	readyW.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	_ = ready.SetReadDeadline(time.Now().Add(60 * time.Second))
	if _, err := ready.Read(make([]byte, 1)); err != nil {
		t.Fatalf("child %v never got ready: %v", args, err)
	}
	return cmd, bufio.NewScanner(stdout)
}

func TestSecondWriterFailsFast(t *testing.T) {
	indexDir := filepath.Join(t.TempDir(), "idx")
	holder, lines := startChild(t, "serve", "--addr", "127.0.0.1:0", "--index", indexDir)
	serving := make(chan bool, 1)
	go func() {
		for lines.Scan() {
			if strings.Contains(lines.Text(), "serving") {
				serving <- true
			}
		}
		close(serving)
	}()
	select {
	case ok := <-serving:
		if !ok {
			t.Fatal("the holder exited before serving")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the holder did not start serving within 20s")
	}

	start := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	r := runCLIContext(ctx, nil, "ingest", seedFiles(t)[0], "--index", indexDir)
	took := time.Since(start)
	if r.err == nil {
		t.Fatal("a second writer opened an index in use")
	}
	if took > 2*time.Second {
		t.Errorf("the second writer took %v to fail, want under 2s", took)
	}
	pid := strconv.Itoa(holder.Process.Pid)
	if !strings.Contains(r.stderr, pid) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("stderr %q: want one line naming the holder's PID %s", r.stderr, pid)
	}

	if err := holder.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := holder.Wait(); err != nil {
		t.Errorf("the server did not shut down cleanly on SIGTERM: %v", err)
	}
}

// writeSmallArticles writes n short articles in the seed genre, each with a
// word no other article has, and returns that word per file name.
func writeSmallArticles(t *testing.T, dir string, n int) map[string]string {
	t.Helper()
	words := make(map[string]string, n)
	for i := range n {
		word := "zq" + letters(i) + "x"
		name := filepath.Join(dir, fmt.Sprintf("a%05d.txt", i))
		text := fmt.Sprintf("Employer Zone\n\nWorking in children's services: feature %s\n\n"+
			"A sponsored feature from Kent County Council\n\n"+
			"Our social workers talk about supervision and caseloads in team %s.\n\n"+
			"The team meets every week to reflect on practice and plan the work ahead.\n",
			letters(i), word)
		writeFile(t, name, []byte(text))
		words[name] = word
	}
	return words
}

// letters spells i in base 26 with at least four letters, so no two
// articles' words are close enough to look like typos of each other.
func letters(i int) string {
	b := []byte("aaaa")
	for p := len(b) - 1; p >= 0 && i > 0; p-- {
		b[p] = byte('a' + i%26)
		i /= 26
	}
	return string(b)
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: ingests thousands of articles in a child process")
	}
	// The child prints a file's line only once the batch holding it (up
	// to 256 files) is durable, and is killed as soon as a third of the
	// files have been acknowledged, while it writes later batches. -race slows
	// Bleve's indexing and merging several times over, hence fewer
	// articles there; RECRUITSEARCH_CRASH_ARTICLES sets the count.
	total := 3000
	if raceEnabled {
		total = 1000
	}
	if n, err := strconv.Atoi(os.Getenv("RECRUITSEARCH_CRASH_ARTICLES")); err == nil && n >= 10 {
		total = n
	}
	killAfter := total / 3
	base := t.TempDir()
	articles, indexDir := filepath.Join(base, "articles"), filepath.Join(base, "idx")
	words := writeSmallArticles(t, articles, total)

	start := time.Now()
	child, lines := startChild(t, "ingest", articles, "--index", indexDir)
	acked := map[string]bool{}
	for lines.Scan() && len(acked) < killAfter {
		if name, ok := strings.CutPrefix(lines.Text(), "added "); ok {
			acked[strings.TrimSpace(strings.SplitN(strings.TrimSpace(name), " (", 2)[0])] = true
		}
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	if len(acked) < killAfter {
		t.Fatalf("the child acknowledged only %d articles before it ended", len(acked))
	}
	t.Logf("killed after %d acknowledged articles (%v)", len(acked), time.Since(start).Round(time.Millisecond))
	start = time.Now()

	idx, err := index.Open(indexDir, index.Options{})
	if err != nil {
		t.Fatalf("the index does not reopen after SIGKILL: %v", err)
	}
	ctx := t.Context()
	for name := range acked {
		assertFoundOnce(t, ctx, idx, words[name])
	}
	list, err := idx.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertNoDuplicates(t, list)
	if len(list) < len(acked) {
		t.Errorf("%d articles in the index, %d acknowledged", len(list), len(acked))
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}

	t.Logf("reopened and checked in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	r := runCLI(t, nil, "ingest", articles, "--index", indexDir)
	mustSucceed(t, r)
	t.Logf("re-ran the ingest in %v", time.Since(start).Round(time.Millisecond))
	idx, err = index.Open(indexDir, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	list, err = idx.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertNoDuplicates(t, list)
	if len(list) != total {
		t.Errorf("after re-running the ingest: %d articles, want %d", len(list), total)
	}
	for i := 0; i < total; i += 97 {
		assertFoundOnce(t, ctx, idx, words[filepath.Join(articles, fmt.Sprintf("a%05d.txt", i))])
	}
}

// assertFoundOnce checks that exactly one passage holds word.
func assertFoundOnce(t *testing.T, ctx context.Context, idx *index.Index, word string) {
	t.Helper()
	res, err := idx.Search(ctx, index.Request{Query: word})
	if err != nil {
		t.Fatalf("search %q: %v", word, err)
	}
	var exact int
	for _, h := range res.Hits {
		if strings.Contains(h.Text, word) {
			exact++
		}
	}
	if exact != 1 {
		t.Errorf("%q is in %d passages, want exactly 1", word, exact)
	}
}

func assertNoDuplicates(t *testing.T, list []index.ArticleSummary) {
	t.Helper()
	seen := map[string]bool{}
	for _, a := range list {
		if seen[a.ID] {
			t.Errorf("article %s is in the index twice", a.ID)
		}
		seen[a.ID] = true
	}
}
