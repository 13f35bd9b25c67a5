package index

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// batchPassages is how many passages go into one Bleve batch when many
// articles are added at once: large enough to amortise a segment, small
// enough to bound memory.
const batchPassages = 5000

// Ingest parses one source file with ingest.Parse, keeps its bytes and
// indexes its articles, replacing everything an earlier version of the
// same source produced. An unchanged source changes nothing. For JSON
// lines, good lines are indexed and the bad ones returned as errors
// alongside the report. To ingest many files, IngestFiles is far faster.
func (ix *Index) Ingest(ctx context.Context, name string, data []byte) (AddReport, error) {
	if ix.opts.ReadOnly {
		return AddReport{}, fmt.Errorf("ingest %s: %w", name, ErrReadOnly)
	}
	var res *FileResult
	_, err := ix.IngestFiles(ctx, []SourceFile{{Name: name, Data: data}}, func(r FileResult) { res = &r })
	if res == nil {
		return AddReport{}, err
	}
	return res.Report, res.Err
}

// Add indexes articles built elsewhere (each kept as its JSON so a rebuild
// restores it). An article replaces an earlier one added with the same id.
func (ix *Index) Add(ctx context.Context, articles []*ingest.Article) (AddReport, error) {
	if ix.opts.ReadOnly {
		return AddReport{}, fmt.Errorf("add: %w", ErrReadOnly)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return AddReport{}, err
	}
	w := ix.newWriter(ctx, ix.cur)
	for i, a := range articles {
		if a == nil || strings.TrimSpace(a.ID) == "" {
			return w.report, fmt.Errorf("add: article %d has no id", i+1)
		}
		data, err := json.Marshal(a)
		if err != nil {
			return w.report, fmt.Errorf("add: article %s: %w", a.ID, err)
		}
		e := sourceEntry{Name: addedSourceName(a.ID), Checksum: checksumOf(data), Prebuilt: true}
		if _, err := w.putSource(e, data, []*ingest.Article{a}); err != nil {
			return w.report, err
		}
	}
	return w.report, w.flush()
}

// HasSource reports whether an article ingested from the source kept
// under name is in the index: false once the source was removed, each of
// its articles deleted, or a rebuild from other files left it out.
func (ix *Index) HasSource(name string) bool {
	e, ok := ix.sources.lookup(name)
	return ok && len(e.Articles) > 0
}

func addedSourceName(id string) string { return "article:" + id }

// Delete removes an article and every passage of it. A rebuild does not
// bring it back.
func (ix *Index) Delete(ctx context.Context, articleID string) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("delete %s: %w", articleID, ErrReadOnly)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return err
	}
	meta, err := getMeta(ix.cur, articleID)
	if err != nil {
		return fmt.Errorf("delete %s: %w", articleID, err)
	}
	if meta == nil {
		return fmt.Errorf("article %q: %w", articleID, ErrNotFound)
	}
	src, found := ix.sources.lookup(meta.SourceName)
	w := ix.newWriter(ctx, ix.cur)
	w.deleteArticle(meta)
	entry := sourceEntry{Name: meta.SourceName, Removed: true}
	if found {
		entry = src
		entry.Articles = without(entry.Articles, articleID)
		entry.Exclude = append(entry.Exclude, articleID)
		if len(entry.Articles) == 0 {
			entry = sourceEntry{Name: meta.SourceName, Removed: true}
		}
	}
	w.setSource(entry)
	return w.flush()
}

func (ix *Index) writable() error {
	if ix.closed {
		return errClosed
	}
	return nil
}

// writer accumulates one logical write as Bleve batches and manifest
// lines; the manifest line for a source is recorded before the batch that
// indexes it, so the kept sources always cover what the index holds.
type writer struct {
	ix      *Index
	ctx     context.Context
	bi      bleve.Index
	batch   *bleve.Batch
	pending []sourceEntry
	n       int // passages in batch
	report  AddReport
	// assigned maps article ids given out during this write to their
	// source, so two new articles never share an id.
	assigned map[string]string
	// rebuilding skips the unchanged check and the old-version lookups:
	// the target index starts empty.
	rebuilding bool
	// shared analyses each text of a passage once for all its fields.
	shared *sharedAnalysis
}

