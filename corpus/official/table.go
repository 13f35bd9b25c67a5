package official

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// table is a CSV file read into rows, with its header's columns by name.
type table struct {
	file  string
	title string // the first line of a sheet converted with its title above the header
	cols  map[string]int
	rows  []row
}

type row struct {
	line   int // 1-based line in the file, for errors
	fields []string
}

// maxPreamble is how many lines may precede the header row: the Ofsted
// sheets carry a title and a description line above theirs.
const maxPreamble = 5

// eachRow reads a table with readTable and calls do with each row that
// is not blank, stopping at the first error.
func eachRow(file string, data []byte, required []string, do func(*table, row) error) (*table, error) {
	t, err := readTable(file, data, required...)
	if err != nil {
		return nil, err
	}
	for _, r := range t.rows {
		if r.blank() {
			continue
		}
		if err := do(t, r); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// readTable parses a CSV file whose header row contains every required
// column. Lines above the header are a preamble; the first one's first
// cell becomes the title.
func readTable(file string, data []byte, required ...string) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // preamble lines and ragged rows (a blank trailing cell) are fine
	t := &table{file: file}
	var first, best []string
	for n := 0; n <= maxPreamble && t.cols == nil; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, formatErr(file, 0, "", err)
		}
		if n == 0 {
			first = rec
		}
		if countColumns(rec, required) > countColumns(best, required) {
			best = rec
		}
		if countColumns(rec, required) < len(required) {
			continue
		}
		t.cols = map[string]int{}
		for i, c := range rec {
			if _, dup := t.cols[strings.TrimSpace(c)]; !dup {
				t.cols[strings.TrimSpace(c)] = i
			}
		}
		if n > 0 && len(first) > 0 {
			t.title = strings.TrimSpace(first[0])
		}
	}
	if t.cols == nil {
		for _, c := range required {
			if countColumns(best, []string{c}) == 0 {
				return nil, formatErr(file, 0, c, fmt.Errorf("no column %q in the header row: the file's format has changed", c))
			}
		}
		return nil, formatErr(file, 0, "", errors.New("no header row"))
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, formatErr(file, 0, "", err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, row{line: line, fields: rec})
	}
	return t, nil
}

func countColumns(header, want []string) int {
	n := 0
	for _, w := range want {
		for _, h := range header {
			if strings.TrimSpace(h) == w {
				n++
				break
			}
		}
	}
	return n
}

// get returns a row's cell in a column, trimmed; "" past a short row's end.
func (t *table) get(r row, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// blank reports whether every cell of a row is empty.
func (r row) blank() bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// figure parses a workforce cell: a number (thousands commas allowed, as
// in the 2016 file) or a suppression code.
func (t *table) figure(r row, col string, old bool) (*float64, string, error) {
	cell := t.get(r, col)
	if code, ok := suppressionCode(cell, old); ok {
		return nil, code, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", ""), 64)
	if err != nil || cell == "" {
		return nil, "", formatErr(t.file, r.line, col, fmt.Errorf("%q is neither a number nor a suppression code", cell))
	}
	return &v, "", nil
}

// ErrFormat is wrapped by every *FormatError.
var ErrFormat = errors.New("official figures: unexpected file format")

// FormatError says which file, line and column of an official file could
// not be read, as when a newer release renames a column.
type FormatError struct {
	File   string // the path it was read from; the name alone for a shipped file
	Line   int    // 1-based; 0 for the file as a whole
	Column string // the column concerned, if any
	Err    error
}

func formatErr(file string, line int, col string, err error) *FormatError {
	return &FormatError{File: file, Line: line, Column: col, Err: err}
}

func (e *FormatError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" && !strings.Contains(e.Err.Error(), e.Column) {
		fmt.Fprintf(&b, ": column %q", e.Column)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *FormatError) Unwrap() []error { return []error{ErrFormat, e.Err} }
