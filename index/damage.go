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
// the mapping version and the checksum of every live segment. Garbage
// in a segment would otherwise be served silently.
func (ix *Index) openGeneration(path string, readOnly bool) (bi bleve.Index, err error) {
	// A corrupt mmapped file faults on access; with this the fault is a
	// panic that recoverDamage turns into an error.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if err != nil && bi != nil {
			_ = bi.Close()
			bi = nil
		}
	}()
	defer ix.recoverDamage(&err) // runs first, so the close above sees its error
	bi, err = bleve.OpenUsing(path, map[string]interface{}{
		"read_only":    readOnly,
		"bolt_timeout": "2s",
	})
	if err != nil {
		ix.opts.Logger.Error("opening index", "path", path, "err", err)
		return nil, damaged(ix.dir, err.Error())
	}
	if v, err := bi.GetInternal([]byte(keyMappingVersion)); err != nil || string(v) != mappingVersion {
		return bi, damaged(ix.dir, "it was built by another version of recruitsearch")
	}
	if problems := verifySegments(bi); len(problems) > 0 {
		return bi, damaged(ix.dir, problems[0])
	}
	return bi, nil
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
