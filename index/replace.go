package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// Replace builds a new index of exactly files, beside the live one, and
// swaps it in when every file has been tried: the kept sources and the
// index both become those of files, through the same switch as Rebuild.
// Searches run on the old index until the swap. ack is called as
// IngestFiles calls it, for the new index. The index is left as it was
// when the context ends, the new index cannot be written, or no article
// could be indexed (ErrNothingIndexed).
func (ix *Index) Replace(ctx context.Context, files []SourceFile, ack func(FileResult)) (rep AddReport, err error) {
	if ix.opts.ReadOnly {
		return AddReport{}, fmt.Errorf("replace: %w", ErrReadOnly)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return AddReport{}, err
	}
	defer ix.recoverDamage(&err)
	if ix.dir != "" {
		if err := removeOldRebuilds(ix.dir); err != nil {
			ix.opts.Logger.Warn("removing an old interrupted rebuild", "dir", ix.dir, "err", err)
		}
	}
	staged, err := ix.stage()
	if err != nil {
		return AddReport{}, err
	}
	g := &generation{bi: staged.cur, path: staged.curPath, sources: staged.sources, sourcesName: staged.sourcesName}
	rep, err = staged.IngestFiles(ctx, files, ack)
	if err == nil && rep.Added == 0 {
		err = fmt.Errorf("%w; %s left as it was", ErrNothingIndexed, ix.where())
	}
	if err != nil {
		g.discard(ix.sources, ix.dir)
		return rep, err
	}
	return rep, ix.switchTo(g)
}

// stage makes an empty index beside ix, sharing its directory but with a
// generation and sources of its own, for Replace to fill.
func (ix *Index) stage() (*Index, error) {
	var (
		src  sourceStore = newMemSources()
		name string
	)
	if ix.dir != "" {
		path, err := os.MkdirTemp(ix.dir, sourcesDirName+"-")
		if err != nil {
			return nil, fmt.Errorf("replace: %w", err)
		}
		ds, err := openDirSources(path, false, ix.opts.Logger)
		if err != nil {
			_ = os.RemoveAll(path)
			return nil, err
		}
		src, name = ds, filepath.Base(path)
	}
	st, err := newIndex(ix.opts, ix.dir, src)
	if err == nil {
		st.sourcesName = name
		st.staged = true
		var bi bleve.Index
		var path string
		if bi, path, err = st.newBleveIndex(); err == nil {
			st.install(bi, path)
			return st, nil
		}
	}
	_ = src.close()
	if name != "" {
		_ = os.RemoveAll(filepath.Join(ix.dir, name))
	}
	return nil, err
}

// where names the index in messages.
func (ix *Index) where() string {
	if ix.dir == "" {
		return "the index"
	}
	return ix.dir
}