func (ix *Index) newWriter(ctx context.Context, bi bleve.Index) *writer {
	return &writer{ix: ix, ctx: ctx, bi: bi, batch: bi.NewBatch(), assigned: map[string]string{}, shared: newSharedAnalysis(bi.Mapping())}
}

// putSource keeps data as the source entry describes (its name, checksum,
// whether it is prebuilt and, on a rebuild, where its bytes already are
// and which articles are excluded) and stages its articles in place of
// whatever the source produced before. It returns the manifest entry it
// staged.
func (w *writer) putSource(entry sourceEntry, data []byte, articles []*ingest.Article) (sourceEntry, error) {
	entry.Articles, entry.Removed = nil, false
	name, sum := entry.Name, entry.Checksum
	if err := w.ctx.Err(); err != nil {
		return entry, err
	}
	var prev *sourceEntry
	if !w.rebuilding {
		if e, ok := w.ix.sources.lookup(name); ok {
			prev = &e
		}
		if prev != nil && prev.Checksum == sum && len(prev.Exclude) == 0 {
			held, err := w.holds(prev)
			if err != nil {
				return entry, fmt.Errorf("%s: %w", name, err)
			}
			if held {
				w.report.Unchanged += len(prev.Articles)
				return *prev, nil
			}
		}
		ref, err := w.ix.sources.put(data, sum)
		if err != nil {
			return entry, fmt.Errorf("%s: %w", name, err)
		}
		entry.Blob = ref
	}
	// Only an article the index holds is replaced: after a crash the
	// manifest may name articles whose batch never landed, which were
	// never acknowledged.
	before := map[string]bool{}
	if prev != nil {
		for _, id := range prev.Articles {
			meta, err := getMeta(w.bi, id)
			if err != nil {
				return entry, fmt.Errorf("%s: %w", name, err)
			}
			if meta != nil && meta.SourceName == name {
				before[id] = true
				w.deleteArticle(meta)
			}
		}
	}
	placed := make([]*ingest.Article, len(articles))
	for i, orig := range articles {
		a, err := w.place(name, orig)
		if err != nil {
			return entry, err
		}
		placed[i] = a
		entry.Articles = append(entry.Articles, a.ID)
	}
	// The manifest line goes first, so that a source of many articles (a
	// JSON lines file) can be indexed in several batches: one Bleve batch
	// of 37,000 articles took a gigabyte.
	w.setSource(entry)
	for i, a := range placed {
		if before[a.ID] {
			w.report.Replaced++
		} else {
			w.report.Added++
		}
		w.indexArticle(name, a)
		placed[i] = nil // indexed: its copy can go
		if w.n >= batchPassages {
			if err := w.betweenBatches(); err != nil {
				return entry, err
			}
			if err := w.flush(); err != nil {
				return entry, err
			}
		}
	}
	return entry, nil
}

// betweenBatches stops a rebuild, or the index Replace builds aside,
// when its context has ended: one source of many articles (a JSON lines
// file) is several batches, each seconds of indexing on a loaded machine,
// and a SIGTERM must stop it within the README's 10 s. Whatever it built
// is discarded. A write to the live index goes on to the end of the
// source, so that what it leaves is a whole write or none.
func (w *writer) betweenBatches() error {
	if !w.rebuilding && !w.ix.staged {
		return nil
	}
	return w.ctx.Err()
}

// holds reports whether the index holds every article the manifest says
// e produced. The manifest line is written before the batch that indexes
// the source, so after a failed batch or a crash it may say more than the
// index holds; such a source is not unchanged.
func (w *writer) holds(e *sourceEntry) (bool, error) {
	for _, id := range e.Articles {
		meta, err := getMeta(w.bi, id)
		if err != nil {
			return false, err
		}
		if meta == nil || meta.SourceName != e.Name {
			return false, nil
		}
	}
	return true, nil
}

