package ingest

import "testing"

// TestFormatExtension: the extension a format names is read back as that
// format, so a fetched or generated file is parsed as what it is.
func TestFormatExtension(t *testing.T) {
	for _, f := range []Format{FormatText, FormatHTML, FormatMarkdown, FormatJSONL} {
		if got := extensionFormats[f.Extension()]; got != f {
			t.Errorf("%s.Extension() = %q, which ingest reads as %q", f, f.Extension(), got)
		}
	}
}
