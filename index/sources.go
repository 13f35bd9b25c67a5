package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// sourceEntry is what the index keeps about one source: the file (or added
// article) it was built from. The manifest holds one line per change;
// the latest line for a name wins.
type sourceEntry struct {
	Name     string   `json:"name"`
	Checksum string   `json:"sha256,omitempty"`
	Articles []string `json:"articles,omitempty"`
	// Exclude lists articles of the source that were deleted one by one;
	// a rebuild leaves them out.
	Exclude []string `json:"exclude,omitempty"`
	// Prebuilt is true when the kept bytes are an ingest.Article as JSON
	// (given to Add), not a file for ingest.Parse.
	Prebuilt bool `json:"prebuilt,omitempty"`
	Removed  bool `json:"removed,omitempty"`
	// Blob says where the kept bytes are; empty for sources kept before
	// packs, whose bytes are in blobs/<checksum>, and in memory.
	Blob blobRef `json:"blob,omitzero"`
	// Seq numbers the write that recorded the line; Bleve keeps the seq
	// of the last write it holds, so lines above it after a crash belong
	// to a write that never completed and are dropped.
	Seq uint64 `json:"seq,omitempty"`
}

// blobRef locates one kept source in a pack file: Size bytes at Offset,
// a zstd frame of the source's bytes.
type blobRef struct {
	Pack   string `json:"pack,omitempty"`
	Offset int64  `json:"offset,omitempty"`
	Size   int64  `json:"size,omitempty"`
}

// sourceStore keeps the bytes of every source an index was built from, so
// the index can always be rebuilt from them.
type sourceStore interface {
	// put keeps data, whose checksum (hex SHA-256) is sum, and says
	// where. The bytes are durable once the record call that follows
	// returns.
	put(data []byte, sum string) (blobRef, error)
	// get returns the bytes kept for e.
	get(e sourceEntry) ([]byte, error)
	// record makes the bytes put so far durable, then appends changes to
	// the manifest.
	record(entries ...sourceEntry) error
	// mark notes the manifest as it is, for undo.
	mark() int64
	// undo drops what was recorded since mark: the write it belonged to
	// failed, so nothing of it was acknowledged.
	undo(mark int64) error
	// rollbackAfter drops the manifest lines of writes numbered above
	// committed, which Bleve never received.
	rollbackAfter(committed uint64) error
	// maxSeq is the highest write number in the manifest.
	maxSeq() uint64
	// problems describes what in the manifest could not be read.
	problems() []string
	// lookup returns the latest entry for a live source.
	lookup(name string) (sourceEntry, bool)
	// entries returns the live sources in the order they were first added,
	// which a rebuild replays so article id collisions resolve the same way.
	entries() []sourceEntry
	// compact rewrites the manifest as entries and drops unused bytes.
	compact(entries []sourceEntry) error
	size() int64
	// close makes everything put durable and releases open files.
	close() error
}

func checksumOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// manifestState is the replayed manifest, shared by both stores.
type manifestState struct {
	mu     sync.Mutex
	order  []string // names in order of first appearance
	latest map[string]sourceEntry
	seq    uint64 // the highest Seq applied
	bad    []string
}

func newManifestState() manifestState {
	return manifestState{latest: map[string]sourceEntry{}}
}

func (m *manifestState) apply(e sourceEntry) {
	m.seq = max(m.seq, e.Seq)
	if _, seen := m.latest[e.Name]; !seen {
		m.order = append(m.order, e.Name)
	}
	m.latest[e.Name] = e
}

func (m *manifestState) lookup(name string) (sourceEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.latest[name]
	if !ok || e.Removed {
		return sourceEntry{}, false
	}
	return e, true
}

func (m *manifestState) live() []sourceEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]sourceEntry, 0, len(m.order))
	for _, name := range m.order {
		if e := m.latest[name]; !e.Removed {
			out = append(out, e)
		}
	}
	return out
}

func (m *manifestState) reset(entries []sourceEntry) {
	m.order = m.order[:0]
	m.latest = make(map[string]sourceEntry, len(entries))
	m.seq = 0
	m.bad = nil
	for _, e := range entries {
		m.apply(e)
	}
}

func (m *manifestState) maxSeq() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.seq
}

func (m *manifestState) problems() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.bad)
}