// place copies an article, gives it an id no other source holds (adding
// "-2", "-3"… to its own) and numbers its passages.
func (w *writer) place(owner string, orig *ingest.Article) (*ingest.Article, error) {
	a := *orig
	a.Passages = append([]ingest.Passage(nil), orig.Passages...)
	base := strings.TrimSpace(a.ID)
	if base == "" {
		base = "article"
	}
	id := base
	for n := 2; ; n++ {
		free, err := w.free(owner, id)
		if err != nil {
			return nil, err
		}
		if free {
			break
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
	w.assigned[id] = owner
	a.Place(id)
	return &a, nil
}

// free reports whether owner may use id: nobody else has it, in this
// write or in the index.
func (w *writer) free(owner, id string) (bool, error) {
	if _, taken := w.assigned[id]; taken {
		return false, nil
	}
	meta, err := getMeta(w.bi, id)
	if err != nil {
		return false, err
	}
	return meta == nil || meta.SourceName == owner, nil
}

func (w *writer) indexArticle(source string, a *ingest.Article) {
	named := mentions(a)
	for i := range a.Passages {
		p := &a.Passages[i]
		doc := w.ix.encodePassage(p)
		withMentions(doc, named[i])
		// Mapping only fails for unmappable values; a map of strings has none.
		fireIndexEvent(w.bi)
		if d, err := w.shared.document(w.bi.Mapping(), p.ID, doc); err == nil {
			_ = w.batch.IndexAdvanced(d)
		}
	}
	meta := articleMeta{Article: *a, PassageCount: len(a.Passages), SourceName: source}
	meta.Passages = nil
	_ = w.batch.Index(metaDocID(a.ID), metaFields(&meta))
	w.n += len(a.Passages)
	w.report.Passages += len(a.Passages)
}

func (w *writer) deleteArticle(meta *articleMeta) {
	for i := 1; i <= meta.PassageCount; i++ {
		w.batch.Delete(ingest.PassageID(meta.ID, i))
	}
	w.batch.Delete(metaDocID(meta.ID))
	w.n += meta.PassageCount
}

// setSource stages a manifest line, recorded at the next flush.
func (w *writer) setSource(e sourceEntry) {
	w.pending = append(w.pending, e)
}

// flushed reports whether everything staged so far is durable: a source
// of many articles is flushed in parts, its manifest line with the first.
func (w *writer) flushed() bool {
	return len(w.pending) == 0 && w.batch.Size() == 0
}

// flush records the staged manifest lines, then applies the batch. Both
// carry the write's number, so that lines whose batch never landed (a
// crash between the two) are recognised and dropped at the next open;
// when the batch fails here, its lines are dropped at once.
func (w *writer) flush() error {
	if len(w.pending) == 0 && w.batch.Size() == 0 {
		return nil
	}
	if w.rebuilding {
		if err := w.bi.Batch(w.batch); err != nil {
			return fmt.Errorf("indexing: %w", err)
		}
	} else if err := w.commit(); err != nil {
		return err
	}
	w.ix.gen.Add(1)
	if w.ix.opts.afterBatch != nil {
		w.ix.opts.afterBatch()
	}
	w.pending = w.pending[:0]
	w.batch = w.bi.NewBatch() // not Reset: Bleve may still be reading the old batch's map (a delete after its last update)
	w.n = 0
	return nil
}

// commit records the pending manifest lines and applies the batch as
// write number seq+1.
func (w *writer) commit() error {
	seq := w.ix.seq + 1
	for i := range w.pending {
		w.pending[i].Seq = seq
	}
	w.batch.SetInternal([]byte(keySeq), seqBytes(seq))
	mark := w.ix.sources.mark()
	// A failed append may leave part of a line, a failed batch whole
	// lines; either way nothing was acknowledged, so they go.
	undo := func(err error) error {
		if uerr := w.ix.sources.undo(mark); uerr != nil {
			w.ix.opts.Logger.Error("dropping the manifest lines of a failed write", "err", uerr)
		}
		return err
	}
	if err := w.ix.sources.record(w.pending...); err != nil {
		return undo(err)
	}
	if err := w.bi.Batch(w.batch); err != nil {
		return undo(fmt.Errorf("indexing: %w", err))
	}
	w.ix.seq = seq
	return nil
}

// keySeq holds the number of the last write Bleve holds.
const keySeq = "meta/seq"

func seqBytes(seq uint64) []byte { return strconv.AppendUint(nil, seq, 10) }

// committedSeq reads the number of the last write bi holds; 0 for an
// index from before writes were numbered.
func committedSeq(bi bleve.Index) (uint64, error) {
	v, err := bi.GetInternal([]byte(keySeq))
	if err != nil || len(v) == 0 {
		return 0, err
	}
	n, err := strconv.ParseUint(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("write number %q: %w", v, err)
	}
	return n, nil
}

func without(ids []string, id string) []string {
	out := make([]string, 0, len(ids))
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}
