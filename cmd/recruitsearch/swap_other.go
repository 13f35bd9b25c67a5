//go:build !linux

package main

import "errors"

// exchangeDirs is not available here; swapDirs falls back to two renames.
func exchangeDirs(a, b string) error {
	return errors.New("atomic exchange not supported")
}
