package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// An export folder holds the template, the bulk files, a README saying
// how to load them and a manifest naming every file the export wrote.
// The manifest is written before each file is created, so that a folder
// an interrupted export left behind is still recognised as an export,
// and overwriting one removes only the files it names.
const (
	exportManifestName = "export.json"
	exportFormat       = "recruitsearch-opensearch-export"
	exportVersion      = 1
	exportTemplateName = "template.json"
	exportReadmeName   = "README.md"

	// DefaultExportFileBytes bounds each bulk file: a bulk request is best
	// kept to 5–15 MB.
	DefaultExportFileBytes = 10 << 20
	// MinExportFileBytes is the smallest bound a caller may set.
	MinExportFileBytes = 4 << 10
	// maxOpenSearchID is the longest _id OpenSearch and Elasticsearch take.
	maxOpenSearchID = 512
)

// ErrNotExport: the folder given for an export holds files that no
// earlier export wrote; nothing in it was written or removed.
var ErrNotExport = errors.New("not a recruitsearch export")

// ExportOptions says where and how OpenSearch/Elasticsearch files are written.
type ExportOptions struct {
	// Name is the index the bulk actions and the template target
	// (DefaultOpenSearchIndex when empty).
	Name string
	// MaxFileBytes bounds each bulk file (DefaultExportFileBytes when 0).
	MaxFileBytes int64
}

// ExportReport says what an export wrote.
type ExportReport struct {
	Dir      string       `json:"dir"`
	Index    string       `json:"index"`
	Passages int          `json:"passages"`
	Template string       `json:"template"`
	Readme   string       `json:"readme"`
	Files    []ExportFile `json:"files"`
	Bytes    int64        `json:"bytes"`
}

// ExportFile is one bulk file of an export.
type ExportFile struct {
	Name     string `json:"name"`
	Passages int    `json:"passages"`
	Bytes    int64  `json:"bytes"`
}

// exportManifest is export.json.
type exportManifest struct {
	Format   string       `json:"format"`
	Version  int          `json:"version"`
	Index    string       `json:"index"`
	Complete bool         `json:"complete"`
	Passages int          `json:"passages"`
	Written  []string     `json:"written"` // every file the export created, in order
	Files    []ExportFile `json:"files"`   // the bulk files, once complete
}

// ExportOpenSearch writes the index to dir for OpenSearch 2.x or
// Elasticsearch 8.x: the index template (template.json), every passage as
// bulk NDJSON in files of at most MaxFileBytes (passages-00001.ndjson, …)
// and a README with the commands that load them. dir must be missing,
// empty or an earlier export, whose files are replaced; a folder holding
// anything else is refused with ErrNotExport and left as it was.
func (ix *Index) ExportOpenSearch(ctx context.Context, dir string, opts ExportOptions) (*ExportReport, error) {
	if opts.Name == "" {
		opts.Name = DefaultOpenSearchIndex
	}
	if opts.MaxFileBytes == 0 {
		opts.MaxFileBytes = DefaultExportFileBytes
	}
	if opts.MaxFileBytes < MinExportFileBytes {
		return nil, fmt.Errorf("bulk files of %d bytes are too small: at least %d", opts.MaxFileBytes, MinExportFileBytes)
	}
	if err := ValidOpenSearchIndexName(opts.Name); err != nil {
		return nil, err
	}
	tmpl, err := OpenSearchTemplate(opts.Name)
	if err != nil {
		return nil, err
	}
	if err := claimExportDir(dir); err != nil {
		return nil, err
	}
	w := &exportWriter{dir: dir, max: opts.MaxFileBytes,
		man: exportManifest{Format: exportFormat, Version: exportVersion, Index: opts.Name}}
	if err := w.writeFile(exportTemplateName, tmpl); err != nil {
		return nil, err
	}
	action := []byte(`{"index":{"_index":` + quoteJSON(opts.Name) + `,"_id":`)
	err = ix.OpenSearchDocuments(ctx, func(id string, doc []byte) error {
		if len(id) > maxOpenSearchID {
			return fmt.Errorf("passage id %q is longer than the %d bytes OpenSearch takes as an _id", id, maxOpenSearchID)
		}
		pair := make([]byte, 0, len(action)+len(id)+len(doc)+8)
		pair = append(pair, action...)
		pair = append(pair, quoteJSON(id)...)
		pair = append(pair, "}}\n"...)
		pair = append(pair, doc...)
		pair = append(pair, '\n')
		return w.add(id, pair)
	})
	if err == nil {
		err = w.closeChunk()
	}
	if err != nil {
		w.abandon()
		return nil, err
	}
	readme := exportReadme(opts.Name, w.man.Files, w.man.Passages)
	if err := w.writeFile(exportReadmeName, readme); err != nil {
		return nil, err
	}
	w.man.Complete = true
	if err := w.saveManifest(); err != nil {
		return nil, err
	}
	rep := &ExportReport{Dir: dir, Index: opts.Name, Passages: w.man.Passages,
		Template: exportTemplateName, Readme: exportReadmeName, Files: w.man.Files}
	for _, f := range w.man.Files {
		rep.Bytes += f.Bytes
	}
	return rep, nil
}

