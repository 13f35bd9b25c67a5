package server

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// pageSize is the number of hits on a page of results.
const pageSize = 10

// searchView is the data of the search page.
type searchView struct {
	Query     string
	Searched  bool // a query or a filter was given
	Error     string
	Result    *index.Result
	Hits      []hitView
	Facets    []facetView
	Filtered  bool
	ClearURL  string
	Sort      string
	Size      int
	From      int
	Last      int // the ordinal of the last hit shown
	Pages     []pageLink
	Prev      string
	Next      string
	DidYouURL string
	// Cards are short profiles of the councils the query names.
	Cards []cardView
	// VerbatimURL searches the query as typed after a correction.
	VerbatimURL string
	// EchoQuoted: the query is echoed inside quotation marks, unless it
	// holds quotation marks of its own ("Signs of Safety" would show
	// doubled).
	EchoQuoted bool
	// Chips are the filters applied, each removable.
	Chips []chipView
	// Collapse: one result per article.
	Collapse bool
	// Broaden are the searches to try when nothing matched.
	Broaden []linkView
	// FacetsNote says what the sidebar's counts count when they are not
	// this search's.
	FacetsNote string
	// Announce is the one line a screen reader hears when results change:
	// "12 passages for caseloads, Kent County Council".
	Announce string
	// ExportCSV and ExportJSON are this search through the API.
	ExportCSV, ExportJSON string
	// Attribution is the licence's line, shown under the counts of a
	// facet whose values are official figures.
	Attribution string
}

// hitView is one result as shown.
type hitView struct {
	index.Hit
	Snippet template.HTML
	// QuestionHTML is the question with its matches marked, "" when it
	// has none.
	QuestionHTML template.HTML
	Link         string
	CouncilURL   string // the council's profile, "" when none matches
	Date         dateView
	Cite         citeView
}

// facetView is one fieldset of checkboxes.
type facetView struct {
	Param  string
	Label  string
	Values []facetValueView
	// Official: the values are official figures (Ofsted's judgements),
	// shown with the licence's attribution.
	Official bool
}

// facetValueView is one checkbox.
type facetValueView struct {
	ID      string
	Value   string
	Label   string
	Count   int
	Checked bool
	// Typed: selected by a field:value clause of the query, not a tick.
	Typed bool
}

// pageLink is one link of the pager.
type pageLink struct {
	Number  int
	URL     string
	Current bool
}

// handleSearchPage answers GET /: the search box, and results rendered on
// the server when the URL carries a query or filters, so the page works
// without JavaScript and every search can be bookmarked.
func (s *server) handleSearchPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		values := r.URL.Query()
		req, err := searchRequest(values)
		view := searchView{Query: req.Query, Sort: req.Sort, Size: req.Size, From: req.From,
			EchoQuoted: !strings.ContainsAny(req.Query, `"“”„`)}
		status := http.StatusOK
		switch {
		case err != nil:
			status, view.Error = s.pageFault(r, err)
			view.Facets = s.allFacets(r, req, nil)
		case req.Query == "" && !req.Filtered():
			facets, err := s.deps.Searcher.Facets(r.Context())
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			view.Facets = facetViews(facets, req, nil)
		default:
			if req.Size == 0 {
				req.Size = pageSize
			}
			view.Searched = true
			for _, p := range namedCouncils(s.official(), req.Query) {
				view.Cards = append(view.Cards, card(p))
			}
			res, err := s.search(r, req)
			if err != nil {
				status, view.Error = s.pageFault(r, err)
				view.Chips = appliedChips(values, req, nil)
				view.Facets = s.allFacets(r, req, nil)
				break
			}
			view.Result = res
			view.Hits = s.hitViews(r, res.Hits)
			view.Chips = appliedChips(values, req, res.Selected)
			view.Facets = facetViews(res.Facets, req, res.Selected)
			if res.Total == 0 {
				// Nothing to count: offer every passage's filters rather
				// than an empty column, and the searches that drop
				// something.
				if all := s.allFacets(r, req, res.Selected); all != nil {
					view.Facets = all
					view.FacetsNote = "No passage matched: the counts are of every passage."
				}
				view.Broaden = broaden(values, req, view.Chips)
			}
			view.paginate(values, req, res.Total)
			view.Announce = announce(res, req.Query, view.Chips, req.Collapse == index.CollapseArticle)
			view.ExportCSV, view.ExportJSON = exportLinks(values)
			if res.Suggestion != "" {
				view.DidYouURL = "/?" + withParam(values, "q", res.Suggestion, true).Encode()
			}
			if res.VerbatimQuery != "" {
				view.VerbatimURL = "/?" + withParam(values, "q", res.VerbatimQuery, true).Encode()
			}
		}
		view.Attribution = s.official().Attribution()
		view.Collapse = req.Collapse == index.CollapseArticle
		view.Filtered = req.Filtered()
		view.ClearURL = "/?" + url.Values{"q": {req.Query}}.Encode()
		title := "Search"
		if req.Query != "" {
			title = req.Query
		}
		s.render(w, r, status, "search", page{Title: title, Query: req.Query, Data: view})
	})
}

