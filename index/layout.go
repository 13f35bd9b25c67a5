package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The layout of an index directory:
//
//	dir/recruitsearch-index.json  the marker: this directory is an index, in this format
//	dir/LOCK                      the writer's lock
//	dir/index/CURRENT             the live generation and the sources it was built from
//	dir/index/gen-*/              Bleve (scorch) indexes, one per generation
//	dir/sources/, dir/sources-*/  kept sources (packs and a manifest)
//
// Nothing outside dir/index and dir/sources* is ever removed, and only a
// directory with the marker (or one made by a recruitsearch from before
// the marker, recognised by its CURRENT file) is ever written to: a
// mistyped --index must not touch someone's files.

const (
	markerName = "recruitsearch-index.json"
	// formatVersion 2 names the sources in CURRENT; 1 is the layout
	// before the marker, read as it is.
	formatVersion  = 2
	markerFormat   = "recruitsearch index"
	sourcesDirName = "sources"
)

// marker is the content of the marker file.
type marker struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// claimDir makes sure dir is an index directory this version can use,
// creating it (with its marker) when missing or empty. It refuses a
// directory holding anything else, so that no later step writes or
// removes files there.
func claimDir(dir string, create bool) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && create:
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating index %s: %w", dir, err)
		}
		return writeMarker(dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no index at %s: %w", dir, ErrNotFound)
	case err != nil:
		return fmt.Errorf("opening index %s: %w", dir, err)
	case !info.IsDir():
		return fmt.Errorf("%w: %s is a file, not an index directory", ErrNotIndex, dir)
	}
	m, err := readMarker(dir)
	if err == nil {
		if m.Format != markerFormat || m.Version > formatVersion || m.Version < 1 {
			return fmt.Errorf("%w: %s was made by another version of recruitsearch (format %q version %d; this one reads up to %d)",
				ErrNotIndex, dir, m.Format, m.Version, formatVersion)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s: %s is unreadable: %v", ErrNotIndex, dir, markerName, err)
	}
	ours, err := onlyIndexFiles(dir)
	if err != nil {
		return fmt.Errorf("opening index %s: %w", dir, err)
	}
	if !ours {
		return fmt.Errorf("%w: %s holds other files and no %s; refusing to write there (give a new or empty directory)",
			ErrNotIndex, dir, markerName)
	}
	if !create {
		return nil
	}
	return writeMarker(dir)
}

// onlyIndexFiles reports whether dir holds nothing but what an index
// keeps: it is empty, or an index made before the marker existed.
func onlyIndexFiles(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		name := e.Name()
		if name == lockName || name == markerName || name == "index" || validSourcesName(name) {
			continue
		}
		return false, nil
	}
	return true, nil
}

func readMarker(dir string) (marker, error) {
	var m marker
	data, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, err
	}
	return m, nil
}

func writeMarker(dir string) error {
	data, _ := json.Marshal(marker{Format: markerFormat, Version: formatVersion}) // cannot fail
	if err := writeFileAtomic(filepath.Join(dir, markerName), append(data, '\n'), true); err != nil {
		return fmt.Errorf("marking %s as an index: %w", dir, err)
	}
	return syncDir(filepath.Dir(filepath.Clean(dir)))
}

// syncDir makes the entries of dir (files created, renamed or removed in
// it) durable: without it a power loss can forget a file whose bytes were
// synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	if dirSynced != nil {
		dirSynced(dir)
	}
	return nil
}

// dirSynced, set only by this package's tests (which do not run in
// parallel), is told of every directory syncDir has synced: an fsync
// leaves no trace a test could otherwise see.
var dirSynced func(dir string)

const currentName = "CURRENT"

// current is what CURRENT names: the live generation under dir/index and
// the sources directory under dir it was built from.
type current struct {
	gen     string
	sources string
}

// readCurrent returns what root/CURRENT names; gen is "" when there is no
// CURRENT yet. A CURRENT of one line (format 1) keeps its sources in
// dir/sources.
func readCurrent(root string) (current, error) {
	data, err := os.ReadFile(filepath.Join(root, currentName))
	if errors.Is(err, fs.ErrNotExist) {
		return current{sources: sourcesDirName}, nil
	}
	if err != nil {
		return current{}, fmt.Errorf("open index: %w", err)
	}
	lines := strings.Fields(string(data))
	c := current{sources: sourcesDirName}
	if len(lines) > 0 {
		c.gen = lines[0]
	}
	if len(lines) > 1 {
		c.sources = lines[1]
	}
	if len(lines) == 0 || len(lines) > 2 || !validName(c.gen, "gen-") || !validSourcesName(c.sources) {
		return current{}, fmt.Errorf("%w: %s names no index", ErrDamaged, filepath.Join(root, currentName))
	}
	return c, nil
}

func validName(name, prefix string) bool {
	return strings.HasPrefix(name, prefix) && !strings.ContainsAny(name, `/\`) && name != "." && name != ".."
}

func validSourcesName(name string) bool {
	return name == sourcesDirName || validName(name, sourcesDirName+"-")
}

// writeCurrent switches the live generation: one atomic rename, synced
// with its directory, so after a crash CURRENT names the old generation
// or the new one, whole.
func writeCurrent(root string, c current) error {
	data := c.gen + "\n"
	if c.sources != sourcesDirName {
		data += c.sources + "\n"
	}
	if err := writeFileAtomic(filepath.Join(root, currentName), []byte(data), true); err != nil {
		return fmt.Errorf("switching index: %w", err)
	}
	if err := syncDir(root); err != nil {
		return fmt.Errorf("switching index: %w", err)
	}
	return nil
}

// removeStale deletes the generations and sources directories CURRENT
// does not name: leftovers of a rebuild that was interrupted or of one
// whose old index was still open. It reports what it could not remove.
func removeStale(dir string, keep current) error {
	root := filepath.Join(dir, "index")
	var errs []error
	remove := func(path string) {
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, err)
		}
	}
	gens, err := os.ReadDir(root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	for _, e := range gens {
		if e.IsDir() && e.Name() != keep.gen && strings.HasPrefix(e.Name(), "gen-") {
			remove(filepath.Join(root, e.Name()))
		}
	}
	tops, err := os.ReadDir(dir)
	if err != nil {
		errs = append(errs, err)
	}
	for _, e := range tops {
		if e.IsDir() && e.Name() != keep.sources && validSourcesName(e.Name()) {
			remove(filepath.Join(dir, e.Name()))
		}
	}
	return errors.Join(errs...)
}

// removeOldRebuilds deletes what an `ingest --rebuild` of an older
// recruitsearch, killed mid-way, left beside dir: ".NAME.rebuild-*"
// directories holding only an index. The caller holds dir's lock, and
// the old command took that lock too, so none of them is in use.
func removeOldRebuilds(dir string) error {
	clean := filepath.Clean(dir)
	pattern := filepath.Join(filepath.Dir(clean), "."+filepath.Base(clean)+".rebuild-*")
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	var errs []error
	for _, work := range matches {
		if !isOldRebuild(work) {
			continue
		}
		if err := os.RemoveAll(work); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// isOldRebuild reports whether work holds nothing but an index in
// work/index (and maybe an exchanged-out ".old"), as the old swap left it.
func isOldRebuild(work string) bool {
	entries, err := os.ReadDir(work)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if (e.Name() != "index" && e.Name() != "index.old") || !e.IsDir() {
			return false
		}
		if ours, err := onlyIndexFiles(filepath.Join(work, e.Name())); err != nil || !ours {
			return false
		}
	}
	return true
}
