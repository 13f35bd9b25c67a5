package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// generation is one complete index: a Bleve index and the kept sources
// it was built from. Every rebuild and replacement builds a new one
// aside and switches to it with switchTo; this is the index's one swap.
type generation struct {
	bi          bleve.Index
	path        string // dir/index/gen-*; "" in memory
	sources     sourceStore
	sourcesName string // the sources' directory under dir
	// kept is the manifest of what bi holds, for a rebuild's compaction.
	kept []sourceEntry
}

// discard removes a generation that will not be used. Its sources are
// removed only when they are its own, not the live ones.
func (g *generation) discard(live sourceStore, dir string) {
	_ = g.bi.Close()
	if g.path != "" {
		_ = os.RemoveAll(g.path)
	}
	if g.sources != live {
		_ = g.sources.close()
		if dir != "" && g.sourcesName != "" {
			_ = os.RemoveAll(filepath.Join(dir, g.sourcesName))
		}
	}
}

// Rebuild re-parses every kept source into a fresh index built aside and
// swaps it in when complete. Searches keep running on the old index
// throughout and move to the new one at the swap; none fails and none
// sees a half-built index. Writes wait until the rebuild is done. It
// refuses with ErrIncomplete when a kept source cannot be read or the
// new index would lack articles the old one holds; RebuildWith can force it.
func (ix *Index) Rebuild(ctx context.Context) error {
	return ix.RebuildWith(ctx, RebuildOptions{})
}

// RebuildWith is Rebuild with options.
func (ix *Index) RebuildWith(ctx context.Context, ro RebuildOptions) (err error) {
	if ix.opts.ReadOnly {
		return fmt.Errorf("rebuild: %w", ErrReadOnly)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return err
	}
	defer ix.recoverDamage(&err)
	g, err := ix.rebuildChecked(ctx, ix.cur, ro)
	if err != nil {
		return err
	}
	return ix.switchTo(g)
}

// openRebuilt rebuilds an index being opened from its kept sources,
// comparing with the live generation when it can still be read.
func (ix *Index) openRebuilt(ctx context.Context, cur current, ro RebuildOptions) error {
	if err := os.MkdirAll(filepath.Join(ix.dir, "index"), 0o755); err != nil {
		return fmt.Errorf("open index: %w", err)
	}
	var live bleve.Index
	if cur.gen != "" {
		bi, err := ix.openGeneration(filepath.Join(ix.dir, "index", cur.gen), true)
		if err != nil {
			ix.opts.Logger.Warn("rebuild: the old index cannot be read; nothing to compare with", "err", err)
		} else {
			live = bi
		}
	}
	if live != nil {
		// A write the old index never received is not brought back; but
		// an index more than one write behind lost acknowledged writes,
		// which the rebuild restores, so then nothing is dropped.
		committed, err := committedSeq(live)
		if err == nil && behindError(ix.dir, committed, ix.sources.maxSeq()) == nil {
			err = ix.sources.rollbackAfter(committed)
		}
		if err != nil {
			_ = live.Close()
			return err
		}
	}
	ix.seq = ix.sources.maxSeq()
	g, err := ix.rebuildChecked(ctx, live, ro)
	if live != nil {
		_ = live.Close() // read-only: nothing to lose; closed before its files go
	}
	if err != nil {
		return err
	}
	if err := ix.switchTo(g); err != nil {
		return err
	}
	return removeStale(ix.dir, current{gen: filepath.Base(ix.curPath), sources: ix.sourcesName})
}

