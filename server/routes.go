package server

import (
	"net/http"

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
	r.Handle("/static/{name}", handleStatic()).Methods(http.MethodGet, http.MethodHead)

	r.NotFoundHandler = s.notFound()
	r.MethodNotAllowedHandler = s.apiError(errMethod)
	return r
}
