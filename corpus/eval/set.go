package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// ErrInvalid marks a query or judgement file that cannot be used: bad
// syntax, a missing field, a grade out of range, an unknown query id.
var ErrInvalid = errors.New("invalid judged query set")

// Set is a judged query set.
type Set struct {
	Queries []Query `json:"queries"`
}

// Query is one query a user would type, with its graded passages.
type Query struct {
	ID   string `json:"id"`
	Text string `json:"query"`
	// Note says what sort of query it is ("acronym", "misspelling", …)
	// or why it was judged as it was.
	Note       string      `json:"note,omitempty"`
	Judgements []Judgement `json:"judgements,omitempty"`
}

// Judgement grades one passage for a query. The passage is named either by
// Article (seed file name, with or without extension, or article id) plus
// Span (a short quotation of its text), or directly by Passage id.
type Judgement struct {
	Article string `json:"article,omitempty"`
	Span    string `json:"span,omitempty"`
	Passage string `json:"passage,omitempty"`
	Grade   int    `json:"grade"`
}

// QueryJudgement is one line of a separate judgements file.
type QueryJudgement struct {
	Query string `json:"query"`
	Judgement
}

// FileError is a problem at one place in a query or judgements file.
type FileError struct {
	File  string
	Line  int    // 1-based; 0 when the problem is not tied to a line
	Query string // the query id, when known
	Err   error
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Query != "" {
		fmt.Fprintf(&b, ": query %q", e.Query)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// isTSV decides a file's format: by extension, else by its first
// non-blank byte (JSON starts with '{' or '[').
func isTSV(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".tsv", ".tab", ".txt":
		return true
	case ".json":
		return false
	}
	trimmed := bytes.TrimSpace(data)
	return len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[')
}

// ParseQueries reads a query set: JSON ({"queries":[…]} or a bare array of
// queries, judgements inline or not) or TSV (id, query, optional note).
// name is used for the format and in errors.
func ParseQueries(name string, data []byte) (*Set, error) {
	if isTSV(name, data) {
		return parseQueriesTSV(name, data)
	}
	var set Set
	trimmed := bytes.TrimSpace(data)
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = strictJSON(trimmed, &set.Queries)
	} else {
		err = strictJSON(trimmed, &set)
	}
	if err != nil {
		return nil, &FileError{File: name, Line: jsonLine(data, err), Err: invalid("%v", err)}
	}
	for i := range set.Queries {
		if err := checkQuery(set.Queries[i]); err != nil {
			return nil, &FileError{File: name, Query: set.Queries[i].ID, Err: err}
		}
	}
	if err := checkIDs(name, set.Queries); err != nil {
		return nil, err
	}
	return &set, nil
}

func parseQueriesTSV(name string, data []byte) (*Set, error) {
	rows, err := readTSV(name, data)
	if err != nil {
		return nil, err
	}
	var set Set
	for _, r := range rows {
		if len(r.fields) < 2 || len(r.fields) > 3 {
			return nil, &FileError{File: name, Line: r.line, Err: invalid("want id<TAB>query[<TAB>note], got %d fields", len(r.fields))}
		}
		q := Query{ID: r.fields[0], Text: r.fields[1]}
		if len(r.fields) == 3 {
			q.Note = r.fields[2]
		}
		if err := checkQuery(q); err != nil {
			return nil, &FileError{File: name, Line: r.line, Query: q.ID, Err: err}
		}
		set.Queries = append(set.Queries, q)
	}
	if err := checkIDs(name, set.Queries); err != nil {
		return nil, err
	}
	return &set, nil
}

// ParseJudgements reads a judgements file: JSON (an array of {"query",
// "article","span","grade"} or {"query","passage","grade"}) or TSV
// (query id, grade, article, span — or query id, grade, passage id).
func ParseJudgements(name string, data []byte) ([]QueryJudgement, error) {
	if isTSV(name, data) {
		return parseJudgementsTSV(name, data)
	}
	var js []QueryJudgement
	if err := strictJSON(bytes.TrimSpace(data), &js); err != nil {
		return nil, &FileError{File: name, Line: jsonLine(data, err), Err: invalid("%v", err)}
	}
	for i, j := range js {
		if j.Query == "" {
			return nil, &FileError{File: name, Err: invalid("judgement %d has no query id", i+1)}
		}
		if err := checkJudgement(j.Judgement); err != nil {
			return nil, &FileError{File: name, Query: j.Query, Err: err}
		}
	}
	return js, nil
}

func parseJudgementsTSV(name string, data []byte) ([]QueryJudgement, error) {
	rows, err := readTSV(name, data)
	if err != nil {
		return nil, err
	}
	var js []QueryJudgement
	for _, r := range rows {
		if len(r.fields) < 3 || len(r.fields) > 4 {
			return nil, &FileError{File: name, Line: r.line, Err: invalid("want query<TAB>grade<TAB>article<TAB>span or query<TAB>grade<TAB>passage-id, got %d fields", len(r.fields))}
		}
		grade, err := strconv.Atoi(r.fields[1])
		if err != nil {
			return nil, &FileError{File: name, Line: r.line, Query: r.fields[0], Err: invalid("grade %q is not a number 0–3", r.fields[1])}
		}
		j := QueryJudgement{Query: r.fields[0], Judgement: Judgement{Grade: grade}}
		if len(r.fields) == 4 {
			j.Article, j.Span = r.fields[2], r.fields[3]
		} else {
			j.Passage = r.fields[2]
		}
		if err := checkJudgement(j.Judgement); err != nil {
			return nil, &FileError{File: name, Line: r.line, Query: j.Query, Err: err}
		}
		js = append(js, j)
	}
	return js, nil
}

// Merge adds judgements from a separate file to the set's queries. A
// judgement for a query the set does not hold is an error naming it.
func (s *Set) Merge(name string, js []QueryJudgement) error {
	byID := make(map[string]*Query, len(s.Queries))
	for i := range s.Queries {
		byID[s.Queries[i].ID] = &s.Queries[i]
	}
	for _, j := range js {
		q, ok := byID[j.Query]
		if !ok {
			return &FileError{File: name, Query: j.Query, Err: invalid("no such query in the query set")}
		}
		q.Judgements = append(q.Judgements, j.Judgement)
	}
	return nil
}

// Check reports the first query that cannot be scored: one with no
// judgements, or none graded AnswerGrade or more (its MRR would be
// meaningless). name is the file named in the error.
func (s *Set) Check(name string) error {
	if len(s.Queries) == 0 {
		return &FileError{File: name, Err: invalid("no queries")}
	}
	for _, q := range s.Queries {
		best := -1
		for _, j := range q.Judgements {
			best = max(best, j.Grade)
		}
		switch {
		case best < 0:
			return &FileError{File: name, Query: q.ID, Err: invalid("no judgements")}
		case best < AnswerGrade:
			return &FileError{File: name, Query: q.ID, Err: invalid("no passage graded %d or more", AnswerGrade)}
		}
	}
	return nil
}

func checkQuery(q Query) error {
	if strings.TrimSpace(q.ID) == "" {
		return invalid("query %q has no id", q.Text)
	}
	if strings.TrimSpace(q.Text) == "" {
		return invalid("empty query text")
	}
	for _, j := range q.Judgements {
		if err := checkJudgement(j); err != nil {
			return err
		}
	}
	return nil
}

func checkJudgement(j Judgement) error {
	if j.Grade < 0 || j.Grade > MaxGrade {
		return invalid("grade %d is outside 0–%d", j.Grade, MaxGrade)
	}
	switch {
	case j.Passage != "" && (j.Article != "" || j.Span != ""):
		return invalid("judgement names passage %q and an article/span: give one or the other", j.Passage)
	case j.Passage == "" && (strings.TrimSpace(j.Article) == "" || strings.TrimSpace(j.Span) == ""):
		return invalid("judgement needs an article and a span (or a passage id)")
	}
	return nil
}

func checkIDs(name string, qs []Query) error {
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		if seen[q.ID] {
			return &FileError{File: name, Query: q.ID, Err: invalid("duplicate query id")}
		}
		seen[q.ID] = true
	}
	return nil
}

type tsvRow struct {
	line   int
	fields []string
}

// readTSV reads tab-separated rows, skipping blank lines and lines starting
// with '#'. Fields are taken as written (no quoting), so a span may hold
// quotation marks.
func readTSV(name string, data []byte) ([]tsvRow, error) {
	var rows []tsvRow
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for j := range fields {
			fields[j] = strings.TrimSpace(fields[j])
		}
		rows = append(rows, tsvRow{line: i + 1, fields: fields})
	}
	if len(rows) == 0 {
		return nil, &FileError{File: name, Err: invalid("no rows")}
	}
	return rows, nil
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// jsonLine turns a JSON syntax or type error's byte offset into a line.
func jsonLine(data []byte, err error) int {
	var offset int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	default:
		return 0
	}
	// The decoder saw the data without its leading white space.
	offset += int64(len(data) - len(bytes.TrimLeft(data, " \t\r\n")))
	return 1 + bytes.Count(data[:min(int(offset), len(data))], []byte("\n"))
}