// rebuildChecked builds a generation from the kept sources and keeps it
// only if it holds everything: every kept source read, every article of
// live (nil when unreadable) present. Otherwise it is discarded and
// ErrIncomplete says why, unless ro.Force. Forced, it reads the articles
// of live that no readable source holds back from live's stored copy, so
// only what neither holds is dropped, and ro.Notice hears of both. The
// manifest is rewritten to match what was built only once it is kept.
func (ix *Index) rebuildChecked(ctx context.Context, live bleve.Index, ro RebuildOptions) (*generation, error) {
	g, problems, err := ix.buildFromSources(ctx)
	if err != nil {
		return nil, err
	}
	notice := ro.Notice
	if notice == nil {
		notice = func(msg string) { ix.opts.Logger.Warn("rebuild: " + msg) }
	}
	problems = append(ix.sources.problems(), problems...)
	if live != nil {
		missing, err := missingArticles(ctx, live, g.bi)
		if err != nil {
			g.discard(ix.sources, ix.dir)
			return nil, fmt.Errorf("rebuild: comparing with the old index: %w", err)
		}
		switch {
		case len(missing) > 0 && !ro.Force:
			problems = append(problems, fmt.Sprintf("%d articles of the current index are in no kept source (%s)",
				len(missing), sample(missing)))
		case len(missing) > 0:
			recovered, lost, err := ix.recoverStored(ctx, live, g, missing)
			if err != nil {
				g.discard(ix.sources, ix.dir)
				return nil, fmt.Errorf("rebuild: recovering articles in no kept source: %w", err)
			}
			if len(recovered) > 0 {
				notice(fmt.Sprintf("%d articles of the index were in no readable kept source; "+
					"they were read back from the index's stored copy and are kept from now on as recovered/ID.json (%s)",
					len(recovered), sample(recovered)))
			}
			if len(lost) > 0 {
				problems = append(problems, fmt.Sprintf("%d articles of the current index are in no kept source and cannot be read back from it (%s)",
					len(lost), sample(lost)))
			}
		}
	}
	if len(problems) > 0 && !ro.Force {
		g.discard(ix.sources, ix.dir)
		return nil, incomplete(ix.dir, problems)
	}
	for _, p := range problems {
		notice("rebuild forced past a problem: " + p)
	}
	if err := ix.sources.compact(g.kept); err != nil {
		g.discard(ix.sources, ix.dir)
		return nil, err
	}
	return g, nil
}

func incomplete(dir string, problems []string) error {
	where := dir
	if where == "" {
		where = "the index"
	}
	return fmt.Errorf("%w: %s; %s left as it was (see `recruitsearch check --index %s`; `rebuild --force` keeps what can be read: the kept sources, and the index's stored copy of articles no readable source holds)",
		ErrIncomplete, strings.Join(problems, "; "), where, where)
}

