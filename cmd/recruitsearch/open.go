package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
)

// indexFlag is the --index flag every index command shares.
type indexFlag struct {
	dir string
}

const indexFlagUsage = "index directory (env " + envIndex + "); without it the embedded seed corpus is indexed in memory"

// resolve is the directory from --index or RECRUITSEARCH_INDEX, "" for none.
func (f *indexFlag) resolve(a *app) string {
	if f.dir != "" {
		return f.dir
	}
	return a.getenv(envIndex)
}

// openForReading opens the index in dir read-only, or, when dir is "",
// the embedded corpus indexed in memory. d is the release of official
// figures whose Ofsted judgements new passages record; nil is the shipped
// one (an index on disk keeps what it recorded when each passage was
// written).
func (a *app) openForReading(ctx context.Context, dir string, d *official.Dataset) (*index.Index, error) {
	if dir == "" {
		return a.openEmbedded(ctx, d)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no index at %s (create one with `recruitsearch ingest PATH... --index %s`)", dir, dir)
	}
	idx, err := index.Open(dir, index.Options{ReadOnly: true, Logger: a.logger, Official: d})
	if errors.Is(err, index.ErrLocked) {
		return nil, fmt.Errorf("%w; if `recruitsearch serve` holds it, ask the server (GET /api/...) instead", err)
	}
	return idx, err
}

// openForWriting opens (creating if missing) the index in dir for
// writing; d is as for openForReading.
func (a *app) openForWriting(dir string, d *official.Dataset) (*index.Index, error) {
	return index.Open(dir, index.Options{Logger: a.logger, Official: d})
}

// openEmbedded indexes the embedded seed corpus in memory; d is as for
// openForReading.
func (a *app) openEmbedded(ctx context.Context, d *official.Dataset) (*index.Index, error) {
	idx, err := index.OpenMemory(index.Options{Logger: a.logger, Official: d})
	if err != nil {
		return nil, err
	}
	for _, f := range corpus.Files() {
		if _, err := idx.Ingest(ctx, f.Name, f.Data); err != nil {
			idx.Close()
			return nil, fmt.Errorf("indexing the embedded corpus: %w", err)
		}
	}
	return idx, nil
}
