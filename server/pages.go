package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"

	"github.com/recruitsearch/recruitsearch/profile"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the pages; each is templates/<name>.html inside layout.html.
var pageNames = []string{"search", "article", "articles", "compare", "error", "council", "councils", "compare-councils"}

// partials are the templates every page may call (a profile card, a
// chart, an Ofsted grade), parsed with each page.
const partials = "templates/partials.html"

// pages holds the parsed page templates.
type pages struct {
	byName map[string]*template.Template
}

// mustParsePages parses every page template. The templates are embedded,
// so a failure is a programming error the tests catch.
func mustParsePages() *pages {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t := template.New("layout.html").Funcs(templateFuncs)
		p.byName[name] = template.Must(t.ParseFS(templateFS, "templates/layout.html", partials, "templates/"+name+".html"))
	}
	return p
}

// templateFuncs are the helpers page templates call.
var templateFuncs = template.FuncMap{
	"asset":      assetURL,
	"kindLabel":  kindLabel,
	"topicLabel": topicLabel,
	"factLabel":  func(t string) string { return facetLabel("fact", t) },
	"add":        func(a, b int) int { return a + b },
	"paragraphs": paragraphs,
	"date":       profile.HumanDate,
	"judgement":  profile.JudgementText,
	// for the server-drawn charts
	"judgementClass": judgementClass,
	"addf":           func(a, b float64) float64 { return a + b },
	"subf":           func(a, b float64) float64 { return a - b },
}

// paragraphs splits passage text at its blank lines, so a reader comment or
// a quotation of several paragraphs is shown as the reader wrote it.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// page is what every page template gets: the page's own data plus what
// the layout needs.
type page struct {
	Name  string // page name, used as a body class
	Title string
	Query string // the search box's value
	Data  any
}

// render writes page name with data, buffered so a template error becomes
// a clean 500 rather than half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Name = name
	var buf bytes.Buffer
	if err := s.pages.byName[name].Execute(&buf, p); err != nil {
		s.log.Error("rendering page", "page", name, "path", r.URL.Path, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Heading string
	Message string
	// Links are where to go instead (the closest council names), under
	// LinksHeading when it is set.
	Links        []linkView
	LinksHeading string
}

// renderError shows err as an HTML page with the status and message the
// error table gives it.
func (s *server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	status, _, message := classify(err)
	s.logError(r, status, err)
	s.render(w, r, status, "error", page{Title: http.StatusText(status), Data: errorView{
		Status: status, Heading: http.StatusText(status), Message: message,
	}})
}

// kindLabel is the display name of a passage kind, as the index's kind
// facet names it.
func kindLabel(kind any) string {
	var k string
	switch v := kind.(type) {
	case ingest.Kind:
		k = string(v)
	case string:
		k = v
	}
	return facetLabel("kind", k)
}

// topicLabel is the display name of a topic id: the taxonomy's label
// ("career-progression" → "Career progression"), or the id itself for a
// topic the taxonomy does not know (an index built by another version).
func topicLabel(id string) string { return facetLabel("topic", id) }

// facetLabel names a value of a facet as the registry does.
func facetLabel(facet, value string) string {
	if f, ok := index.LookupFacet(facet); ok {
		return f.ValueLabel(value)
	}
	return value
}

// notFound answers a path no route matches: JSON under /api/, a page
// elsewhere.
func (s *server) notFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeProblem(w, r, errRouteNotFound)
	})
}

// writeProblem answers err in the format the path's caller reads: the JSON
// error under /api/ and on the machine endpoints, the error page
// elsewhere.
func (s *server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	if isAPIPath(r.URL.Path) {
		s.writeError(w, r, err)
		return
	}
	s.renderError(w, r, err)
}

// isAPIPath reports whether path is read by programs rather than people.
func isAPIPath(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(path, "/api/")
}