// ValidOpenSearchIndexName checks the rules OpenSearch and Elasticsearch
// share for index names, so a bad name fails before anything is written
// rather than at the first bulk request.
func ValidOpenSearchIndexName(name string) error {
	switch {
	case name != strings.ToLower(name):
		return fmt.Errorf("index name %q must be lower case", name)
	case strings.HasPrefix(name, "_") || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "+"):
		return fmt.Errorf("index name %q must not start with _, - or +", name)
	case name == "." || name == ".." || len(name) > 255:
		return fmt.Errorf("index name %q is not allowed", name)
	case strings.ContainsAny(name, `\/*?"<>| ,#:`):
		return fmt.Errorf(`index name %q must not hold any of \ / * ? " < > | , # : or a space`, name)
	}
	return nil
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// claimExportDir makes sure dir can take an export: creating it when
// missing; emptying it of an earlier export's files, and only of those;
// refusing it when it holds anything else.
func claimExportDir(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%w: %s is a file, not a folder", ErrNotExport, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, exportManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s holds other files and no %s; refusing to write there (give a new or empty folder)",
			ErrNotExport, dir, exportManifestName)
	}
	if err != nil {
		return err
	}
	var m exportManifest
	if err := json.Unmarshal(data, &m); err != nil || m.Format != exportFormat {
		return fmt.Errorf("%w: %s/%s was not written by recruitsearch export; refusing to write there", ErrNotExport, dir, exportManifestName)
	}
	var foreign []string
	for _, e := range entries {
		if n := e.Name(); n != exportManifestName && !slices.Contains(m.Written, n) {
			foreign = append(foreign, n)
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%w: %s holds an earlier export and files it did not write (%s); refusing to replace it (move them, or give a new folder)",
			ErrNotExport, dir, strings.Join(foreign, ", "))
	}
	for _, n := range m.Written {
		if err := os.Remove(filepath.Join(dir, filepath.Base(n))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.Remove(filepath.Join(dir, exportManifestName))
}

// exportWriter writes the files of one export, naming each in the
// manifest before creating it.
type exportWriter struct {
	dir   string
	max   int64
	man   exportManifest
	f     *os.File
	buf   *bufio.Writer
	chunk ExportFile
}

func (w *exportWriter) saveManifest() error {
	b, err := json.MarshalIndent(w.man, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(w.dir, exportManifestName)
	if err := writeFileAtomic(path, append(b, '\n'), false); err != nil {
		return err
	}
	return os.Chmod(path, 0o644) // readable like the files it lists, not the temporary file's 0600
}

// create names a file in the manifest, then creates it.
func (w *exportWriter) create(name string) (*os.File, error) {
	w.man.Written = append(w.man.Written, name)
	if err := w.saveManifest(); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(w.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

func (w *exportWriter) writeFile(name string, data []byte) error {
	f, err := w.create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// add appends one action and document pair, starting a new bulk file
// when it would take the current one past the bound. A pair larger than
// the bound is an error: no file may break it.
func (w *exportWriter) add(id string, pair []byte) error {
	n := int64(len(pair))
	if n > w.max {
		return fmt.Errorf("passage %q takes %d bytes as a bulk action, more than the %d-byte bound on a bulk file", id, n, w.max)
	}
	if w.f != nil && w.chunk.Bytes+n > w.max {
		if err := w.closeChunk(); err != nil {
			return err
		}
	}
	if w.f == nil {
		name := fmt.Sprintf("passages-%05d.ndjson", len(w.man.Files)+1)
		f, err := w.create(name)
		if err != nil {
			return err
		}
		w.f, w.buf, w.chunk = f, bufio.NewWriterSize(f, 1<<20), ExportFile{Name: name}
	}
	if _, err := w.buf.Write(pair); err != nil {
		return err
	}
	w.chunk.Bytes += n
	w.chunk.Passages++
	w.man.Passages++
	return nil
}

// closeChunk finishes the current bulk file, if one is open.
func (w *exportWriter) closeChunk() error {
	if w.f == nil {
		return nil
	}
	err := w.buf.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f, w.buf = nil, nil
	if err != nil {
		return err
	}
	w.man.Files = append(w.man.Files, w.chunk)
	return nil
}

// abandon closes an open file after a failure; the manifest, still
// incomplete, names every file, so the next export replaces them.
func (w *exportWriter) abandon() {
	if w.f != nil {
		w.f.Close()
		w.f, w.buf = nil, nil
	}
}

// exportReadme says what the folder holds and how to load it.
func exportReadme(name string, files []ExportFile, passages int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# recruitsearch passages for OpenSearch / Elasticsearch\n\n")
	fmt.Fprintf(&b, "Written by `recruitsearch export`: %d passages, one document each, in %d bulk file(s)\n", passages, len(files))
	fmt.Fprintf(&b, "for the index `%s`, and its index template.\n\n", name)
	b.WriteString("- `template.json`: a composable index template (OpenSearch 2.x, Elasticsearch 8.x) for `" + name + "`\n" +
		"  and `" + name + "-*`: recruitsearch's English analysis (possessives, lower case, its stop words,\n" +
		"  Porter stems), its domain synonyms at search time, a keyword field for every facet, dates\n" +
		"  and numbers typed, stored-only fields not indexed. The mapping is strict: documents with\n" +
		"  other fields are refused.\n" +
		"- `passages-NNNNN.ndjson`: bulk requests, an `index` action then the document, per passage.\n" +
		"  `_id` is the passage id; the document is the passage JSON of recruitsearch's `show ID --json`\n" +
		"  plus the facet fields `fact`, `year` and `ofsted`.\n" +
		"- `export.json`: what the export wrote; `recruitsearch export` replaces only those files.\n\n")
	b.WriteString("## Load\n\n" +
		"Set `URL` to the cluster (add `-u user:password` and `--cacert FILE` where security is on):\n\n" +
		"```sh\n" +
		"URL=http://localhost:9200\n" +
		"curl -sS -X PUT \"$URL/_index_template/" + name + "\" -H 'Content-Type: application/json' --data-binary @template.json\n" +
		"for f in passages-*.ndjson; do curl -sS -X POST \"$URL/_bulk\" -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\" | grep -q '\"errors\":false' || echo \"$f: some documents were refused\"; done\n" +
		"```\n\n" +
		"The template must be in place before the first bulk request creates the index. Loading again\n" +
		"replaces documents by `_id`; passages deleted since are not removed (delete the index first).\n\n")
	b.WriteString("## Not verified against a server\n\n" +
		"recruitsearch's tests check that every line parses, that every passage is here once, that each\n" +
		"file keeps its size bound and that every document field has a mapping; no OpenSearch or\n" +
		"Elasticsearch server was available where they ran, so the template has not been loaded into one.\n" +
		"Scores will differ from recruitsearch's: its ranking re-scores the first hits on several fields\n" +
		"with a phrase boost, which a plain `multi_match` does not do.\n")
	return []byte(b.String())
}
