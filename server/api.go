package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Suggestion limits for /api/suggest.
const (
	defaultSuggestions = 8
	maxSuggestions     = 20
	maxSuggestPrefix   = 100
)

// handleSearch answers GET /api/search with the JSON DESIGN.md fixes, or
// with ?format=csv its hits as CSV.
func (s *server) handleSearch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := apiSearchRequest(r.URL.Query())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		format, err := searchFormat(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		res, err := s.search(r, req)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if format == "csv" {
			writeSearchCSV(w, r, req, res)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

// answerJSON is a handler that answers with what answer returns, as JSON
// with status 200, or with its error as writeError words it.
func (s *server) answerJSON(answer func(r *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := answer(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// handleArticles answers GET /api/articles: every article, one line each.
func (s *server) handleArticles() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		list, err := s.deps.Searcher.Articles(r.Context())
		if list == nil {
			list = []index.ArticleSummary{}
		}
		return list, err
	})
}

// handleArticle answers GET /api/articles/{id}: the article with its
// passages in order.
func (s *server) handleArticle() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		return s.article(r, mux.Vars(r)["id"])
	})
}

// handlePassage answers GET /api/passages/{id} (the id's "#" sent as %23):
// the passage with its article's title and its neighbours.
func (s *server) handlePassage() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		id := mux.Vars(r)["id"]
		p, err := s.deps.Searcher.Passage(r.Context(), id)
		return p, orNotFound(err, "passage", id)
	})
}

// handleFacets answers GET /api/facets: every facet value with its count.
func (s *server) handleFacets() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		return s.deps.Searcher.Facets(r.Context())
	})
}

// suggestResponse is the body of GET /api/suggest.
type suggestResponse struct {
	Query       string             `json:"query"`
	Suggestions []index.Suggestion `json:"suggestions"`
}

// handleSuggest answers GET /api/suggest?q=sup[&n=8]: completions for what
// the user has typed so far.
func (s *server) handleSuggest() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		values := r.URL.Query()
		q, err := single(values, "q")
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if len([]rune(q)) > maxSuggestPrefix {
			s.writeError(w, r, badParam("q", "at most %d characters", maxSuggestPrefix))
			return
		}
		n, err := number(values, "n", 0, maxSuggestions)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if n == 0 {
			n = defaultSuggestions
		}
		resp := suggestResponse{Query: q, Suggestions: []index.Suggestion{}}
		if q != "" {
			found, err := s.deps.Searcher.Suggest(r.Context(), q, n)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			if found != nil {
				resp.Suggestions = found
			}
		}
		writeJSON(w, http.StatusOK, resp)
	})
}

// handleStats answers GET /api/stats: the size of the index.
func (s *server) handleStats() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		st, err := s.deps.Searcher.Stats(r.Context())
		if err != nil {
			return nil, err
		}
		return s.withFollowing(st), nil
	})
}

// search runs req and times it for the search-latency histogram.
func (s *server) search(r *http.Request, req index.Request) (*index.Result, error) {
	start := time.Now()
	res, err := s.deps.Searcher.Search(r.Context(), req)
	s.metrics.search.Observe(time.Since(start).Seconds())
	return res, err
}

// article fetches one article, naming the id when there is none.
func (s *server) article(r *http.Request, id string) (*ingest.Article, error) {
	a, err := s.deps.Searcher.Article(r.Context(), id)
	if err != nil {
		return nil, orNotFound(err, "article", id)
	}
	return a, nil
}

// orNotFound rewrites the index's not-found error to name what was asked for.
func orNotFound(err error, what, id string) error {
	if errors.Is(err, index.ErrNotFound) {
		return notFound(what, id)
	}
	return err
}
