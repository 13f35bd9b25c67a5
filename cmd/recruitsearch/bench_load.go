package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
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
)

// benchFile is one generated source file.
type benchFile struct {
	name string
	data []byte
}

// generateFiles renders n synthetic articles in format f on every core.
func generateFiles(g *synth.Generator, n int, f ingest.Format) ([]benchFile, int64) {
	files := make([]benchFile, n)
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
				// Render fails only for an unknown format, which validate
				// has ruled out.
				data, _ := a.Render(f)
				files[k] = benchFile{name: a.Name(f), data: data}
			}
		})
	}
	wg.Wait()
	var total int64
	for _, f := range files {
		total += int64(len(f.data))
	}
	return files, total
}

// loadResult is what loading the index measured and kept.
type loadResult struct {
	articles, passages int
	seconds            float64
	// Where the time went: parsing (summed over the parsers), inside
	// index.Add, and closing the index.
	parseSeconds, addSeconds, closeSeconds float64
	sample                                 []ingest.Passage // a seeded sample for building the query mix
	exported                               []*ingest.Article
}

// sampleArticles is about how many articles the query mix is drawn from.
const sampleArticles = 200

// parsedFile is the articles parsed from files[k].
type parsedFile struct {
	k        int
	articles []*ingest.Article
}

// loadIndex parses files on every core and indexes them on one goroutine
// in batches of opts.batch articles as they come, then closes the index so
// the time includes making it durable.
func loadIndex(ctx context.Context, dir string, files []benchFile, opts *benchOptions, logger *slog.Logger) (*loadResult, error) {
	start := time.Now()
	idx, err := index.Open(dir, index.Options{Logger: logger})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	parsed := make(chan parsedFile, 64)
	var next, parseNanos atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= len(files) {
					return
				}
				t := time.Now()
				arts, err := ingest.Parse(files[k].name, files[k].data, ingest.Options{})
				parseNanos.Add(int64(time.Since(t)))
				if err != nil {
					cancel(fmt.Errorf("parsing synthetic article: %w", err))
					return
				}
				parsed <- parsedFile{k, arts}
			}
		})
	}
	go func() { wg.Wait(); close(parsed) }()

	res := &loadResult{}
	// The mix is drawn from every stride-th file, so it is the same
	// whatever order the parsers finish in.
	stride := max(1, len(files)/sampleArticles)
	batch := make([]*ingest.Article, 0, opts.batch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		t := time.Now()
		_, err := idx.Add(ctx, batch)
		res.addSeconds += time.Since(t).Seconds()
		if err != nil {
			return fmt.Errorf("indexing: %w", err)
		}
		batch = batch[:0]
		return nil
	}
	for pf := range parsed {
		for _, art := range pf.articles {
			res.articles++
			res.passages += len(art.Passages)
			if pf.k%stride == 0 {
				res.sample = append(res.sample, art.Passages...)
			}
			if opts.exportPassages != "" {
				res.exported = append(res.exported, art)
			}
			batch = append(batch, art)
		}
		if len(batch) >= opts.batch {
			if err := flush(); err != nil {
				cancel(err)
				break
			}
		}
	}
	if err := context.Cause(ctx); err != nil {
		for range parsed {
		}
		idx.Close()
		return nil, err
	}
	if err := flush(); err != nil {
		idx.Close()
		return nil, err
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

// exportPassages writes every passage as one JSON line with the fields
// another engine needs to index the same data.
func exportPassages(path string, articles []*ingest.Article) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--export-passages: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	type record struct {
		ID        string   `json:"id"`
		ArticleID string   `json:"article_id"`
		Council   string   `json:"council"`
		Kind      string   `json:"kind"`
		Topics    []string `json:"topics"`
		Speaker   string   `json:"speaker"`
		Text      string   `json:"text"`
	}
	slices.SortFunc(articles, func(x, y *ingest.Article) int { return strings.Compare(x.ID, y.ID) })
	for _, art := range articles {
		for _, p := range art.Passages {
			text := p.Text
			if p.Question != "" {
				text = p.Question + "\n" + text
			}
			if len(p.Items) > 0 {
				text += "\n" + strings.Join(p.Items, "\n")
			}
			topics := p.Topics
			if topics == nil {
				topics = []string{}
			}
			if err := enc.Encode(record{p.ID, p.ArticleID, p.Council, string(p.Kind), topics, p.Speaker, text}); err != nil {
				f.Close()
				return fmt.Errorf("--export-passages %s: %w", path, err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("--export-passages %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--export-passages %s: %w", path, err)
	}
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
