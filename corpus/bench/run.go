package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Run generates and indexes the articles cfg asks for, runs the query
// phases and returns what it measured. The details go to cfg.Progress as
// it goes. It returns a *ConfigError for a Config it cannot run.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &runner{cfg: cfg}
	if cfg.CPUProfile != nil {
		if err := pprof.StartCPUProfile(cfg.CPUProfile); err != nil {
			return nil, fmt.Errorf("starting the CPU profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	dir, cleanup, err := indexDir(cfg.Dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()

	rep, sample, err := r.ingest(ctx, dir)
	if err != nil {
		return nil, err
	}
	// The generated text is garbage now; give it back so that the RSS
	// after the query phases is the index's and the server's.
	runtime.GC()
	debug.FreeOSMemory()
	if err := r.query(ctx, dir, rep, sample); err != nil {
		return nil, err
	}
	return rep, nil
}

// indexDir is the directory to build the index in and a function that
// removes it when it is temporary.
func indexDir(dir string) (string, func(), error) {
	if dir != "" {
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			return "", nil, &ConfigError{"Dir", dir + " already exists; bench builds a fresh index in a new directory"}
		}
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "recruitsearch-bench-")
	if err != nil {
		return "", nil, fmt.Errorf("creating a temporary index directory: %w", err)
	}
	return filepath.Join(tmp, "index"), func() { os.RemoveAll(tmp) }, nil
}

// runner is one run of the bench.
type runner struct {
	cfg Config
}

// say sends one line of detail to cfg.Progress.
func (r *runner) say(format string, args ...any) {
	if r.cfg.Progress != nil {
		r.cfg.Progress(fmt.Sprintf(format, args...))
	}
}

// ingest generates the articles and loads them into a new index in dir,
// exporting them when asked. It returns the report so far and a sample of
// the passages to draw the query mix from.
func (r *runner) ingest(ctx context.Context, dir string) (*Report, []ingest.Passage, error) {
	cfg := r.cfg
	start := time.Now()
	files, rawBytes, err := generateFiles(synth.New(cfg.Seed), cfg.Articles, cfg.Format)
	if err != nil {
		return nil, nil, err
	}
	r.say("generated %d %s articles (%.1f MB) in %.2fs", cfg.Articles, cfg.Format, float64(rawBytes)/1e6, time.Since(start).Seconds())

	r.say("load average %s before loading (other processes on this machine skew every figure)", loadAverage())
	var export *Exporter
	if cfg.Export != nil {
		export = NewExporter(cfg.Export)
	}
	cpuBefore := cpuSeconds()
	load, err := loadIndex(ctx, dir, files, cfg.Batch, cfg.KeepSegments, export, cfg.Logger)
	if err != nil {
		return nil, nil, err
	}
	cpuLoad := cpuSeconds() - cpuBefore
	if export != nil {
		if err := export.Flush(); err != nil {
			return nil, nil, fmt.Errorf("exporting passages: %w", err)
		}
	}
	rep := &Report{
		Articles:          load.articles,
		Passages:          load.passages,
		IngestSeconds:     load.seconds,
		PassagesPerSecond: float64(load.passages) / load.seconds,
	}
	if rep.IndexBytes, err = dirBytes(dir); err != nil {
		return nil, nil, err
	}
	rep.LoadPeakRSSMB = peakRSSMB()
	r.say("parsed and indexed %d passages in %.2fs (%.0f passages/s); index %.1f MB on disk, %.2f× the raw text",
		rep.Passages, rep.IngestSeconds, rep.PassagesPerSecond, float64(rep.IndexBytes)/1e6, float64(rep.IndexBytes)/float64(rawBytes))
	r.say("  parsing %.2fs (summed over %d parsers), in index.Add %.2fs, compacting %.2fs, closing %.2fs; %.2f CPU-seconds, %.0f passages per CPU-second",
		load.parseSeconds, runtime.GOMAXPROCS(0), load.addSeconds, load.compactSeconds, load.closeSeconds, cpuLoad, float64(load.passages)/cpuLoad)
	if export != nil {
		r.say("exported %d passages as JSON lines, in article-number order, as they were indexed (%.2fs of the ingest time)",
			export.Passages(), load.exportSeconds)
	}
	r.say("peak RSS up to the end of the load: %.0f MB", rep.LoadPeakRSSMB)
	return rep, load.sample, nil
}

// query reopens the index in dir read-only and runs the query phases,
// filling in rep's figures.
func (r *runner) query(ctx context.Context, dir string, rep *Report, sample []ingest.Passage) error {
	start := time.Now()
	idx, err := index.Open(dir, index.Options{ReadOnly: true, Logger: r.cfg.Logger})
	if err != nil {
		return fmt.Errorf("reopening the bench index: %w", err)
	}
	defer idx.Close()
	r.say("reopened the index read-only in %.0f ms", msSince(start))

	queries := r.cfg.Queries
	if queries == nil {
		draw := QueryMix
		if r.cfg.ExportQueries != nil {
			draw = PlainQueryMix
		}
		if queries = draw(sample, r.cfg.Seed); len(queries) == 0 {
			return errors.New("the index holds no passages to draw the query mix from")
		}
	}
	if r.cfg.ExportQueries != nil {
		if err := WriteQueries(r.cfg.ExportQueries, queries); err != nil {
			return fmt.Errorf("exporting queries: %w", err)
		}
		r.say("exported the %d queries the phases run, one per line", len(queries))
	}
	if err := r.inProcessPhase(ctx, idx, queries, rep); err != nil {
		return err
	}
	if err := r.httpPhase(ctx, idx, queries, rep); err != nil {
		return err
	}
	rep.RSSMB = rssMB()
	r.say("load average %s after the query phases", loadAverage())
	if r.cfg.HeapProfile != nil {
		runtime.GC()
		if err := pprof.Lookup("heap").WriteTo(r.cfg.HeapProfile, 0); err != nil {
			return fmt.Errorf("writing the heap profile: %w", err)
		}
	}
	return nil
}

// inProcessPhase runs the in-process phase into rep.Query.
func (r *runner) inProcessPhase(ctx context.Context, idx *index.Index, queries []Query, rep *Report) error {
	reqs, err := plan(queries)
	if err != nil {
		return err
	}
	cpuBefore := cpuSeconds()
	res, err := runInProcess(ctx, idx, reqs, r.cfg.Duration)
	if err != nil {
		return err
	}
	rep.Query = res.figures
	searches := len(queries) // the warm-up pass
	for _, s := range res.shapes {
		searches += s.count
	}
	r.say("in-process: %.2f CPU-ms per search (steadier than latency on a busy machine)",
		1000*(cpuSeconds()-cpuBefore)/float64(searches))
	for _, s := range res.shapes {
		r.say("  %-9s %5d searches  p50 %7.2f ms  p99 %7.2f ms  mean hits %.0f", s.shape, s.count, s.p50, s.p99, s.meanTotal)
	}
	if res.timeouts > 0 {
		r.say("%d searches ran past the index's deadline (counted in the latencies)", res.timeouts)
	}
	if res.rejected > 0 {
		r.say("%d searches were refused as bad queries and are not counted; the first: %v", res.rejected, res.firstRejected)
	}
	return nil
}

// httpPhase runs the HTTP phase into rep.HTTP.
func (r *runner) httpPhase(ctx context.Context, idx *index.Index, queries []Query, rep *Report) error {
	cpuBefore := cpuSeconds()
	figures, failed, err := runHTTP(ctx, idx, queries, r.cfg.Clients, r.cfg.Duration)
	if err != nil {
		return err
	}
	rep.HTTP = figures
	r.say("HTTP: %.2f CPU-ms per request, server and clients together",
		1000*(cpuSeconds()-cpuBefore)/(figures.RPS*r.cfg.Duration.Seconds()))
	for status, n := range failed {
		r.say("%d HTTP responses were %d %s (counted in the latencies)", n, status, http.StatusText(status))
	}
	return nil
}