// allFacets is the sidebar over every passage, the request's filters
// ticked: what a search that found nothing, or could not run, offers
// rather than an empty column. nil when the index cannot count them.
func (s *server) allFacets(r *http.Request, req index.Request, applied map[string][]string) []facetView {
	all, err := s.deps.Searcher.Facets(r.Context())
	if err != nil {
		s.log.WarnContext(r.Context(), "counting every passage's facets", "error", err)
		return nil
	}
	return facetViews(all, req, applied)
}

// pageFault turns a search error into a status and a message shown above
// the (empty) results; internal errors are logged and shown generically.
func (s *server) pageFault(r *http.Request, err error) (int, string) {
	status, _, message := classify(err)
	s.logError(r, status, err)
	return status, message
}

// facetViews lays out the sidebar: every value with its count, selected
// values first kept even when their count is now zero. A value is ticked
// when the request's filters or the query's field:value clauses selected
// it (applied, as the index reports it; the request's filters when the
// index was not asked); one the query selected is marked Typed, so that
// unticking it can take the clause out of the box.
func facetViews(facets map[string][]index.FacetValue, req index.Request, applied map[string][]string) []facetView {
	var out []facetView
	for i, f := range index.Facets() {
		if !f.Counted() {
			continue
		}
		ticked := req.Filter(f.Name)
		selected := ticked
		if applied != nil {
			selected = applied[f.Name]
		}
		fv := facetView{Param: f.Name, Label: f.Label, Official: f.Official}
		seen := map[string]bool{}
		for _, v := range facets[f.Name] {
			if v.Value == "" {
				continue
			}
			seen[v.Value] = true
			checked := slices.Contains(selected, v.Value)
			fv.Values = append(fv.Values, facetValueView{
				Value: v.Value, Count: v.Count, Checked: checked, Typed: checked && !slices.Contains(ticked, v.Value),
			})
		}
		for _, v := range selected {
			if !seen[v] {
				fv.Values = append(fv.Values, facetValueView{Value: v, Checked: true, Typed: !slices.Contains(ticked, v)})
			}
		}
		for j := range fv.Values {
			v := &fv.Values[j]
			v.ID = fmt.Sprintf("f%d-%d", i, j)
			v.Label = f.ValueLabel(v.Value)
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// hitViews prepares hits for display: a safe highlighted snippet, a link
// to the passage in its article, the article's date and the passage's
// citation.
func (s *server) hitViews(r *http.Request, hits []index.Hit) []hitView {
	out := make([]hitView, len(hits))
	now := s.now()
	sources := map[string]string{} // article id → its original URL
	for i, h := range hits {
		out[i] = hitView{Hit: h, Link: passageLink(h.ArticleID, h.ID), CouncilURL: s.councilLink(h.Council)}
		out[i].Snippet = s.snippet(r, h)
		if safeHighlight(h.QuestionHighlight) {
			out[i].QuestionHTML = template.HTML(h.QuestionHighlight)
		}
		out[i].Date = articleDate(h.Published, false, now)
		source, seen := sources[h.ArticleID]
		if !seen {
			if a, err := s.deps.Searcher.Article(r.Context(), h.ArticleID); err == nil {
				source = a.URL
			}
			sources[h.ArticleID] = source
		}
		out[i].Cite = cite(citation{
			Key: bibKey(h.ID), Title: h.ArticleTitle, Council: h.Council, Date: out[i].Date,
			SourceURL: source, Permalink: siteURL(r, permalink(h.ArticleID, h.ID)), Accessed: now.Format(time.DateOnly),
		})
	}
	return out
}

// announce is the one line read out when results change: "12 passages
// for caseloads, Kent County Council".
func announce(res *index.Result, query string, chips []chipView, collapse bool) string {
	noun := "passage"
	if collapse {
		noun = "article" // collapsed, the index counts articles
	}
	what := plural(int(res.Total), noun)
	if res.Total == 0 {
		what = "No " + noun + "s"
	}
	var terms []string
	if query != "" {
		terms = append(terms, query)
	}
	for _, c := range chips {
		if c.Facet != "" {
			terms = append(terms, c.Label)
		}
	}
	if len(terms) == 0 {
		return what
	}
	return what + " for " + strings.Join(terms, ", ")
}

// maxExport is the most hits an export link asks for: the API's largest
// page.
const maxExport = 100

// exportLinks are the search of the page's URL through the API, as CSV
// and JSON: its first maxExport hits, with only the parameters the API
// knows (links from elsewhere carry their own).
func exportLinks(values url.Values) (csvURL, jsonURL string) {
	out := url.Values{}
	for name, vs := range values {
		if _, facet := index.LookupFacet(name); (facet || slices.Contains(searchParams, name)) && name != "from" && name != "size" && name != "limit" {
			out[name] = slices.Clone(vs)
		}
	}
	out.Set("size", strconv.Itoa(maxExport))
	jsonURL = "/api/search?" + out.Encode()
	out.Set("format", "csv")
	return "/api/search?" + out.Encode(), jsonURL
}

// snippet is the highlighted text of a hit. Highlights come from the index
// as escaped text with <mark> tags; one that holds any other markup is
// refused and the plain text shown instead.
func (s *server) snippet(r *http.Request, h index.Hit) template.HTML {
	var parts []string
	for _, hl := range h.Highlights {
		if !safeHighlight(hl) {
			s.log.WarnContext(r.Context(), "unsafe highlight dropped", "passage", h.ID)
			parts = nil
			break
		}
		parts = append(parts, strings.TrimSpace(hl))
	}
	if len(parts) == 0 {
		return template.HTML(template.HTMLEscapeString(clip(h.Text, 320)))
	}
	return template.HTML(strings.Join(parts, " … "))
}

// safeHighlight reports whether s is escaped text whose only markup is
// balanced, unnested <mark></mark> pairs.
func safeHighlight(s string) bool {
	depth := 0
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "<mark>"):
			depth++
			s = s[len("<mark>"):]
		case strings.HasPrefix(s, "</mark>"):
			depth--
			s = s[len("</mark>"):]
		case s[0] == '<' || s[0] == '>':
			return false
		default:
			s = s[1:]
			continue
		}
		if depth < 0 || depth > 1 {
			return false
		}
	}
	return depth == 0
}

