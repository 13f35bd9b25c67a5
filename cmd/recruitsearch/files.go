package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// collectFiles expands paths into the regular files they name, walking
// folders recursively in lexical order and skipping hidden entries
// (".git", ".DS_Store"). A path that cannot be read is returned as an error
// naming it, and the other paths are still collected.
func collectFiles(paths []string) ([]string, []error) {
	var files []string
	var errs []error
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, pathError(root, err))
			continue
		}
		if !info.IsDir() {
			files = append(files, root)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, pathError(path, err))
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, pathError(root, err))
		}
	}
	return files, errs
}

// pathError names the path in err once: os errors already carry it.
func pathError(path string, err error) error {
	var pe *fs.PathError
	var fe *ingest.FileError
	if errors.As(err, &pe) || errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// splitErrors flattens errors.Join trees into their leaves, so each failed
// JSON line or file gets its own line on stderr.
func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range joined.Unwrap() {
			out = append(out, splitErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// reportFileError writes one line per failure in err to w, each naming its file.
func reportFileError(w io.Writer, name string, err error) {
	for _, e := range splitErrors(err) {
		fmt.Fprintf(w, "recruitsearch: %s\n", oneLine(pathError(name, e).Error()))
	}
}

// readSource reads one article file. It looks before it reads: what is
// not a regular file (a FIFO would block forever, /dev/zero never ends)
// and what is larger than ingest accepts are refused by name without
// reading a byte, and the read itself stops past the limit in case the
// file grows meanwhile.
func readSource(name string) ([]byte, error) {
	limit := int64(ingest.DefaultMaxBytes)
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := checkSourceInfo(name, info, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stat again through the open file: the name may now be another file.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := checkSourceInfo(name, info, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &ingest.FileError{Name: name, Err: fmt.Errorf("%w: it grew past the limit of %d bytes while being read", ingest.ErrTooLarge, limit)}
	}
	return data, nil
}

// checkSourceInfo refuses a file that is not regular or is too large.
func checkSourceInfo(name string, info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &ingest.FileError{Name: name, Err: fmt.Errorf("%w: it is %s", ingest.ErrNotRegularFile, fileKind(info.Mode()))}
	}
	if info.Size() > limit {
		return &ingest.FileError{Name: name, Err: fmt.Errorf("%w: %d bytes, the limit is %d", ingest.ErrTooLarge, info.Size(), limit)}
	}
	return nil
}

// fileKind names what a file that is not regular is, for the error.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (" + m.Type().String() + ")"
}
