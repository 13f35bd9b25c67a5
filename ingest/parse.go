package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
)

// DefaultMaxBytes is the largest file Parse accepts when Options.MaxBytes
// is zero: 5 MB, far above any real article.
const DefaultMaxBytes = 5 << 20

// DefaultMaxPassages is the most passages one article may have when
// Options.MaxPassages is zero. The seed articles have 7 to 29; a 5 MB file
// of short paragraphs would have 47,000, and indexing them as one article
// took 17 s and 1.9 GB.
const DefaultMaxPassages = 2000

// Options tune Parse.
type Options struct {
	// MaxBytes is the largest input accepted; zero means DefaultMaxBytes.
	MaxBytes int64
	// MaxPassages is the most passages one article may have; zero means
	// DefaultMaxPassages. A longer article is refused with
	// ErrTooManyPassages (for JSON lines, that line only).
	MaxPassages int
}

func (o Options) maxPassages() int {
	if o.MaxPassages <= 0 {
		return DefaultMaxPassages
	}
	return o.MaxPassages
}

// Parse reads one file into articles. The format comes from the file's
// extension (.txt, .html, .md, .jsonl and their variants) or, when the
// extension says nothing, from the content. Every error is a *FileError
// naming the file and wrapping one of the sentinel errors where one
// applies (ErrTooLarge, ErrEmpty, ErrBinary, ErrUnsupportedFormat,
// ErrNoArticle). A JSON lines file returns the articles of its good lines
// together with an errors.Join of a *FileError for each bad line.
func Parse(name string, data []byte, opts Options) ([]*Article, error) {
	return ParseContext(context.Background(), name, data, opts)
}

// ParseContext is Parse that gives up once ctx is done, returning a
// *FileError that wraps ctx's error: a long file takes seconds to parse,
// and nobody may be waiting for it any more (a Ctrl-C, a client that went
// away).
func ParseContext(ctx context.Context, name string, data []byte, opts Options) ([]*Article, error) {
	fail := func(err error) ([]*Article, error) {
		var fe *FileError
		if errors.As(err, &fe) && fe.Name == name {
			return nil, err // it names the file already; saying so twice reads as a bug
		}
		return nil, &FileError{Name: name, Err: err}
	}
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(data)) > limit {
		return fail(fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), limit))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return fail(ErrEmpty)
	}
	if err := checkBinary(data); err != nil {
		return fail(err)
	}
	format, err := DetectFormat(name, data)
	if err != nil {
		return fail(err)
	}
	var text string
	if format == FormatHTML {
		text = decodeHTML(data)
	} else {
		text = decodeText(data)
	}
	if strings.TrimSpace(text) == "" {
		return fail(ErrEmpty)
	}
	sum := sha256.Sum256(data)
	checksum := hex.EncodeToString(sum[:])

	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if format == FormatJSONL {
		return parseJSONLArticles(ctx, name, text, checksum, opts.maxPassages())
	}
	var doc *Document
	switch format {
	case FormatHTML:
		doc, err = parseHTML(name, text)
	case FormatMarkdown:
		doc, err = parseMarkdown(name, text)
	default:
		doc, err = parseText(ctx, name, text)
	}
	if err != nil {
		return fail(err)
	}
	a, err := buildDocument(ctx, doc, name, format, checksum, opts.maxPassages())
	if err != nil {
		return fail(err)
	}
	return []*Article{a}, nil
}

func parseJSONLArticles(ctx context.Context, name, text, checksum string, maxPassages int) ([]*Article, error) {
	var articles []*Article
	var buildErrs []error
	// Each line's document is built at once and dropped: the articles are
	// far smaller than their documents and parse state.
	err := parseJSONL(ctx, name, text, func(d jsonlDoc) {
		a, err := buildDocument(ctx, d.doc, name, FormatJSONL, checksum, maxPassages)
		if err != nil {
			// Build names the line's document ("f.jsonl:2"); the error
			// below names the file and line once.
			var fe *FileError
			if errors.As(err, &fe) {
				err = fe.Err
			}
			buildErrs = append(buildErrs, &FileError{Name: name, Line: d.line, Err: err})
			return
		}
		articles = append(articles, a)
	})
	if errors.Is(err, ErrEmpty) {
		return nil, &FileError{Name: name, Err: err}
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, &FileError{Name: name, Err: cerr}
	}
	return articles, errors.Join(append([]error{err}, buildErrs...)...)
}