// passageLink is the URL of a passage inside its article page: ?p= lets
// the server mark it, the fragment scrolls to it.
func passageLink(articleID, passageID string) string {
	base := "/articles/" + url.PathEscape(articleID)
	n, ok := passageOrdinal(passageID)
	if !ok {
		return base
	}
	return fmt.Sprintf("%s?p=%d#p%d", base, n, n)
}

// permalink is the lasting address of a passage: its anchor in its
// article, without the ?p= that marks it.
func permalink(articleID, passageID string) string {
	base := "/articles/" + url.PathEscape(articleID)
	if n, ok := passageOrdinal(passageID); ok {
		return fmt.Sprintf("%s#p%d", base, n)
	}
	return base
}

// passageOrdinal reads the ordinal from a passage id ("article#3" → 3).
func passageOrdinal(id string) (int, bool) {
	_, n, ok := ingest.SplitPassageID(id)
	return n, ok
}

// paginate fills the pager: previous, next and a window of page numbers.
func (v *searchView) paginate(values url.Values, req index.Request, total uint64) {
	size := req.Size
	v.Last = req.From + len(v.Hits)
	if total == 0 || size == 0 {
		return
	}
	maxFrom := uint64(10000 - size)
	lastPage := int((min(total, maxFrom+uint64(size)) - 1) / uint64(size))
	current := req.From / size
	link := func(p int) string {
		return "/?" + withParam(values, "from", strconv.Itoa(p*size), p == 0).Encode()
	}
	if current > 0 {
		v.Prev = link(current - 1)
	}
	if current < lastPage {
		v.Next = link(current + 1)
	}
	for p := max(0, current-3); p <= min(lastPage, current+3); p++ {
		v.Pages = append(v.Pages, pageLink{Number: p + 1, URL: link(p), Current: p == current})
	}
	if len(v.Pages) == 1 {
		v.Pages = nil
	}
}

// withParam copies values with param set to value (removed when drop and
// the value is the default); paging restarts when anything but from changes.
func withParam(values url.Values, param, value string, drop bool) url.Values {
	out := url.Values{}
	for k, vs := range values {
		out[k] = slices.Clone(vs)
	}
	if param != "from" {
		out.Del("from")
	}
	if drop && param == "from" {
		out.Del(param)
		return out
	}
	out.Set(param, value)
	return out
}
