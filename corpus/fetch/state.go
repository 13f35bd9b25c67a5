package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// StateFile is the name of the state file `recruitsearch` keeps inside an
// index directory, beside the index it describes (the index never reads,
// moves or removes it).
const StateFile = "fetch-state.json"

// stateVersion is the format of the state file.
const stateVersion = 1

// State is what the fetcher remembers about each url between runs: the
// validators for a conditional request and, for a feed or sitemap, the
// urls it listed, so an unchanged (304) listing still leads to its
// articles. A url is recorded only once what it led to is in the index, so
// a 304 never hides an article that was never written. The zero State
// (and a nil one) remembers nothing and saves nowhere.
type State struct {
	path string
	mu   sync.Mutex
	urls map[string]Entry
}

// Entry is what State keeps for one url.
type Entry struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Kind         Kind      `json:"kind"`
	Links        []string  `json:"links,omitempty"`  // a listing's urls
	Source       string    `json:"source,omitempty"` // a page's name in the index
	Fetched      time.Time `json:"fetched"`
}

type stateFile struct {
	Version int              `json:"version"`
	URLs    map[string]Entry `json:"urls"`
}

// OpenState reads the state file at path; a missing file is an empty
// state that Save will create.
func OpenState(path string) (*State, error) {
	s := &State{path: path, urls: map[string]Entry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading fetch state: %w", err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("fetch state %s is not valid JSON (delete it to fetch every url afresh): %w", path, err)
	}
	if f.Version != stateVersion {
		return nil, fmt.Errorf("fetch state %s has version %d, this recruitsearch reads %d (delete it to fetch every url afresh)", path, f.Version, stateVersion)
	}
	if f.URLs != nil {
		s.urls = f.URLs
	}
	return s, nil
}

func (s *State) get(u string) (Entry, bool) {
	if s == nil {
		return Entry{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.urls[u]
	return e, ok
}

func (s *State) put(u string, e Entry) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.urls == nil {
		s.urls = map[string]Entry{}
	}
	s.urls[u] = e
}

// Len is how many urls the state remembers.
func (s *State) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.urls)
}

// Save writes the state to its file atomically: a temporary file in the
// same directory, synced, then renamed over the old one, so a crash leaves
// the old state or the new one, never half of either.
func (s *State) Save() error {
	if s == nil || s.path == "" {
		return nil
	}
	s.mu.Lock()
	urls := make(map[string]Entry, len(s.urls))
	for k, v := range s.urls {
		urls[k] = v
	}
	s.mu.Unlock()
	data, err := json.MarshalIndent(stateFile{Version: stateVersion, URLs: urls}, "", "  ")
	if err != nil {
		return fmt.Errorf("saving fetch state: %w", err)
	}
	if err := writeAtomic(s.path, append(data, '\n')); err != nil {
		return fmt.Errorf("saving fetch state: %w", err)
	}
	return nil
}

func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
