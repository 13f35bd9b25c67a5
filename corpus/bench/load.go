package bench

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
	"github.com/recruitsearch/recruitsearch/internal/bulkgc"
)

// sourceFile is one generated source file.
type sourceFile struct {
	name string
	data []byte
}

// generateFiles renders n synthetic articles in format f on every core.
func generateFiles(g *synth.Generator, n int, f ingest.Format) ([]sourceFile, int64, error) {
	files := make([]sourceFile, n)
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				a := g.Article(k)
				data, err := a.Render(f)
				files[k], errs[k] = sourceFile{name: a.Name(f), data: data}, err
			}
		})
	}
	wg.Wait()
	var total int64
	for k, f := range files {
		if errs[k] != nil {
			return nil, 0, fmt.Errorf("rendering synthetic article %d: %w", k, errs[k])
		}
		total += int64(len(f.data))
	}
	return files, total, nil
}

// loadResult is what loading the index measured and kept.
type loadResult struct {
	articles, passages int
	seconds            float64
	// Where the time went: parsing (summed over the parsers), inside
	// index.Add, writing the export, and closing the index.
	parseSeconds, addSeconds, exportSeconds, compactSeconds, closeSeconds float64
	sample                                                                []ingest.Passage // a seeded sample for building the query mix
}

// sampleArticles is about how many articles the query mix is drawn from.
const sampleArticles = 200

// parsedFile is the articles parsed from files[k].
type parsedFile struct {
	k        int
	articles []*ingest.Article
}

// loadIndex parses files on every core and indexes them on one goroutine
// in batches of batch articles as they come, then closes the index so the
// time includes making it durable; unless keepSegments, it compacts the
// index into one segment first. When export is not nil, every article
// goes to it in file order as it is indexed.
func loadIndex(ctx context.Context, dir string, files []sourceFile, batch int, keepSegments bool, export *Exporter, logger *slog.Logger) (*loadResult, error) {
	defer bulkgc.Start()()
	start := time.Now()
	idx, err := index.Open(dir, index.Options{Logger: logger})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var parseNanos atomic.Int64
	parsed := parseAll(ctx, cancel, files, &parseNanos)

	res := &loadResult{}
	l := &loader{idx: idx, res: res, batchSize: batch, export: export, waiting: map[int][]*ingest.Article{}}
	// The mix is drawn from every stride-th file, so it is the same
	// whatever order the parsers finish in.
	stride := max(1, len(files)/sampleArticles)
	for pf := range parsed {
		if pf.k%stride == 0 {
			for _, art := range pf.articles {
				res.sample = append(res.sample, art.Passages...)
			}
		}
		if err := l.take(ctx, pf); err != nil {
			cancel(err)
			break
		}
	}
	if err := context.Cause(ctx); err != nil {
		for range parsed {
		}
		idx.Close()
		return nil, err
	}
	if err := l.flush(ctx); err != nil {
		idx.Close()
		return nil, err
	}
	if !keepSegments {
		t := time.Now()
		if err := idx.Compact(ctx); err != nil {
			idx.Close()
			return nil, fmt.Errorf("compacting the bench index: %w", err)
		}
		res.compactSeconds = time.Since(t).Seconds()
	}
	t := time.Now()
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("closing the bench index: %w", err)
	}
	res.closeSeconds = time.Since(t).Seconds()
	res.seconds = time.Since(start).Seconds()
	res.parseSeconds = time.Duration(parseNanos.Load()).Seconds()
	slices.SortFunc(res.sample, func(x, y ingest.Passage) int { return strings.Compare(x.ID, y.ID) })
	return res, nil
}

// parseAll parses files on every core and sends each file's articles on
// the channel it returns, closed when every file is parsed or ctx ends. A
// parse error cancels ctx with that error as the cause.
func parseAll(ctx context.Context, cancel context.CancelCauseFunc, files []sourceFile, nanos *atomic.Int64) <-chan parsedFile {
	parsed := make(chan parsedFile, 64)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= len(files) {
					return
				}
				t := time.Now()
				arts, err := ingest.ParseContext(ctx, files[k].name, files[k].data, ingest.Options{})
				nanos.Add(int64(time.Since(t)))
				// The articles are what is indexed from here on: the
				// file's text can go (275 MB at 1M passages, held to the
				// end of the load before, which put the peak RSS past
				// issue 15's 2 GB).
				files[k].data = nil
				if err != nil {
					cancel(fmt.Errorf("parsing synthetic article: %w", err))
					return
				}
				parsed <- parsedFile{k, arts}
			}
		})
	}
	go func() { wg.Wait(); close(parsed) }()
	return parsed
}

// loader batches parsed articles into the index and, when exporting,
// writes them out in file order.
type loader struct {
	idx       *index.Index
	res       *loadResult
	batchSize int
	batch     []*ingest.Article

	export *Exporter
	// waiting holds files parsed ahead of nextExport. The parsers take
	// files in order, so only those parsed while an earlier one was still
	// being parsed wait: a handful, whatever the corpus size.
	waiting    map[int][]*ingest.Article
	nextExport int
}

// take queues the articles of pf for the index, adding a batch when one is
// full, and exports every file that is now next in order.
func (l *loader) take(ctx context.Context, pf parsedFile) error {
	for _, art := range pf.articles {
		l.res.articles++
		l.res.passages += len(art.Passages)
		l.batch = append(l.batch, art)
	}
	if l.export != nil {
		if err := l.exportInOrder(pf); err != nil {
			return err
		}
	}
	if len(l.batch) >= l.batchSize {
		return l.flush(ctx)
	}
	return nil
}

func (l *loader) exportInOrder(pf parsedFile) error {
	t := time.Now()
	defer func() { l.res.exportSeconds += time.Since(t).Seconds() }()
	l.waiting[pf.k] = pf.articles
	for {
		arts, ok := l.waiting[l.nextExport]
		if !ok {
			return nil
		}
		delete(l.waiting, l.nextExport)
		l.nextExport++
		for _, art := range arts {
			if err := l.export.Write(art); err != nil {
				return fmt.Errorf("exporting passages: %w", err)
			}
		}
	}
}

// flush adds the queued articles to the index.
func (l *loader) flush(ctx context.Context) error {
	if len(l.batch) == 0 {
		return nil
	}
	t := time.Now()
	_, err := l.idx.Add(ctx, l.batch)
	l.res.addSeconds += time.Since(t).Seconds()
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	l.batch = l.batch[:0]
	return nil
}

// dirBytes is the total size of the files under dir.
func dirBytes(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measuring the index size: %w", err)
	}
	return total, nil
}