// buildDocument runs Build and fills the provenance fields Build leaves
// to the caller.
func buildDocument(ctx context.Context, doc *Document, name string, format Format, checksum string, maxPassages int) (*Article, error) {
	if doc.Name == "" {
		doc.Name = name
	}
	if doc.URL == "" && format != FormatJSONL {
		// A page fetched from the web is named by its url (a fragment may
		// carry its format's extension).
		doc.URL, _, _ = strings.Cut(webURL(name), "#")
	}
	doc.Format = format
	doc.Checksum = checksum
	a, err := build(ctx, doc, maxPassages)
	if err != nil {
		return nil, err
	}
	if a.Format == "" {
		a.Format = format
	}
	if a.Checksum == "" {
		a.Checksum = checksum
	}
	if a.Source == "" {
		a.Source = name
	}
	return a, nil
}

// extensionFormats maps file extensions to formats.
var extensionFormats = map[string]Format{
	".txt": FormatText, ".text": FormatText,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".md": FormatMarkdown, ".markdown": FormatMarkdown, ".mdown": FormatMarkdown, ".mkd": FormatMarkdown,
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL, ".jsonlines": FormatJSONL,
}

// unsupportedExtensions are document formats people may try to load
// that ingest does not read.
var unsupportedExtensions = map[string]string{
	".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF",
	".xls": "Excel", ".xlsx": "Excel", ".csv": "CSV", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
	".epub": "EPUB", ".xml": "XML", ".zip": "zip", ".gz": "gzip", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF",
}

// DetectFormat names the format of a file: by its extension when that is
// one ingest knows, otherwise by its content (an HTML document, JSON
// objects one per line, Markdown headings or front matter, else plain
// text). Formats ingest cannot read give ErrUnsupportedFormat.
func DetectFormat(name string, data []byte) (Format, error) {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/")))
	if f, ok := extensionFormats[ext]; ok {
		return f, nil
	}
	if kind, ok := unsupportedExtensions[ext]; ok {
		return "", fmt.Errorf("%w: %s (%s)", ErrUnsupportedFormat, kind, ext)
	}
	return sniffFormat(data)
}

// sniffFormat decides a format from the first few kilobytes.
func sniffFormat(data []byte) (Format, error) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, bomUTF8)
	s := strings.TrimSpace(decodeText(head))
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, `{\rtf`):
		return "", fmt.Errorf("%w: RTF", ErrUnsupportedFormat)
	case strings.HasPrefix(s, "{"):
		return FormatJSONL, nil
	case strings.HasPrefix(s, "["):
		return "", fmt.Errorf("%w: a JSON array (want one JSON object per line)", ErrUnsupportedFormat)
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"), looksLikeHTML(lower):
		return FormatHTML, nil
	case strings.HasPrefix(lower, "<?xml"), strings.HasPrefix(lower, "<rss"), strings.HasPrefix(lower, "<feed"):
		return "", fmt.Errorf("%w: XML", ErrUnsupportedFormat)
	case looksLikeMarkdown(s):
		return FormatMarkdown, nil
	}
	return FormatText, nil
}

func looksLikeHTML(lower string) bool {
	if !strings.HasPrefix(lower, "<") {
		return false
	}
	for _, tag := range []string{"<body", "<article", "<p>", "<p ", "<div", "<h1", "<head", "<main", "<section"} {
		if strings.Contains(lower, tag) {
			return true
		}
	}
	return false
}

// looksLikeMarkdown reports front matter or an ATX heading ("## Pay").
func looksLikeMarkdown(s string) bool {
	if strings.HasPrefix(s, "---\n") && strings.Contains(s[4:], "\n---") {
		return true
	}
	for _, line := range strings.Split(s, "\n") {
		hashes := len(line) - len(strings.TrimLeft(line, "#"))
		if hashes >= 1 && hashes <= 6 && len(line) > hashes+1 && line[hashes] == ' ' && strings.TrimSpace(line[hashes:]) != "" {
			return true
		}
	}
	return false
}
