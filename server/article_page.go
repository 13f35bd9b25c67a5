package server

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// articleView is the data of an article page.
type articleView struct {
	Article *ingest.Article
	Blocks  []blockView
	Target  int // ordinal of the passage to highlight, 0 for none
	// Standfirst is shown under the title unless a passage repeats it.
	Standfirst string
	// CouncilURL is the council's profile; CouncilSearch its passages.
	CouncilURL    string
	CouncilSearch string
	// Date is the article's date; Date.Old asks for the note that it
	// may be out of date.
	Date dateView
	// BackURL is the search the reader came from, "" when they did not
	// come from one.
	BackURL string
}

// blockView is one passage in reading order, with the heading to print
// above it when its section starts there.
type blockView struct {
	ingest.Passage
	NewHeading string
	Anchor     string
	Target     bool
	Speaker    string // the attribution line, "Name, role"
	Cite       citeView
}

// handleArticlePage answers GET /articles/{id}[?p=N]: the article as a
// reader knows it, passage N marked and scrolled to.
func (s *server) handleArticlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := s.article(r, mux.Vars(r)["id"])
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		target := 0
		if p := r.URL.Query().Get("p"); p != "" {
			if n, err := strconv.Atoi(p); err == nil {
				target = n
			} else if n, ok := passageOrdinal(p); ok {
				target = n
			}
		}
		v := articleLayout(a, target)
		now := s.now()
		v.Date = articleDate(a.Published, a.PublishedEstimated, now)
		v.BackURL = backToResults(r)
		for i := range v.Blocks {
			b := &v.Blocks[i]
			b.Cite = cite(citation{
				Key: bibKey(b.ID), Title: a.Title, Council: a.Council, Date: v.Date, SourceURL: a.URL,
				Permalink: siteURL(r, permalink(a.ID, b.ID)), Accessed: now.Format(time.DateOnly),
			})
		}
		if a.Council != "" {
			v.CouncilURL = s.councilLink(a.Council)
			v.CouncilSearch = "/?" + url.Values{"council": {a.Council}}.Encode()
		}
		s.render(w, r, http.StatusOK, "article", page{Title: a.Title, Data: v})
	})
}

// backToResults is the search page the reader came from, read from the
// Referer (the site sends it to itself in full): "" unless it is this
// site's search page with a search in it. Its parameters are kept as they
// are, prefix=true of results shown while typing included: that is what
// made "superv" find supervision, and the way back shows the same results.
func backToResults(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || ref.Path != "/" || ref.RawQuery == "" {
		return ""
	}
	return "/?" + ref.RawQuery
}

// articleLayout orders an article's passages for reading, printing each
// heading once where its section begins and "Comments" above the first
// reader comment.
func articleLayout(a *ingest.Article, target int) articleView {
	v := articleView{Article: a, Target: target, Standfirst: a.Standfirst}
	heading := ""
	for _, p := range a.Passages {
		if p.Kind == ingest.KindIntro && p.Text == a.Standfirst {
			v.Standfirst = "" // the intro passage shows it, as a linkable passage
		}
		b := blockView{Passage: p, Anchor: "p" + strconv.Itoa(p.Ordinal), Target: p.Ordinal == target}
		h := p.Heading
		if p.Kind == ingest.KindComment && h == "" {
			h = "Comments"
		}
		if h != heading && h != "" && p.Kind != ingest.KindIntro {
			b.NewHeading = h
		}
		if p.Kind != ingest.KindIntro {
			heading = h
		}
		switch {
		case p.Speaker != "" && p.Role != "":
			b.Speaker = p.Speaker + ", " + p.Role
		default:
			b.Speaker = p.Speaker
		}
		v.Blocks = append(v.Blocks, b)
	}
	return v
}

// handleArticlesPage answers GET /articles: every article in the index.
func (s *server) handleArticlesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list, err := s.deps.Searcher.Articles(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		v := articlesView{Articles: list, CouncilURLs: map[string]string{}, Dates: map[string]dateView{}}
		now := s.now()
		for _, a := range list {
			v.Dates[a.ID] = articleDate(a.Published, false, now)
			if _, seen := v.CouncilURLs[a.Council]; !seen && a.Council != "" {
				v.CouncilURLs[a.Council] = s.councilLink(a.Council)
			}
		}
		s.render(w, r, http.StatusOK, "articles", page{Title: "Articles", Data: v})
	})
}

// articlesView is the data of the article list.
type articlesView struct {
	Articles []index.ArticleSummary
	// CouncilURLs maps each council name to its profile page.
	CouncilURLs map[string]string
	// Dates maps each article id to its date as shown.
	Dates map[string]dateView
}
