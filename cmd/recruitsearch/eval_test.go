package main

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus/eval"
)

var updateBaseline = flag.Bool("update-baseline", false, "rewrite corpus/eval/baseline.json with the measured figures")

func TestEvalFlags(t *testing.T) {
	var got *evalOptions
	cmd := newEvalCmd(testApp(nil), func(_ context.Context, o *evalOptions) error { got = o; return nil })
	if err := parseOnly(t, cmd, "--index", "idx", "--queries", "q.tsv", "--judgements", "j.json", "--json"); err != nil {
		t.Fatal(err)
	}
	if got.index.dir != "idx" || got.queries != "q.tsv" || got.judgements != "j.json" || !got.json {
		t.Errorf("options = %+v", got)
	}
	cmd = newEvalCmd(testApp(nil), func(context.Context, *evalOptions) error { return nil })
	if err := parseOnly(t, cmd, "caseloads"); exitCode(err) != exitUsage {
		t.Errorf("eval with an argument: err = %v, want a usage error", err)
	}
}

// TestEvalGuard fails when mean nDCG@10 of the built-in set on the embedded
// corpus falls more than eval.GuardTolerance below the recorded baseline.
// After a deliberate change, re-record with:
//
//	go test ./cmd/recruitsearch -run TestEvalGuard -update-baseline
func TestEvalGuard(t *testing.T) {
	var rep eval.Report
	decodeJSON(t, runCLI(t, nil, "eval", "--json"), &rep)
	base, err := eval.Recorded()
	if err != nil {
		t.Fatal(err)
	}
	if *updateBaseline {
		data, err := eval.MarshalBaseline(eval.Baseline{Queries: rep.Count, Mean: rep.Mean, Note: base.Note})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, "../../corpus/eval/baseline.json", data)
		t.Logf("recorded nDCG@10 %.4f MRR@10 %.4f over %d queries", rep.Mean.NDCG, rep.Mean.MRR, rep.Count)
		return
	}
	if rep.Count != base.Queries {
		t.Fatalf("the built-in set has %d queries but the baseline was recorded over %d; re-record it (-update-baseline)", rep.Count, base.Queries)
	}
	if floor := base.Mean.NDCG - eval.GuardTolerance; rep.Mean.NDCG < floor {
		var worst []string
		for _, q := range rep.Queries[:min(5, len(rep.Queries))] {
			worst = append(worst, q.ID+" "+q.Query)
		}
		t.Errorf("mean nDCG@10 fell to %.4f, below the recorded %.4f - %.2f; worst queries: %s",
			rep.Mean.NDCG, base.Mean.NDCG, eval.GuardTolerance, strings.Join(worst, "; "))
	}
}

func TestEvalPrintsTableWorstFirst(t *testing.T) {
	r := runCLI(t, nil, "eval")
	mustSucceed(t, r)
	lines := strings.Split(r.stdout, "\n")
	if !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "nDCG@10") {
		t.Fatalf("first line is not the table header:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "MEAN") {
		t.Errorf("no mean line:\n%s", r.stdout)
	}
}

// A user's own corpus and judgements, in TSV, against an index on disk.
func TestEvalOwnCorpusAndTSVJudgements(t *testing.T) {
	dir := t.TempDir()
	articles := filepath.Join(dir, "articles")
	copySeeds(t, articles)
	idx := filepath.Join(dir, "idx")
	mustSucceed(t, runCLI(t, nil, "ingest", articles, "--index", idx))

	queries := filepath.Join(dir, "queries.tsv")
	writeFile(t, queries, []byte("# id\tquery\tnote\nalexa\tAlexa reminder\tone passage holds the word\n"+
		"pods\tpods\n"))
	judgements := filepath.Join(dir, "judgements.tsv")
	writeFile(t, judgements, []byte("alexa\t3\t003_631d5e625de841f7.txt\tmodern Alexa with a screen\n"+
		"pods\t3\t002_dd33d7767a64d012\tknown as pods, each with one practice manager\n"+
		"pods\t2\t002_dd33d7767a64d012.txt\tEach pod has group supervision\n"))

	var rep eval.Report
	decodeJSON(t, runCLI(t, nil, "eval", "--index", idx, "--queries", queries, "--judgements", judgements, "--json"), &rep)
	if rep.Count != 2 || len(rep.Queries) != 2 {
		t.Fatalf("report covers %d queries, want 2: %+v", rep.Count, rep)
	}
	for _, q := range rep.Queries {
		if q.ID == "alexa" && (q.MRR != 1 || q.BestRank != 1 || q.NDCG != 1) {
			t.Errorf("the only passage with \"Alexa\" is not first: %+v", q)
		}
		if q.NDCG < 0 || q.NDCG > 1 || q.Best == "" {
			t.Errorf("implausible report for %s: %+v", q.ID, q)
		}
	}
}

func TestEvalBadJudgementsNameTheQuery(t *testing.T) {
	dir := t.TempDir()
	judgements := filepath.Join(dir, "j.tsv")
	writeFile(t, judgements, []byte("q01\t3\t000_911ea07976163ea1.txt\tno such words in Kent\n"))
	r := runCLI(t, nil, "eval", "--judgements", judgements)
	if r.code() != exitFailure {
		t.Fatalf("exit %d, want %d; stderr %s", r.code(), exitFailure, r.stderr)
	}
	for _, want := range []string{"j.tsv", `"q01"`, "no such words in Kent", "matches no passage"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not mention %q: %s", want, r.stderr)
		}
	}

	// The same file, fixed, runs just the built-in query it judges.
	writeFile(t, judgements, []byte("q01\t3\t000_911ea07976163ea1.txt\tcaseloads are higher than what they usually are\n"))
	var rep eval.Report
	decodeJSON(t, runCLI(t, nil, "eval", "--judgements", judgements, "--json"), &rep)
	if rep.Count != 1 || rep.Queries[0].ID != "q01" || rep.Queries[0].Relevant != 1 {
		t.Errorf("built-in queries with a one-line judgements file: %+v", rep)
	}

	r = runCLI(t, nil, "eval", "--queries", filepath.Join(dir, "missing.json"))
	if r.err == nil || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("missing queries file: err %v, stderr %s", r.err, r.stderr)
	}
}
