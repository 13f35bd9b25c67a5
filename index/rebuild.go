package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/blevesearch/bleve/v2"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Rebuild re-parses every kept source into a fresh index built aside and
// swaps it in when complete. Searches keep running on the old index
// throughout and move to the new one at the swap; none fails and none
// sees a half-built index. Writes wait until the rebuild is done.
func (ix *Index) Rebuild(ctx context.Context) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("rebuild: %w", ErrReadOnly)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return err
	}
	bi, path, err := ix.buildFromSources(ctx)
	if err != nil {
		return err
	}
	if ix.dir != "" {
		root := filepath.Join(ix.dir, "index")
		if err := writeCurrent(root, filepath.Base(path)); err != nil {
			_ = bi.Close()
			_ = os.RemoveAll(path)
			return err
		}
	}

	ix.swapMu.Lock()
	old, oldPath := ix.cur, ix.curPath
	ix.alias.Swap([]bleve.Index{bi}, []bleve.Index{old})
	ix.cur, ix.curPath = bi, path
	ix.gen.Add(1)
	ix.swapMu.Unlock()

	// Every read holds swapMu while it uses the index, so none is still
	// on the old one here.
	if err := old.Close(); err != nil {
		ix.opts.Logger.Warn("closing replaced index", "err", err)
	}
	if oldPath != "" {
		if err := os.RemoveAll(oldPath); err != nil {
			ix.opts.Logger.Warn("removing replaced index", "path", oldPath, "err", err)
		}
	}
	return nil
}

// buildFromSources makes a new index from the kept sources, replayed in the order
// they were first added so article ids come out as they did before. A
// source that no longer parses is logged and left out; the manifest is
// rewritten to match what was built.
func (ix *Index) buildFromSources(ctx context.Context) (bleve.Index, string, error) {
	bi, path, err := ix.newBleveIndex()
	if err != nil {
		return nil, "", err
	}
	fail := func(err error) (bleve.Index, string, error) {
		_ = bi.Close()
		if path != "" {
			_ = os.RemoveAll(path)
		}
		return nil, "", err
	}
	w := ix.newWriter(ctx, bi)
	w.rebuilding = true
	var kept []sourceEntry
	for _, e := range ix.sources.entries() {
		articles, err := ix.loadSource(ctx, e)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fail(err)
		}
		if len(articles) == 0 {
			ix.opts.Logger.Warn("rebuild: leaving out a source", "source", e.Name, "err", err)
			continue
		}
		if err != nil {
			ix.opts.Logger.Warn("rebuild: source partly unreadable", "source", e.Name, "err", err)
		}
		articles = slices.DeleteFunc(articles, func(a *ingest.Article) bool {
			return slices.Contains(e.Exclude, a.ID)
		})
		staged, err := w.putSource(e, nil, articles)
		if err != nil {
			return fail(err)
		}
		kept = append(kept, staged)
	}
	if err := w.flush(); err != nil {
		return fail(err)
	}
	if err := ix.sources.compact(kept); err != nil {
		return fail(err)
	}
	return bi, path, nil
}

// loadSource turns a kept source back into articles.
func (ix *Index) loadSource(ctx context.Context, e sourceEntry) ([]*ingest.Article, error) {
	data, err := ix.sources.get(e)
	if err != nil {
		return nil, err
	}
	if e.Prebuilt {
		var a ingest.Article
		if err := json.Unmarshal(data, &a); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		return []*ingest.Article{&a}, nil
	}
	return ingest.ParseContext(ctx, e.Name, data, ingest.Options{})
}
