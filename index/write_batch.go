package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// SourceFile is one source file for IngestFiles.
type SourceFile struct {
	// Name names the file in reports and identifies it in the index: a
	// later file of the same name replaces what this one produced.
	Name string
	// Data is the file's content, used when Read is nil.
	Data []byte
	// Read, when set, returns the content instead of Data. It is called
	// on a parsing goroutine shortly before the file is needed, so a
	// large folder is never all in memory at once.
	Read func() ([]byte, error)
}

// FileResult is what IngestFiles did with one file.
type FileResult struct {
	Name   string
	Report AddReport
	// Err is why the file (or, for JSON lines, some of its lines) was
	// not indexed; nil when all of it was.
	Err error
}

// Limits of one batch in IngestFiles. Each batch costs a sync of the kept
// sources, of the manifest and of Bleve's segment, so the bigger the batch
// the cheaper each file; these keep a batch's memory and the time until
// its files are acknowledged small.
const (
	batchFiles = 256
	batchBytes = 8 << 20
)

// IngestFiles parses files in parallel and indexes them in batches, each
// made durable with one sync, exactly as Ingest would one by one: kept
// sources, unchanged files left alone, changed ones replacing all their
// passages, article ids given out in file order.
//
// ack, if not nil, is called once per file, in file order, only after the
// batch holding the file is durable: an acknowledged file survives a
// crash. A file that cannot be read or parsed is acknowledged with its
// error and the others go on. IngestFiles stops at the first error that
// is not one file's (the context ends, the index cannot be written) and
// returns it; the files of the batch it was writing are acknowledged with
// that error and the files after them are not acknowledged at all.
// The report adds up the acknowledged files. ack runs on the calling
// goroutine without the index's write lock, so it may search the index.
func (ix *Index) IngestFiles(ctx context.Context, files []SourceFile, ack func(FileResult)) (AddReport, error) {
	if ix.opts.ReadOnly {
		return AddReport{}, fmt.Errorf("ingest: %w", ErrReadOnly)
	}
	if ack == nil {
		ack = func(FileResult) {}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	parsed, ahead, wait := parseAll(ctx, ix.opts.Logger, files)
	// Whatever way this returns, the parsers stop and are gone first.
	defer wait()
	defer cancel()

	var total AddReport
	write := func(group []*parsedFile) error {
		results, err := ix.ingestGroup(ctx, group)
		for _, r := range results {
			addReport(&total, r.Report)
			ack(r)
		}
		return err
	}
	var group []*parsedFile
	names := map[string]bool{}
	var bytes, passages int
	for next := range parsed {
		p := <-next
		ahead.release(len(p.data))
		if err := ctx.Err(); err != nil {
			return total, err
		}
		// A file named twice goes into a later batch than its first
		// version, which the second then replaces as it would one by one.
		if names[p.name] {
			if err := write(group); err != nil {
				return total, err
			}
			group, names, bytes, passages = group[:0], map[string]bool{}, 0, 0
		}
		group = append(group, p)
		names[p.name] = true
		bytes += len(p.data)
		for _, a := range p.articles {
			passages += len(a.Passages)
		}
		if len(group) >= batchFiles || bytes >= batchBytes || passages >= batchPassages {
			if err := write(group); err != nil {
				return total, err
			}
			group, names, bytes, passages = group[:0], map[string]bool{}, 0, 0
		}
	}
	if err := ctx.Err(); err != nil {
		return total, err
	}
	return total, write(group)
}

// parsedFile is one file of IngestFiles read and parsed.
type parsedFile struct {
	name     string
	data     []byte
	sum      string
	articles []*ingest.Article
	err      error // reading or parsing; with articles, some JSON lines failed
}

// readAheadBytes bounds the source bytes parsed ahead of the writer:
// parsed articles cost many times their source, and with a window of
// batchFiles files near the size limit a folder cost gigabytes (six 5 MB
// JSON lines files took 971 MB). A variable so tests can lower it.
var readAheadBytes = 16 << 20

// parseAll reads and parses files on up to GOMAXPROCS goroutines, each
// result delivered on its own channel, the channels in file order: the
// caller gets the files in order as soon as each is ready. Only a bounded
// window of files is read ahead: at most batchFiles files, and no new one
// while the files parsed and not yet taken hold readAheadBytes of source;
// the caller releases each file's bytes on ahead as it takes it. wait
// returns once every goroutine has ended; cancel ctx first to stop early.
func parseAll(ctx context.Context, log *slog.Logger, files []SourceFile) (<-chan chan *parsedFile, *readAhead, func()) {
	workers := min(runtime.GOMAXPROCS(0), max(len(files), 1))
	// A batch's worth of files parsed ahead keeps the parsers busy while
	// the previous batch is written.
	window := batchFiles
	order := make(chan chan *parsedFile, window)
	ahead := newReadAhead(ctx, readAheadBytes)
	type job struct {
		file SourceFile
		out  chan *parsedFile
	}
	jobs := make(chan job, workers)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(order)
		defer close(jobs)
		for _, f := range files {
			if !ahead.wait() {
				return
			}
			out := make(chan *parsedFile, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- job{f, out}
		}
	})
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				p := parseFile(ctx, log, j.file)
				ahead.hold(len(p.data))
				j.out <- p
			}
		})
	}
	return order, ahead, func() { wg.Wait(); ahead.stop() }
}

