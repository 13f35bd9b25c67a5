package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Exporter writes passages as JSON lines with the fields another engine
// needs to index the same data: id, article_id, council, kind, topics,
// speaker and text. The text of a qa passage starts with its question on
// a line of its own; a list's items follow its lead-in, one per line.
// Nothing is held beyond a write buffer, so memory stays flat however
// many passages go through.
type Exporter struct {
	w        *bufio.Writer
	enc      *json.Encoder
	passages int
}

// exportRecord is one line of an export.
type exportRecord struct {
	ID        string   `json:"id"`
	ArticleID string   `json:"article_id"`
	Council   string   `json:"council"`
	Kind      string   `json:"kind"`
	Topics    []string `json:"topics"`
	Speaker   string   `json:"speaker"`
	Text      string   `json:"text"`
}

// NewExporter is an Exporter writing to w. Call Flush when done.
func NewExporter(w io.Writer) *Exporter {
	bw := bufio.NewWriter(w)
	return &Exporter{w: bw, enc: json.NewEncoder(bw)}
}

// Write writes every passage of art, in order.
func (e *Exporter) Write(art *ingest.Article) error {
	for _, p := range art.Passages {
		text := p.Text
		if p.Question != "" {
			text = p.Question + "\n" + text
		}
		if len(p.Items) > 0 {
			text += "\n" + strings.Join(p.Items, "\n")
		}
		topics := p.Topics
		if topics == nil {
			topics = []string{}
		}
		if err := e.enc.Encode(exportRecord{p.ID, p.ArticleID, p.Council, string(p.Kind), topics, p.Speaker, text}); err != nil {
			return err
		}
		e.passages++
	}
	return nil
}

// Passages is how many passages have been written.
func (e *Exporter) Passages() int { return e.passages }

// Flush writes out what is buffered.
func (e *Exporter) Flush() error { return e.w.Flush() }

// WriteQueries writes each query's text on a line of its own, the form
// ParseQueries and the peers' harnesses (../shared/peers/bench) read:
// words and "quoted phrases", no comment lines, since not every harness
// skips them. A query with filters or a collapse, or whose text holds a
// line break or starts with #, cannot be written as a line and is an error.
func WriteQueries(w io.Writer, queries []Query) error {
	bw := bufio.NewWriter(w)
	for _, q := range queries {
		text := strings.TrimSpace(q.Text)
		switch {
		case len(q.Filters) > 0 || q.Collapse != "":
			return fmt.Errorf("query %q has filters or a collapse, which a line of text cannot carry", q.Text)
		case text == "" || strings.ContainsAny(text, "\r\n") || strings.HasPrefix(text, "#"):
			return fmt.Errorf("query %q is not one line of text", q.Text)
		}
		bw.WriteString(text)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
