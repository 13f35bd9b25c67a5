package server

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// routes lists every route the server answers.
func (s *server) routes() http.Handler {
	r := mux.NewRouter()
	r.Use(recordRoute, s.requireReady)

	// One flat router, no /api subrouter: a gorilla/mux subrouter with
	// several routes answers 404 where it should answer 405.
	r.Handle("/api/search", s.handleSearch()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/articles", s.handleArticles()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/articles/{id}", s.handleArticle()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/passages/{id}", s.handlePassage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/facets", s.handleFacets()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/suggest", s.handleSuggest()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/stats", s.handleStats()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/councils", s.handleCouncilsAPI()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/councils/{id}", s.handleCouncilAPI()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/openapi.json", handleOpenAPI()).Methods(http.MethodGet, http.MethodHead)

	// Live updates: every write needs the bearer token.
	r.Handle("/api/articles", s.requireToken(s.handleIngest())).Methods(http.MethodPost)
	r.Handle("/api/articles/{id}", s.requireToken(s.handleDelete())).Methods(http.MethodDelete)
	r.Handle("/api/admin/rebuild", s.requireToken(s.handleRebuild())).Methods(http.MethodPost)

	r.Handle("/healthz", handleHealth()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", s.handleReady()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", s.handleMetrics()).Methods(http.MethodGet, http.MethodHead)

	r.Handle("/", s.handleSearchPage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/articles", s.handleArticlesPage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/articles/{id}", s.handleArticlePage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/compare", s.handleComparePage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/councils", s.handleCouncilsPage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/councils/{id}", s.handleCouncilPage()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/static/{name}", s.handleStatic()).Methods(http.MethodGet, http.MethodHead)

	r.NotFoundHandler = s.notFound()
	r.MethodNotAllowedHandler = s.methodNotAllowed(r)
	return r
}

// methodNotAllowed answers a path that exists with a method it does not
// take, naming in Allow the methods it does take (RFC 9110, 15.5.6).
func (s *server) methodNotAllowed(router *mux.Router) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", strings.Join(allowedMethods(router, r), ", "))
		s.writeProblem(w, r, errMethod)
	})
}

// allowedMethods lists the methods some route of router takes for r's
// path, in the order of the list below.
func allowedMethods(router *mux.Router, r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if router.Match(probe, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}
