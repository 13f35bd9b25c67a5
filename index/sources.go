package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
}

// sourceStore keeps the bytes of every source an index was built from, so
// the index can always be rebuilt from them.
type sourceStore interface {
	// put keeps data and returns its checksum (hex SHA-256).
	put(data []byte) (string, error)
	get(checksum string) ([]byte, error)
	// record appends changes to the manifest.
	record(entries ...sourceEntry) error
	// entries returns the live sources in the order they were first added,
	// which a rebuild replays so article id collisions resolve the same way.
	entries() []sourceEntry
	// compact rewrites the manifest as entries and drops unused bytes.
	compact(entries []sourceEntry) error
	size() int64
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
}

func newManifestState() manifestState {
	return manifestState{latest: map[string]sourceEntry{}}
}

func (m *manifestState) apply(e sourceEntry) {
	if _, seen := m.latest[e.Name]; !seen {
		m.order = append(m.order, e.Name)
	}
	m.latest[e.Name] = e
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
	for _, e := range entries {
		m.apply(e)
	}
}

// memSources keeps sources in memory, for OpenMemory.
type memSources struct {
	manifestState
	blobs map[string][]byte
}

func newMemSources() *memSources {
	return &memSources{manifestState: newManifestState(), blobs: map[string][]byte{}}
}

func (s *memSources) put(data []byte) (string, error) {
	sum := checksumOf(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.blobs[sum]; !ok {
		s.blobs[sum] = bytes.Clone(data)
	}
	return sum, nil
}

func (s *memSources) get(sum string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.blobs[sum]
	if !ok {
		return nil, fmt.Errorf("kept source %s: %w", sum, fs.ErrNotExist)
	}
	return data, nil
}

func (s *memSources) record(entries ...sourceEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		s.apply(e)
	}
	return nil
}

func (s *memSources) entries() []sourceEntry { return s.live() }

func (s *memSources) compact(entries []sourceEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reset(entries)
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

func (s *memSources) size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, b := range s.blobs {
		n += int64(len(b))
	}
	return n
}

// dirSources keeps sources under dir/sources: the bytes in blobs/<sha256>
// and the manifest in manifest.jsonl, one JSON line per change.
type dirSources struct {
	manifestState
	dir      string
	readOnly bool
}

const manifestName = "manifest.jsonl"

func openDirSources(dir string, readOnly bool) (*dirSources, error) {
	s := &dirSources{manifestState: newManifestState(), dir: dir, readOnly: readOnly}
	if !readOnly {
		if err := os.MkdirAll(filepath.Join(dir, "blobs"), 0o755); err != nil {
			return nil, fmt.Errorf("kept sources: %w", err)
		}
	}
	f, err := os.Open(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("kept sources: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e sourceEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Name == "" {
			// A line cut short by a crash is the last one; anything it
			// described was never acknowledged.
			continue
		}
		s.apply(e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("kept sources: reading %s: %w", manifestName, err)
	}
	return s, nil
}

func (s *dirSources) blobPath(sum string) string {
	return filepath.Join(s.dir, "blobs", sum)
}

func (s *dirSources) put(data []byte) (string, error) {
	sum := checksumOf(data)
	path := s.blobPath(sum)
	if _, err := os.Stat(path); err == nil {
		return sum, nil
	}
	// Not synced one by one: a SIGKILL loses nothing the kernel holds,
	// and the manifest line that refers to these bytes is synced.
	if err := writeFileAtomic(path, data, false); err != nil {
		return "", fmt.Errorf("keeping source: %w", err)
	}
	return sum, nil
}

func (s *dirSources) get(sum string) ([]byte, error) {
	data, err := os.ReadFile(s.blobPath(sum))
	if err != nil {
		return nil, fmt.Errorf("kept source: %w", err)
	}
	return data, nil
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
	f, err := os.OpenFile(filepath.Join(s.dir, manifestName), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	for _, e := range entries {
		s.apply(e)
	}
	return nil
}

func (s *dirSources) entries() []sourceEntry { return s.live() }

func (s *dirSources) compact(entries []sourceEntry) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	used := map[string]bool{}
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return err
		}
		used[e.Checksum] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := writeFileAtomic(filepath.Join(s.dir, manifestName), buf.Bytes(), true); err != nil {
		return fmt.Errorf("kept sources manifest: %w", err)
	}
	s.reset(entries)
	blobs, err := os.ReadDir(filepath.Join(s.dir, "blobs"))
	if err != nil {
		return fmt.Errorf("kept sources: %w", err)
	}
	for _, b := range blobs {
		if !used[b.Name()] {
			_ = os.Remove(filepath.Join(s.dir, "blobs", b.Name()))
		}
	}
	return nil
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
	return os.Rename(tmp.Name(), path)
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
