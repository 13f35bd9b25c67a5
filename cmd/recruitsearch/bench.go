package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

type benchOptions struct {
	articles       int
	seed           uint64
	format         string
	batch          int
	queries        string
	exportPassages string
	json           bool
	clients        int
	duration       time.Duration
	cpuProfile     string
	memProfile     string
	dir            string
}

// newBenchCmd builds the bench command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newBenchCmd(a *app, runF func(context.Context, *benchOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runBench
	}
	opts := &benchOptions{}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure indexing and search speed on synthetic articles",
		Long: "bench generates --articles synthetic articles (corpus/synth, seeded by --seed),\n" +
			"parses them in parallel and indexes them into a temporary on-disk index, then\n" +
			"runs a query mix (single words, two or three words, phrases, filtered, faceted,\n" +
			"misspelt, prefix, collapsed) for --duration in-process on one goroutine, and\n" +
			"again over HTTP on loopback from --clients concurrent clients. --queries FILE\n" +
			"runs its lines as queries instead of the built-in mix. --export-passages FILE\n" +
			"writes the indexed passages as JSON lines so other engines can be measured on\n" +
			"the same data. --json prints the figures as one JSON object.",
		Example: "  recruitsearch bench --articles 2000 --json\n" +
			"  recruitsearch bench --articles 8000 --cpuprofile cpu.out --memprofile mem.out",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.articles, "articles", 2000, "number of synthetic articles to generate and index")
	f.Uint64Var(&opts.seed, "seed", 1, "generator seed: the same seed gives the same articles and queries")
	f.StringVar(&opts.format, "format", "text", "format to generate the articles in: text, markdown, html or jsonl")
	f.IntVar(&opts.batch, "batch", 1000, "articles per index.Add call (bigger batches cost less CPU per passage)")
	f.StringVar(&opts.queries, "queries", "", "file of queries, one per line, to run instead of the built-in mix")
	f.StringVar(&opts.exportPassages, "export-passages", "", "write the indexed passages to this file as JSON lines")
	f.BoolVar(&opts.json, "json", false, "print the figures as JSON")
	f.IntVar(&opts.clients, "clients", 32, "concurrent HTTP clients")
	f.DurationVar(&opts.duration, "duration", 5*time.Second, "how long each query phase (in-process, HTTP) runs")
	f.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	f.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	f.StringVar(&opts.dir, "dir", "", "build the index in this new directory and keep it (default: a temporary one, removed)")
	return cmd
}

func (o *benchOptions) validate() error {
	switch {
	case o.articles < 1:
		return usageErrorf("--articles must be at least 1, got %d", o.articles)
	case o.batch < 1:
		return usageErrorf("--batch must be at least 1, got %d", o.batch)
	case o.clients < 1 || o.clients > 1024:
		return usageErrorf("--clients must be between 1 and 1024, got %d", o.clients)
	case o.duration <= 0:
		return usageErrorf("--duration must be positive, got %s", o.duration)
	case !slices.Contains(synth.Formats, ingest.Format(o.format)):
		return usageErrorf("--format %q is not one of text, markdown, html, jsonl", o.format)
	}
	return nil
}

// benchReport is the JSON the bench prints; issue 6 fixes its shape.
type benchReport struct {
	Articles          int          `json:"articles"`
	Passages          int          `json:"passages"`
	IngestSeconds     float64      `json:"ingest_seconds"`
	PassagesPerSecond float64      `json:"passages_per_second"`
	IndexBytes        int64        `json:"index_bytes"`
	Query             queryFigures `json:"query"`
	HTTP              httpFigures  `json:"http"`
	RSSMB             float64      `json:"rss_mb"`
}

type queryFigures struct {
	P50MS float64 `json:"p50_ms"`
	P95MS float64 `json:"p95_ms"`
	P99MS float64 `json:"p99_ms"`
	QPS   float64 `json:"qps"`
}

type httpFigures struct {
	Clients int     `json:"clients"`
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	RPS     float64 `json:"rps"`
}

// benchQuery is one query of the mix: its shape (for the per-shape
// breakdown) and the request.
type benchQuery struct {
	shape string
	req   index.Request
}