// readAhead counts the source bytes of files parsed and not yet taken by
// the writer. Only the goroutine handing out files waits on it; the
// parsers never do, so the files it waits for always arrive.
type readAhead struct {
	mu          sync.Mutex
	cond        *sync.Cond
	held, limit int
	ctx         context.Context
	stop        func() bool
}

func newReadAhead(ctx context.Context, limit int) *readAhead {
	r := &readAhead{limit: limit, ctx: ctx}
	r.cond = sync.NewCond(&r.mu)
	r.stop = context.AfterFunc(ctx, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.cond.Broadcast()
	})
	return r
}

// wait blocks while the bytes held reach the limit; false means ctx ended.
func (r *readAhead) wait() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.held >= r.limit && r.ctx.Err() == nil {
		r.cond.Wait()
	}
	return r.ctx.Err() == nil
}

func (r *readAhead) hold(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held += n
}

func (r *readAhead) release(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held -= n
	r.cond.Broadcast()
}

// parseFile reads and parses one file as Ingest does.
func parseFile(ctx context.Context, log *slog.Logger, f SourceFile) *parsedFile {
	p := &parsedFile{name: f.Name, data: f.Data}
	if err := ctx.Err(); err != nil {
		p.err = err
		return p
	}
	if f.Read != nil {
		data, err := f.Read()
		if err != nil {
			p.err = pathErr(f.Name, err)
			return p
		}
		p.data = data
	}
	p.articles, p.err = parseGuarded(ctx, log, f.Name, p.data)
	if len(p.articles) == 0 {
		if p.err == nil {
			p.err = &ingest.FileError{Name: f.Name, Err: ingest.ErrNoArticle}
		}
		p.data = nil
		return p
	}
	p.sum = checksumOf(p.data)
	return p
}

// errParserFailed: the parser failed on a file (a bug, logged with its
// trace); the file is refused and the others go on.
var errParserFailed = errors.New("the parser failed on this file (an internal error; please report it with the file)")

// parseGuarded is ingest.Parse with a panic turned into an error for this
// file: it runs on a parsing goroutine, where a panic would end the
// process and lose the batch being written.
func parseGuarded(ctx context.Context, log *slog.Logger, name string, data []byte) (articles []*ingest.Article, err error) {
	defer func() {
		if v := recover(); v != nil {
			log.Error("panic parsing a file", "file", name, "panic", v, "stack", string(debug.Stack()))
			articles, err = nil, &ingest.FileError{Name: name, Err: errParserFailed}
		}
	}()
	return ingest.ParseContext(ctx, name, data, ingest.Options{})
}

// pathErr names the file in a read error unless the error (an
// *fs.PathError from os.ReadFile, an *ingest.FileError) already does.
func pathErr(name string, err error) error {
	var pe *fs.PathError
	var fe *ingest.FileError
	if errors.As(err, &pe) || errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// ingestGroup indexes parsed files as one durable batch and returns what
// happened to each, to be acknowledged once the write lock is released
// (so an ack may search, or even write, without deadlock). When the batch
// cannot be written, the files in it carry the error, which is also
// returned.
func (ix *Index) ingestGroup(ctx context.Context, group []*parsedFile) ([]FileResult, error) {
	if len(group) == 0 {
		return nil, nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.writable(); err != nil {
		return nil, err
	}
	w := ix.newWriter(ctx, ix.cur)
	results := make([]FileResult, 0, len(group))
	// durable counts the results whose files are durable already:
	// putSource flushes by itself when the batch holds many passages
	// (deletions of replaced ones count too).
	durable := 0
	fail := func(err error) ([]FileResult, error) {
		for i := durable; i < len(results); i++ {
			results[i].Err = errors.Join(err, results[i].Err)
			results[i].Report = AddReport{}
		}
		return results, err
	}
	for _, p := range group {
		r := FileResult{Name: p.name, Err: p.err}
		if len(p.articles) > 0 {
			before := w.report
			_, err := w.putSource(sourceEntry{Name: p.name, Checksum: p.sum}, p.data, p.articles)
			r.Report = subReport(w.report, before)
			if err != nil {
				results = append(results, r)
				return fail(err)
			}
		}
		results = append(results, r)
		if w.flushed() {
			durable = len(results)
		}
	}
	if err := w.flush(); err != nil {
		return fail(err)
	}
	return results, nil
}

func addReport(to *AddReport, r AddReport) {
	to.Added += r.Added
	to.Replaced += r.Replaced
	to.Unchanged += r.Unchanged
	to.Passages += r.Passages
}

func subReport(after, before AddReport) AddReport {
	return AddReport{
		Added:     after.Added - before.Added,
		Replaced:  after.Replaced - before.Replaced,
		Unchanged: after.Unchanged - before.Unchanged,
		Passages:  after.Passages - before.Passages,
	}
}
