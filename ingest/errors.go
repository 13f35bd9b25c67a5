package ingest

import (
	"errors"
	"fmt"
)

// Sentinel errors for input ingest cannot use. They are wrapped in a
// *FileError that names the file.
var (
	ErrUnsupportedFormat = errors.New("unsupported format")
	ErrEmpty             = errors.New("empty file")
	ErrBinary            = errors.New("binary file")
	ErrTooLarge          = errors.New("file too large")
	ErrNoArticle         = errors.New("no article text found")
	// ErrNotRegularFile is for a named pipe, a device or a socket given as
	// an article: reading one may block or never end.
	ErrNotRegularFile = errors.New("not a regular file")
	// ErrTooManyPassages is for an article longer than Options.MaxPassages:
	// more likely many articles run together than one.
	ErrTooManyPassages = errors.New("too many passages")
)

// FileError is an error about one input file (and, for JSON lines, one line).
type FileError struct {
	Name string
	Line int // 1-based line for JSON lines input; 0 otherwise
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