func (a *app) runBench(ctx context.Context, opts *benchOptions) (err error) {
	var fileQueries []benchQuery
	if opts.queries != "" {
		if fileQueries, err = readQueryFile(opts.queries); err != nil {
			return err
		}
	}
	if opts.cpuProfile != "" {
		stop, err := startCPUProfile(opts.cpuProfile)
		if err != nil {
			return err
		}
		defer func() {
			if serr := stop(); err == nil {
				err = serr
			}
		}()
	}
	dir := opts.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "recruitsearch-bench-")
		if err != nil {
			return fmt.Errorf("creating a temporary index directory: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "index")
	} else if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return usageErrorf("--dir %s already exists; bench builds a fresh index in a new directory", dir)
	}

	// The details go to stderr even with --json, which keeps stdout for
	// the report alone.
	progress := func(format string, args ...any) {
		fmt.Fprintf(a.stderr, "bench: "+format+"\n", args...)
	}

	start := time.Now()
	files, rawBytes := generateFiles(synth.New(opts.seed), opts.articles, ingest.Format(opts.format))
	progress("generated %d %s articles (%.1f MB) in %.2fs", opts.articles, opts.format, float64(rawBytes)/1e6, time.Since(start).Seconds())

	progress("load average %s before loading (other processes on this machine skew every figure)", loadAverage())
	cpuBefore := cpuSeconds()
	load, err := loadIndex(ctx, dir, files, opts, a.logger)
	if err != nil {
		return err
	}
	cpuLoad := cpuSeconds() - cpuBefore
	rep := &benchReport{
		Articles:          load.articles,
		Passages:          load.passages,
		IngestSeconds:     load.seconds,
		PassagesPerSecond: float64(load.passages) / load.seconds,
	}
	if rep.IndexBytes, err = dirBytes(dir); err != nil {
		return err
	}
	progress("parsed and indexed %d passages in %.2fs (%.0f passages/s); index %.1f MB on disk, %.2f× the raw text",
		rep.Passages, rep.IngestSeconds, rep.PassagesPerSecond, float64(rep.IndexBytes)/1e6, float64(rep.IndexBytes)/float64(rawBytes))

	progress("  parsing %.2fs (summed over %d parsers), in index.Add %.2fs, closing %.2fs; %.2f CPU-seconds, %.0f passages per CPU-second",
		load.parseSeconds, runtime.GOMAXPROCS(0), load.addSeconds, load.closeSeconds, cpuLoad, float64(load.passages)/cpuLoad)
	if opts.exportPassages != "" {
		if err := exportPassages(opts.exportPassages, load.exported); err != nil {
			return err
		}
		progress("wrote %d passages to %s", rep.Passages, opts.exportPassages)
	}
	load.exported = nil
	runtime.GC()
	debug.FreeOSMemory()

	start = time.Now()
	idx, err := index.Open(dir, index.Options{ReadOnly: true, Logger: a.logger})
	if err != nil {
		return fmt.Errorf("reopening the bench index: %w", err)
	}
	defer idx.Close()
	progress("reopened the index read-only in %.0f ms", msSince(start))

	queries := fileQueries
	if queries == nil {
		queries = queryMix(load.sample, opts.seed)
	}
	cpuBefore = cpuSeconds()
	inproc, err := runInProcess(ctx, idx, queries, opts.duration)
	if err != nil {
		return err
	}
	rep.Query = inproc.figures
	searches := len(queries) // the warm-up pass
	for _, s := range inproc.shapes {
		searches += s.count
	}
	progress("in-process: %.2f CPU-ms per search (steadier than latency on a busy machine)",
		1000*(cpuSeconds()-cpuBefore)/float64(searches))
	for _, s := range inproc.shapes {
		progress("  %-9s %5d searches  p50 %7.2f ms  p99 %7.2f ms  mean hits %.0f", s.shape, s.count, s.p50, s.p99, s.meanTotal)
	}
	if inproc.timeouts > 0 {
		progress("%d searches ran past the index's deadline (counted in the latencies)", inproc.timeouts)
	}
	if inproc.rejected > 0 {
		progress("%d searches were refused as bad queries and are not counted; the first: %v", inproc.rejected, inproc.firstRejected)
	}
	var httpFailed map[int]int
	cpuBefore = cpuSeconds()
	if rep.HTTP, httpFailed, err = runHTTP(ctx, idx, queries, opts.clients, opts.duration); err != nil {
		return err
	}
	progress("HTTP: %.2f CPU-ms per request, server and clients together",
		1000*(cpuSeconds()-cpuBefore)/(rep.HTTP.RPS*opts.duration.Seconds()))
	for status, n := range httpFailed {
		progress("%d HTTP responses were %d %s (counted in the latencies)", n, status, http.StatusText(status))
	}
	rep.RSSMB = rssMB()
	progress("load average %s after the query phases", loadAverage())
	if opts.memProfile != "" {
		if err := writeHeapProfile(opts.memProfile); err != nil {
			return err
		}
	}
	return printBenchReport(a.stdout, rep, opts.json)
}

func msSince(t time.Time) float64 { return float64(time.Since(t)) / float64(time.Millisecond) }

// rssMB is the process's resident set size in MB from /proc/self/status,
// or 0 where there is no such file.
func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("--cpuprofile %s: %w", path, err)
		}
		return nil
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("--memprofile %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--memprofile %s: %w", path, err)
	}
	return nil
}

func printBenchReport(w io.Writer, rep *benchReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	_, err := fmt.Fprintf(w, "articles           %d\npassages           %d\n"+
		"ingest             %.2f s (%.0f passages/s)\nindex on disk      %.1f MB\n"+
		"in-process query   p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  %.0f queries/s\n"+
		"HTTP, %d clients   p50 %.2f ms  p99 %.2f ms  %.0f requests/s\nRSS                %.0f MB\n",
		rep.Articles, rep.Passages, rep.IngestSeconds, rep.PassagesPerSecond, float64(rep.IndexBytes)/1e6,
		rep.Query.P50MS, rep.Query.P95MS, rep.Query.P99MS, rep.Query.QPS,
		rep.HTTP.Clients, rep.HTTP.P50MS, rep.HTTP.P99MS, rep.HTTP.RPS, rep.RSSMB)
	return err
}