// memSources keeps sources in memory, for OpenMemory.
type memSources struct {
	manifestState
	blobs map[string][]byte
	log   []sourceEntry // every recorded entry, for undo
}

func newMemSources() *memSources {
	return &memSources{manifestState: newManifestState(), blobs: map[string][]byte{}}
}

func (s *memSources) put(data []byte, sum string) (blobRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.blobs[sum]; !ok {
		s.blobs[sum] = bytes.Clone(data)
	}
	return blobRef{}, nil
}

func (s *memSources) get(e sourceEntry) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.blobs[e.Checksum]
	if !ok {
		return nil, fmt.Errorf("kept source %s: %w", e.Name, fs.ErrNotExist)
	}
	return data, nil
}

func (s *memSources) record(entries ...sourceEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		s.apply(e)
	}
	s.log = append(s.log, entries...)
	return nil
}

func (s *memSources) mark() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int64(len(s.log))
}

func (s *memSources) undo(mark int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = s.log[:mark]
	s.reset(s.log)
	return nil
}

// rollbackAfter has nothing to do: a memory index never outlives a crash.
func (s *memSources) rollbackAfter(uint64) error { return nil }

func (s *memSources) entries() []sourceEntry { return s.live() }

func (s *memSources) compact(entries []sourceEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reset(entries)
	s.log = slices.Clone(entries)
	used := map[string]bool{}
	for _, e := range entries {
		used[e.Checksum] = true
	}
	for sum := range s.blobs {
		if !used[sum] {
			delete(s.blobs, sum)
		}
	}
	return nil
}

func (s *memSources) close() error { return nil }

func (s *memSources) size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, b := range s.blobs {
		n += int64(len(b))
	}
	return n
}

// dirSources keeps sources under dir/sources: the bytes in pack files
// (packs/NNNNNN.pack, each source one zstd frame, appended) and the
// manifest in manifest.jsonl, one JSON line per change naming where each
// source's bytes are. One pack per file would cost a file creation per
// source, which on a bulk load of small articles took longer than
// indexing them; a pack costs one append and one fsync per batch.
// Indexes made before packs keep their bytes in blobs/<sha256>, still
// read.
type dirSources struct {
	manifestState
	dir      string
	readOnly bool
	log      *slog.Logger
	// manifestSynced says the manifest's directory entry is durable.
	manifestSynced bool
	// limit, when set, leaves out manifest lines of writes numbered
	// above it (check reads the manifest as the index's writer will).
	limit uint64
	// openFile opens the packs and the manifest for writing; tests
	// replace it to fill the disk.
	openFile func(name string, flag int, perm os.FileMode) (appendFile, error)

	// pack is the pack being appended to, opened on the first put;
	// packSize its length; dirty says it holds bytes not yet synced.
	pack     appendFile
	packName string
	packSize int64
	dirty    bool
	nextPack int
}

const (
	manifestName = "manifest.jsonl"
	packsDir     = "packs"
	packExt      = ".pack"
	// maxPackBytes starts a new pack once one is this large.
	maxPackBytes = 256 << 20
)

// zstd coders shared by every store: EncodeAll and DecodeAll are safe for
// concurrent use. SpeedFastest compresses article JSON about 5 to 1 at
// several hundred MB/s.
var (
	zstdEncoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	zstdDecoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
)

