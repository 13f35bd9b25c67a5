package main

import (
	"errors"
	"io/fs"
	"os"
)

// swapDirs puts the directory aside in the place of dir. Afterwards aside
// holds the old dir (if there was one), for the caller to remove. Where
// the system can exchange two paths atomically it does, so a reader never
// finds dir missing; elsewhere there is a moment between two renames.
func swapDirs(aside, dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(aside, dir)
	}
	if err := exchangeDirs(aside, dir); err == nil {
		return nil
	}
	old := aside + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(aside, dir); err != nil {
		// Put the old index back rather than leave nothing at dir.
		_ = os.Rename(old, dir)
		return err
	}
	return os.Rename(old, aside)
}
