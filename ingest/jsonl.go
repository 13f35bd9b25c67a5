package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// jsonlRecord is one line of a JSON lines file.
type jsonlRecord struct {
	Title     string `json:"title"`
	Council   string `json:"council"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// jsonlDoc is one good line's document and its line number.
type jsonlDoc struct {
	line int
	doc  *Document
}

// parseJSONL reads one article per line, handing each good line's
// document to emit as soon as it is read, so a file of many thousand
// articles is never held as documents all at once. Plain "text" goes
// through the plain-text front end and "html" through the HTML one; the
// record's own title, council, url and published fields take precedence
// over what the body says. A bad line is reported as a *FileError with
// its line number in the joined error, and the good lines are still
// emitted. It stops between lines once ctx is done.
func parseJSONL(ctx context.Context, name, src string, emit func(jsonlDoc)) error {
	src = strings.ToValidUTF8(src, "\uFFFD") // Parse decodes first; direct callers may not
	var errs []error
	good := 0
	for n := 1; src != ""; n++ {
		if err := ctx.Err(); err != nil {
			return &FileError{Name: name, Err: err}
		}
		var line string
		line, src, _ = strings.Cut(src, "\n")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		doc, err := parseJSONLine(ctx, fmt.Sprintf("%s:%d", name, n), line)
		if err != nil {
			errs = append(errs, &FileError{Name: name, Line: n, Err: err})
			continue
		}
		good++
		emit(jsonlDoc{line: n, doc: doc})
	}
	if good == 0 && len(errs) == 0 {
		return ErrEmpty
	}
	return errors.Join(errs...)
}

// errJSONLFields is the complaint about a record with no body.
var errJSONLFields = errors.New(`no "text" or "html" field`)

func parseJSONLine(ctx context.Context, name, line string) (*Document, error) {
	var r jsonlRecord
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("invalid JSON at column %d: %v", syn.Offset, err)
		case errors.As(err, &typ) && typ.Field == "":
			return nil, fmt.Errorf("want a JSON object, got JSON %s", typ.Value)
		case errors.As(err, &typ):
			// In JSON's words, not Go's: the reader never saw our types.
			return nil, fmt.Errorf("field %q: want %s, got JSON %s", typ.Field, jsonKind(typ.Type), typ.Value)
		}
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	r.fillFromOtherNames(line)
	// Lines come from decoded text, so the strings are valid UTF-8, but a
	// record can still escape a lone surrogate or a control character.
	for _, f := range []*string{&r.Title, &r.Council, &r.URL, &r.Published, &r.Text, &r.HTML} {
		*f = strings.ToValidUTF8(strings.ReplaceAll(*f, "\r\n", "\n"), "\uFFFD")
	}
	var doc *Document
	var err error
	switch {
	case strings.TrimSpace(r.HTML) != "":
		doc, err = parseHTML(name, r.HTML)
	case strings.TrimSpace(r.Text) != "":
		body := r.Text
		if t := cleanSpace(r.Title); t != "" && !strings.HasPrefix(strings.TrimSpace(body), t) {
			// The plain-text front end reads the title from the first
			// line, as the seed files have it.
			body = t + "\n\n" + body
		}
		doc, err = parseText(ctx, name, body)
	default:
		return nil, errJSONLFields
	}
	if err != nil {
		return nil, err
	}
	doc.Format = FormatJSONL
	if t := cleanSpace(r.Title); t != "" {
		doc.Title = t
	}
	if c := cleanSpace(r.Council); c != "" {
		doc.Sponsor = c
	}
	if u := strings.TrimSpace(r.URL); u != "" {
		doc.URL = u
	}
	if p := strings.TrimSpace(r.Published); p != "" {
		d, ok := isoDate(p)
		if !ok {
			return nil, fmt.Errorf("field \"published\": unrecognised date %q", p)
		}
		doc.Published, doc.PublishedEstimated = d, false
	}
	return doc, nil
}

// Other tools' names for a record's fields, most specific first: a
// schema.org Article ("headline", "articleBody", "datePublished"), a JSON
// Feed item ("content_html", "date_published"), a feed reader's or
// scraper's record ("link", "pubDate", "content", "body").
var (
	jsonlTitleNames     = []string{"headline"}
	jsonlURLNames       = []string{"link", "canonical_url"}
	jsonlPublishedNames = []string{"datePublished", "date_published", "pubDate", "published_at", "publishedAt"}
	jsonlBodyNames      = []string{"articleBody", "content_html", "content", "body"}
)

// fillFromOtherNames fills the fields a record leaves empty from the names
// other tools give them. A field of another type under such a name (an
// object, a list) is left alone: these names are not ours to complain
// about. A body with HTML elements goes to the HTML front end; a date that
// cannot be read is left out, as the article can be dated otherwise.
func (r *jsonlRecord) fillFromOtherNames(line string) {
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(line), &raw) != nil {
		return
	}
	first := func(names []string) string {
		for _, n := range names {
			var v string
			if json.Unmarshal(raw[n], &v) == nil && strings.TrimSpace(v) != "" {
				return v
			}
		}
		return ""
	}
	if r.Title == "" {
		r.Title = first(jsonlTitleNames)
	}
	if r.URL == "" {
		r.URL = first(jsonlURLNames)
	}
	if r.Published == "" {
		if d, ok := parseDate(first(jsonlPublishedNames)); ok {
			r.Published = d
		}
	}
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.HTML) == "" {
		body := first(jsonlBodyNames)
		if htmlTagRe.MatchString(body) {
			r.HTML = body
		} else {
			r.Text = body
		}
	}
}

// htmlTagRe finds an HTML block element in a body of unknown kind.
var htmlTagRe = regexp.MustCompile(`(?i)</?(?:p|div|h[1-6]|ul|ol|li|br|blockquote|article|section|figure|table)\b[^>]*>`)

// jsonKind names the JSON value a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another kind of value"
}