// sample names up to three ids.
func sample(ids []string) string {
	if len(ids) > 3 {
		return strings.Join(ids[:3], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// buildFromSources makes a new generation from the kept sources, replayed
// in the order they were first added so article ids come out as they did
// before. A source that cannot be read is left out and named in
// problems.
func (ix *Index) buildFromSources(ctx context.Context) (*generation, []string, error) {
	bi, path, err := ix.newBleveIndex()
	if err != nil {
		return nil, nil, err
	}
	g := &generation{bi: bi, path: path, sources: ix.sources, sourcesName: ix.sourcesName}
	fail := func(err error) (*generation, []string, error) {
		g.discard(ix.sources, ix.dir)
		return nil, nil, err
	}
	w := ix.newWriter(ctx, bi)
	w.rebuilding = true
	var problems []string
	for _, e := range ix.sources.entries() {
		articles, err := ix.loadSource(ctx, e)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fail(err)
		}
		if err != nil {
			problems = append(problems, err.Error()) // it names the source
		}
		if len(articles) == 0 {
			continue
		}
		articles = slices.DeleteFunc(articles, func(a *ingest.Article) bool {
			return slices.Contains(e.Exclude, a.ID)
		})
		staged, err := w.putSource(e, nil, articles)
		if err != nil {
			return fail(err)
		}
		g.kept = append(g.kept, staged)
	}
	w.batch.SetInternal([]byte(keySeq), seqBytes(ix.seq))
	if err := w.flush(); err != nil {
		return fail(err)
	}
	// A rebuild is a bulk load: served from one segment, searches cost
	// less (BENCHMARKS.md, "Compacting after a bulk load").
	if ix.dir != "" {
		if err := compactBleve(ctx, bi); err != nil {
			return fail(err)
		}
	}
	return g, problems, nil
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
	return parseGuarded(ctx, ix.opts.Logger, e.Name, data)
}

// recoverStored brings back articles that live holds but no kept source
// lists, as when a manifest line was cut after its write was
// acknowledged: each is read back from what live stores of it, indexed
// into g and kept from now on as a prebuilt source, recovered/ID.json.
// The stored copy is the parsed article, so a later rebuild cannot
// re-parse it with a newer parser; the original file is gone either way.
// An article that cannot be read back is returned in lost.
func (ix *Index) recoverStored(ctx context.Context, live bleve.Index, g *generation, missing []string) (recovered, lost []string, err error) {
	w := ix.newWriter(ctx, g.bi)
	w.rebuilding = true
	for _, id := range missing {
		a, err := storedArticle(ctx, live, id)
		if err != nil || len(a.Passages) == 0 {
			ix.opts.Logger.Warn("rebuild: an article in no kept source cannot be read back from the index", "article", id, "err", err)
			lost = append(lost, id)
			continue
		}
		data, err := json.Marshal(a)
		if err != nil {
			return nil, nil, err
		}
		sum := checksumOf(data)
		ref, err := ix.sources.put(data, sum)
		if err != nil {
			return nil, nil, err
		}
		e := sourceEntry{Name: "recovered/" + id + ".json", Checksum: sum, Prebuilt: true, Blob: ref, Seq: ix.seq}
		staged, err := w.putSource(e, nil, []*ingest.Article{a})
		if err != nil {
			return nil, nil, err
		}
		g.kept = append(g.kept, staged)
		recovered = append(recovered, id)
	}
	if err := w.flush(); err != nil {
		return nil, nil, err
	}
	return recovered, lost, nil
}

// switchTo makes g the live generation: CURRENT first (so a crash
// leaves the old generation or the new one, whole), then the alias that
// every read goes through. The old generation is closed once no read
// uses it, then removed, with its sources when g has its own.
func (ix *Index) switchTo(g *generation) error {
	if ix.dir != "" {
		root := filepath.Join(ix.dir, "index")
		if err := writeCurrent(root, current{gen: filepath.Base(g.path), sources: g.sourcesName}); err != nil {
			g.discard(ix.sources, ix.dir)
			return err
		}
	}
	ix.swapMu.Lock()
	old, oldPath, oldSources, oldName := ix.cur, ix.curPath, ix.sources, ix.sourcesName
	if old != nil {
		ix.alias.Swap([]bleve.Index{g.bi}, []bleve.Index{old})
		ix.cur, ix.curPath = g.bi, g.path
		ix.gen.Add(1)
	} else {
		ix.install(g.bi, g.path)
	}
	ix.sources, ix.sourcesName = g.sources, g.sourcesName
	ix.swapMu.Unlock()

	// Every read holds swapMu while it uses the index, so none is still
	// on the old one here.
	if old != nil {
		if err := old.Close(); err != nil {
			ix.opts.Logger.Warn("closing replaced index", "err", err)
		}
	}
	if oldPath != "" {
		if err := os.RemoveAll(oldPath); err != nil {
			ix.opts.Logger.Warn("removing replaced index", "path", oldPath, "err", err)
		}
	}
	if oldSources != g.sources {
		ix.retireSources(oldSources, oldName)
	}
	return nil
}

// retireSources closes and removes sources no generation uses any more.
func (ix *Index) retireSources(s sourceStore, name string) {
	if err := s.close(); err != nil {
		ix.opts.Logger.Warn("closing replaced sources", "err", err)
	}
	if ix.dir == "" || name == "" {
		return
	}
	if err := os.RemoveAll(filepath.Join(ix.dir, name)); err != nil {
		ix.opts.Logger.Warn("removing replaced sources", "dir", name, "err", err)
	}
}

// missingArticles lists the articles old holds and built does not.
func missingArticles(ctx context.Context, old, built bleve.Index) ([]string, error) {
	had, err := articleIDsOf(ctx, old)
	if err != nil {
		return nil, err
	}
	has, err := articleIDsOf(ctx, built)
	if err != nil {
		return nil, err
	}
	var missing []string
	for id := range had {
		if !has[id] {
			missing = append(missing, id)
		}
	}
	slices.Sort(missing)
	return missing, nil
}

// articleIDsOf returns the id of every article bi holds.
func articleIDsOf(ctx context.Context, bi bleve.Index) (map[string]bool, error) {
	q := bleve.NewTermQuery(docArticle)
	q.SetField(fieldDoc)
	count, err := bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return nil, err
	}
	res, err := bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, int(count.Total), 0, false))
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(res.Hits))
	for _, h := range res.Hits {
		ids[strings.TrimPrefix(h.ID, metaDocID(""))] = true
	}
	return ids, nil
}
