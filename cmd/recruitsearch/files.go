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
