package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
)

// bbolt's on-disk meta page, as go.etcd.io/bbolt v1.4 writes it: a 16-byte
// page header, then magic, version, page size, flags, the root bucket,
// the freelist and high-water page ids, the transaction id and an FNV-64a
// checksum of the fields before it, all in the machine's byte order.
const (
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	boltPageHeader     = 16
	boltMetaChecksumAt = boltPageHeader + 56
	boltMetaLen        = boltMetaChecksumAt + 8
)

// checkBoltMeta checks both meta pages of a root.bolt before bbolt opens
// it. bbolt validates them too, but quietly falls back to the other page
// when one is bad, which rolls the index back a transaction (without the
// latest writes), and it trusts a meta page whose checksum holds yet
// points into garbage, which ends in its "assertion failed" panic. Both
// pages must hold: the magic number, the format version and the checksum.
// A missing file is left for Bleve to report.
func checkBoltMeta(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	var pageSize int64
	for page := range 2 {
		buf := make([]byte, boltMetaLen)
		if _, err := f.ReadAt(buf, int64(page)*pageSize); err != nil {
			return fmt.Errorf("root.bolt is cut short before meta page %d", page)
		}
		if problem := boltMetaProblem(buf); problem != "" {
			return fmt.Errorf("root.bolt meta page %d is damaged (%s)", page, problem)
		}
		if page == 0 {
			pageSize = int64(binary.NativeEndian.Uint32(buf[boltPageHeader+8:]))
			if pageSize < 1024 || pageSize > 1<<20 || pageSize&(pageSize-1) != 0 {
				return fmt.Errorf("root.bolt meta page 0 is damaged (page size %d)", pageSize)
			}
		}
	}
	return nil
}

// boltMetaProblem says what is wrong with one meta page, "" when nothing.
func boltMetaProblem(page []byte) string {
	meta := page[boltPageHeader:]
	switch {
	case binary.NativeEndian.Uint32(meta) != boltMagic:
		return "not a bbolt meta page"
	case binary.NativeEndian.Uint32(meta[4:]) != boltVersion:
		return fmt.Sprintf("bbolt format version %d", binary.NativeEndian.Uint32(meta[4:]))
	}
	h := fnv.New64a()
	h.Write(page[boltPageHeader:boltMetaChecksumAt])
	if h.Sum64() != binary.NativeEndian.Uint64(page[boltMetaChecksumAt:]) {
		return "checksum mismatch"
	}
	return ""
}
