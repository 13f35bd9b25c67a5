package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// recoverDamage turns a panic inside Bleve or its storage (bbolt asserts
// on a corrupt root.bolt; a bad offset in a segment indexes out of
// range) into ErrDamaged, so that the user reads what to do rather than
// a goroutine trace. It must be deferred directly.
func (ix *Index) recoverDamage(err *error) {
	v := recover()
	if v == nil {
		return
	}
	ix.opts.Logger.Error("panic inside the index", "dir", ix.dir, "panic", v, "stack", string(debug.Stack()))
	*err = damaged(ix.dir, fmt.Sprintf("reading it failed: %v", v))
}

// openGeneration opens the Bleve index at path and checks it quickly:
// the mapping version, that the newest snapshot is the one loaded, and
// the checksum of every live segment. Garbage in a segment would
// otherwise be served silently, and a segment gone missing would make
// Bleve fall back to an older snapshot, serving (and, opened for
// writing, keeping) an index without the latest writes. The check runs
// on a read-only opening, so a writer never starts on a damaged index.
func (ix *Index) openGeneration(path string, readOnly bool) (bleve.Index, error) {
	bi, err := ix.openBleve(path, true)
	if err == nil {
		err = ix.verifyGeneration(bi)
	}
	if err != nil || readOnly {
		if err != nil && bi != nil {
			_ = bi.Close()
			bi = nil
		}
		return bi, err
	}
	if err := bi.Close(); err != nil {
		return nil, damaged(ix.dir, err.Error())
	}
	return ix.openBleve(path, false)
}

// openBleve opens a Bleve index, turning a panic into ErrDamaged.
func (ix *Index) openBleve(path string, readOnly bool) (bi bleve.Index, err error) {
	// A corrupt mmapped file faults on access; with this the fault is a
	// panic that recoverDamage turns into an error.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer ix.recoverDamage(&err)
	if err := checkBoltMeta(filepath.Join(path, "store", "root.bolt")); err != nil {
		ix.opts.Logger.Error("opening index", "path", path, "err", err)
		return nil, damaged(ix.dir, err.Error())
	}
	bi, err = bleve.OpenUsing(path, map[string]interface{}{
		"read_only":    readOnly,
		"bolt_timeout": "2s",
	})
	if err != nil {
		ix.opts.Logger.Error("opening index", "path", path, "err", err)
		return nil, damaged(ix.dir, err.Error())
	}
	return bi, nil
}

// verifyGeneration is the quick check of an opened generation.
func (ix *Index) verifyGeneration(bi bleve.Index) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer ix.recoverDamage(&err)
	if v, err := bi.GetInternal([]byte(keyMappingVersion)); err != nil || string(v) != mappingVersion {
		return damaged(ix.dir, "it was built by another version of recruitsearch")
	}
	if err := newestSnapshotLoads(bi); err != nil {
		return damaged(ix.dir, err.Error())
	}
	if problems := verifySegments(bi); len(problems) > 0 {
		return damaged(ix.dir, problems[0])
	}
	return nil
}

// newestSnapshotLoads reports why the newest snapshot root.bolt records
// cannot be loaded; Bleve itself skips such a snapshot for an older one.
func newestSnapshotLoads(bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	epochs, err := s.RootBoltSnapshotEpochs()
	if err != nil || len(epochs) == 0 {
		return err
	}
	snap, err := s.LoadSnapshot(slices.Max(epochs))
	if err != nil {
		return fmt.Errorf("its latest snapshot cannot be loaded: %v", err)
	}
	return snap.DecRef()
}

// liveSegments lists the segment files bi's current snapshot reads.
func liveSegments(bi bleve.Index) ([]string, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, nil
	}
	r, err := s.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil
	}
	var paths []string
	for _, ss := range snap.Segments() {
		if p, ok := ss.Segment().(interface{ Path() string }); ok && p.Path() != "" {
			paths = append(paths, p.Path())
		}
	}
	return paths, nil
}

// verifySegments checks every live segment against the CRC-32 zap
// writes as its last four bytes, and says what does not match.
func verifySegments(bi bleve.Index) []string {
	paths, err := liveSegments(bi)
	if err != nil {
		return []string{fmt.Sprintf("listing segments: %v", err)}
	}
	var problems []string
	for _, p := range paths {
		if err := verifySegment(p); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return problems
}

var errSegmentChecksum = errors.New("does not match its checksum")

// verifySegment checks one zap segment file's trailing CRC-32, which
// covers every byte before it.
func verifySegment(path string) error {
	name := filepath.Join(filepath.Base(filepath.Dir(path)), filepath.Base(path))
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("segment %s: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("segment %s: %w", name, err)
	}
	if info.Size() < 4 {
		return fmt.Errorf("segment %s is cut short (%d bytes)", name, info.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, info.Size()-4)); err != nil {
		return fmt.Errorf("segment %s: %w", name, err)
	}
	var want [4]byte
	if _, err := f.ReadAt(want[:], info.Size()-4); err != nil {
		return fmt.Errorf("segment %s: %w", name, err)
	}
	if h.Sum32() != binary.BigEndian.Uint32(want[:]) {
		return fmt.Errorf("segment %s %w", name, errSegmentChecksum)
	}
	return nil
}

// verifyStoreFiles checks every segment file in a generation's store,
// for check when Bleve cannot even open it to say which are live.
func verifyStoreFiles(genPath string) []string {
	zaps, err := filepath.Glob(filepath.Join(genPath, "store", "*.zap"))
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, z := range zaps {
		if err := verifySegment(z); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return problems
}
