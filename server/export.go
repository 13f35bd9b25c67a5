package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
)

// searchFormats are the forms GET /api/search answers in (?format=).
var searchFormats = []string{"json", "csv"}

// csvColumns are the header row of a search as CSV, one row per hit.
var csvColumns = []string{"rank", "id", "article_id", "article_title", "council", "sponsored", "sponsor", "published", "published_estimated",
	"kind", "heading", "speaker", "role", "question", "text", "topics", "score", "url"}

// searchFormat reads ?format=: "json" when absent.
func searchFormat(r *http.Request) (string, error) {
	vs := r.URL.Query()["format"]
	switch {
	case len(vs) == 0 || vs[0] == "":
		return "json", nil
	case len(vs) > 1:
		return "", badParam("format", "give it once, not %d times", len(vs))
	}
	f := strings.ToLower(strings.TrimSpace(vs[0]))
	for _, known := range searchFormats {
		if f == known {
			return f, nil
		}
	}
	return "", badParam("format", "%q is not a format: use %s", clip(vs[0], 40), strings.Join(searchFormats, " or "))
}

// writeSearchCSV writes a result as CSV (RFC 4180: CRLF line ends, fields
// holding commas, quotes or line breaks in double quotes) with a header
// row, so a spreadsheet opens a search as it is. A list passage's items
// follow its lead-in, one a line, unless its text holds them already.
func writeSearchCSV(w http.ResponseWriter, r *http.Request, req index.Request, res *index.Result) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	_ = cw.Write(csvColumns)
	for i, h := range res.Hits {
		text := h.Text
		if len(h.Items) > 0 && !strings.Contains(text, h.Items[0]) { // ingest's lists hold their items in the text
			text = strings.TrimSpace(text + "\n" + strings.Join(h.Items, "\n"))
		}
		c := spreadsheetCell
		_ = cw.Write([]string{
			strconv.Itoa(req.From + i + 1), h.ID, h.ArticleID, c(h.ArticleTitle), c(h.Council), strconv.FormatBool(h.Sponsored), c(h.Sponsor), h.Published, strconv.FormatBool(estimatedDate(h.Published)),
			h.Kind, c(h.Heading), c(h.Speaker), c(h.Role), c(h.Question), c(text), c(strings.Join(h.Topics, ";")),
			strconv.FormatFloat(h.Score, 'f', 4, 64), siteURL(r, permalink(h.ArticleID, h.ID)),
		})
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
	w.Header().Set("Content-Disposition", `attachment; filename="recruitsearch.csv"`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// spreadsheetCell keeps a spreadsheet from running text as a formula: the
// articles' text comes from the web, and a cell that starts with "=", "+",
// "-", "@", a tab or a carriage return is a formula to Excel, LibreOffice
// and Google Sheets ("=HYPERLINK(…)" would be a live link). Such a cell gets
// a leading apostrophe, which the spreadsheets show as text and hide, as
// OWASP's advice on CSV injection says.
func spreadsheetCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