func openDirSources(dir string, readOnly bool, log *slog.Logger) (*dirSources, error) {
	s := &dirSources{manifestState: newManifestState(), dir: dir, readOnly: readOnly, log: log, openFile: openOSFile}
	if !readOnly {
		if err := os.MkdirAll(filepath.Join(dir, packsDir), 0o755); err != nil {
			return nil, fmt.Errorf("kept sources: %w", err)
		}
		if err := errors.Join(syncDir(dir), syncDir(filepath.Dir(dir))); err != nil {
			return nil, fmt.Errorf("kept sources: %w", err)
		}
	}
	packs, err := os.ReadDir(filepath.Join(dir, packsDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("kept sources: %w", err)
	}
	for _, p := range packs {
		if n, err := strconv.Atoi(strings.TrimSuffix(p.Name(), packExt)); err == nil && n >= s.nextPack {
			s.nextPack = n + 1
		}
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	return s, nil
}

// appendFile is a file the store appends to.
type appendFile interface {
	io.Writer
	Sync() error
	Close() error
}

func openOSFile(name string, flag int, perm os.FileMode) (appendFile, error) {
	return os.OpenFile(name, flag, perm)
}

func (s *dirSources) manifestPath() string { return filepath.Join(s.dir, manifestName) }

// load replays the manifest. A last line cut short by a crash (no
// newline at the end) was never acknowledged: a writer cuts it off
// before appending, so the next line cannot be glued to it; a reader
// leaves it and reports it. A bad line elsewhere is reported too.
func (s *dirSources) load() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loadLocked()
}

func (s *dirSources) loadLocked() error {
	s.reset(nil)
	f, err := os.Open(s.manifestPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kept sources: %w", err)
	}
	defer f.Close()
	good, err := eachLine(f, func(line int, _ int64, data []byte) {
		var e sourceEntry
		if err := json.Unmarshal(data, &e); err != nil || e.Name == "" {
			s.bad = append(s.bad, fmt.Sprintf("%s line %d is not a manifest entry", manifestName, line))
			return
		}
		if s.limit == 0 || e.Seq <= s.limit {
			s.apply(e)
		}
	})
	if err != nil {
		return fmt.Errorf("kept sources: reading %s: %w", manifestName, err)
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil || size == good {
		return err
	}
	return s.cutTornTail(good, size)
}

// cutTornTail deals with a manifest whose last size-good bytes are a
// line with no end. One whole but for its newline is kept.
func (s *dirSources) cutTornTail(good, size int64) error {
	tail := make([]byte, size-good)
	if err := readAt(s.manifestPath(), tail, good); err != nil {
		return fmt.Errorf("kept sources: %w", err)
	}
	var e sourceEntry
	if json.Unmarshal(tail, &e) == nil && e.Name != "" {
		s.apply(e)
		if s.readOnly {
			return nil
		}
		return s.appendManifest([]byte("\n"))
	}
	if s.readOnly {
		s.bad = append(s.bad, fmt.Sprintf("%s ends in a line cut short (%d bytes at offset %d): a write that did not complete",
			manifestName, size-good, good))
		return nil
	}
	s.log.Warn("kept sources: cutting off the end of a write that did not complete",
		"manifest", s.manifestPath(), "offset", good, "bytes", size-good)
	return s.truncateManifest(good)
}

func (s *dirSources) truncateManifest(size int64) error {
	f, err := os.OpenFile(s.manifestPath(), os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) && size == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	return syncClose(f, f.Truncate(size))
}

// syncClose syncs and closes f after an operation that returned err,
// keeping the first error, named as the manifest's.
func syncClose(f interface {
	Sync() error
	Close() error
}, err error) error {
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	return nil
}

func readAt(path string, buf []byte, offset int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.ReadAt(buf, offset)
	return err
}

// readAsOf replays the manifest without the lines of writes numbered
// above committed, leaving the file as it is, and reports those lines.
func (s *dirSources) readAsOf(committed uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seq <= committed {
		return nil
	}
	s.limit = committed
	if err := s.loadLocked(); err != nil {
		return err
	}
	s.bad = append(s.bad, fmt.Sprintf("%s ends in the lines of a write the index never received (a crash): the next writer drops them", manifestName))
	return nil
}

// eachLine calls f with every complete (newline-ended, non-blank) line of
// r, numbered from 1, with its offset, and returns the offset just past
// the last newline: what follows it is a line cut short.
func eachLine(r io.Reader, f func(line int, offset int64, data []byte)) (int64, error) {
	br := bufio.NewReaderSize(r, 64*1024)
	var offset int64
	for line := 1; ; line++ {
		data, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A long line: gather it whole.
			full := bytes.Clone(data)
			for errors.Is(err, bufio.ErrBufferFull) {
				data, err = br.ReadSlice('\n')
				full = append(full, data...)
			}
			data = full
		}
		if errors.Is(err, io.EOF) {
			return offset, nil
		}
		if err != nil {
			return offset, err
		}
		if len(bytes.TrimSpace(data)) > 0 {
			f(line, offset, data)
		}
		offset += int64(len(data))
	}
}

// rollbackAfter cuts the manifest before the first line of a write
// numbered above committed. Writes are numbered in the order they are
// appended, so those lines are the manifest's tail.
func (s *dirSources) rollbackAfter(committed uint64) error {
	if s.readOnly {
		return s.readAsOf(committed)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seq <= committed {
		return nil
	}
	f, err := os.Open(s.manifestPath())
	if err != nil {
		return fmt.Errorf("kept sources: %w", err)
	}
	cut, lines := int64(-1), 0
	_, err = eachLine(f, func(_ int, offset int64, data []byte) {
		var e sourceEntry
		if json.Unmarshal(data, &e) == nil && e.Seq > committed {
			lines++
			if cut < 0 {
				cut = offset
			}
		}
	})
	f.Close()
	if err != nil {
		return fmt.Errorf("kept sources: %w", err)
	}
	s.log.Warn("kept sources: dropping the lines of a write the index never received",
		"manifest", s.manifestPath(), "lines", lines, "index_seq", committed)
	if err := s.truncateManifest(cut); err != nil {
		return err
	}
	return s.loadLocked()
}

func (s *dirSources) blobPath(sum string) string {
	return filepath.Join(s.dir, "blobs", sum)
}

func (s *dirSources) packPath(name string) string {
	return filepath.Join(s.dir, packsDir, name)
}

// put appends data, compressed, to the current pack. It is not synced
// here: record syncs the pack once before the manifest lines that refer
// to it.
func (s *dirSources) put(data []byte, _ string) (blobRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appendLocked(zstdEncoder.EncodeAll(data, nil))
}

// appendLocked appends one compressed blob to the current pack, starting
// a new pack when there is none or it is full. The caller holds s.mu.
func (s *dirSources) appendLocked(frame []byte) (blobRef, error) {
	if s.pack != nil && s.packSize >= maxPackBytes {
		if err := s.closePackLocked(); err != nil {
			return blobRef{}, err
		}
	}
	if s.pack == nil {
		name := fmt.Sprintf("%06d%s", s.nextPack, packExt)
		f, err := s.openFile(s.packPath(name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return blobRef{}, fmt.Errorf("keeping source: %w", err)
		}
		if err := syncDir(filepath.Join(s.dir, packsDir)); err != nil {
			f.Close()
			return blobRef{}, fmt.Errorf("keeping source: %w", err)
		}
		s.nextPack++
		s.pack, s.packName, s.packSize = f, name, 0
	}
	if n, err := s.pack.Write(frame); err != nil {
		// What was written stays in the pack, unreferenced; the next
		// frame goes after it.
		s.packSize += int64(n)
		return blobRef{}, fmt.Errorf("keeping source: %w", err)
	}
	ref := blobRef{Pack: s.packName, Offset: s.packSize, Size: int64(len(frame))}
	s.packSize += int64(len(frame))
	s.dirty = true
	return ref, nil
}

// syncPackLocked makes what was appended to the pack durable.
func (s *dirSources) syncPackLocked() error {
	if s.pack == nil || !s.dirty {
		return nil
	}
	if err := s.pack.Sync(); err != nil {
		return fmt.Errorf("keeping sources: %w", err)
	}
	s.dirty = false
	return nil
}

func (s *dirSources) closePackLocked() error {
	if s.pack == nil {
		return nil
	}
	err := s.syncPackLocked()
	if cerr := s.pack.Close(); err == nil {
		err = cerr
	}
	s.pack, s.packName, s.packSize = nil, "", 0
	return err
}

// close syncs and closes the current pack.
func (s *dirSources) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closePackLocked()
}

func (s *dirSources) get(e sourceEntry) ([]byte, error) {
	if e.Blob.Pack == "" {
		data, err := os.ReadFile(s.blobPath(e.Checksum))
		if err != nil {
			return nil, fmt.Errorf("kept source %s: %w", e.Name, err)
		}
		return data, nil
	}
	frame, err := s.readFrame(e.Blob)
	if err != nil {
		return nil, fmt.Errorf("kept source %s: %w", e.Name, err)
	}
	data, err := zstdDecoder.DecodeAll(frame, nil)
	if err != nil {
		return nil, fmt.Errorf("kept source %s: %s at %d: %w", e.Name, e.Blob.Pack, e.Blob.Offset, err)
	}
	if e.Checksum != "" && checksumOf(data) != e.Checksum {
		return nil, fmt.Errorf("kept source %s: %s at %d does not match its checksum", e.Name, e.Blob.Pack, e.Blob.Offset)
	}
	return data, nil
}

// readFrame reads a blob's compressed bytes as they are in its pack.
func (s *dirSources) readFrame(ref blobRef) ([]byte, error) {
	if strings.ContainsAny(ref.Pack, `/\`) || ref.Size < 0 || ref.Offset < 0 {
		return nil, fmt.Errorf("bad pack reference %+v", ref)
	}
	f, err := os.Open(s.packPath(ref.Pack))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	frame := make([]byte, ref.Size)
	if _, err := f.ReadAt(frame, ref.Offset); err != nil {
		return nil, fmt.Errorf("%s at %d: %w", ref.Pack, ref.Offset, err)
	}
	return frame, nil
}

func (s *dirSources) record(entries ...sourceEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The bytes first, then the lines that refer to them.
	if err := s.syncPackLocked(); err != nil {
		return err
	}
	if err := s.appendManifest(buf.Bytes()); err != nil {
		return err
	}
	for _, e := range entries {
		s.apply(e)
	}
	return nil
}

// appendManifest appends data to the manifest and syncs it.
func (s *dirSources) appendManifest(data []byte) error {
	f, err := s.openFile(s.manifestPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	if !s.manifestSynced {
		// The file may be new: its directory entry must be durable too.
		if err := syncDir(s.dir); err != nil {
			f.Close()
			return err
		}
		s.manifestSynced = true
	}
	_, err = f.Write(data)
	return syncClose(f, err)
}

func (s *dirSources) entries() []sourceEntry { return s.live() }

func (s *dirSources) mark() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	info, err := os.Stat(s.manifestPath())
	if err != nil {
		return 0
	}
	return info.Size()
}

func (s *dirSources) undo(mark int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.truncateManifest(mark); err != nil {
		return err
	}
	return s.loadLocked()
}

// compact copies the bytes of entries into a fresh pack, rewrites the
// manifest as entries and removes every older pack and blob. Packs hold
// the bytes of replaced and deleted sources until then.
func (s *dirSources) compact(entries []sourceEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closePackLocked(); err != nil {
		return err
	}
	moved := make([]sourceEntry, len(entries))
	for i, e := range entries {
		frame, err := s.frameOf(e)
		if err != nil {
			return err
		}
		if e.Blob, err = s.appendLocked(frame); err != nil {
			return err
		}
		moved[i] = e
	}
	keep := s.packName
	if err := s.closePackLocked(); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range moved {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(filepath.Join(s.dir, manifestName), buf.Bytes(), true); err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	s.reset(moved)
	s.manifestSynced = true
	return s.removeUnusedPacks(keep)
}

// removeUnusedPacks removes every pack but keep and the blobs of indexes
// from before packs, once the manifest names none of them. What cannot
// be removed only costs disk space, so it is logged, not returned.
func (s *dirSources) removeUnusedPacks(keep string) error {
	packs, err := os.ReadDir(filepath.Join(s.dir, packsDir))
	if err != nil {
		s.log.Warn("kept sources: listing packs to remove", "err", err)
	}
	for _, p := range packs {
		if p.Name() == keep {
			continue
		}
		if err := os.Remove(s.packPath(p.Name())); err != nil {
			s.log.Warn("kept sources: removing an unused pack", "pack", p.Name(), "err", err)
		}
	}
	if err := os.RemoveAll(filepath.Join(s.dir, "blobs")); err != nil {
		s.log.Warn("kept sources: removing old blobs", "err", err)
	}
	return syncDir(filepath.Join(s.dir, packsDir))
}

// frameOf returns e's bytes as a compressed frame, reading them from a
// pack as they are or compressing a blob kept before packs.
func (s *dirSources) frameOf(e sourceEntry) ([]byte, error) {
	if e.Blob.Pack != "" {
		frame, err := s.readFrame(e.Blob)
		if err != nil {
			return nil, fmt.Errorf("kept source %s: %w", e.Name, err)
		}
		return frame, nil
	}
	data, err := os.ReadFile(s.blobPath(e.Checksum))
	if err != nil {
		return nil, fmt.Errorf("kept source %s: %w", e.Name, err)
	}
	return zstdEncoder.EncodeAll(data, nil), nil
}

func (s *dirSources) size() int64 { return dirSize(s.dir) }

// writeFileAtomic writes data to path through a temporary file and a
// rename, so a reader sees the old content or the new, never a part.
func writeFileAtomic(path string, data []byte, sync bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if sync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if sync {
		return syncDir(filepath.Dir(path))
	}
	return nil
}

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			n += info.Size()
		}
		return nil
	})
	return n
}
