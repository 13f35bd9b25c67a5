package server

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleHealth answers GET /healthz: the process is up.
func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// handleReady answers GET /readyz: 200 once the index is open, 503 before.
func (s *server) handleReady() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.ready(); err != nil {
			s.log.Debug("not ready", "error", err)
			s.writeError(w, r, errNotReady)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

// ready reports whether the server can answer searches.
func (s *server) ready() error {
	if s.deps.Searcher == nil {
		return errNotReady
	}
	if s.deps.Ready != nil {
		return s.deps.Ready()
	}
	return nil
}

// requireReady is a mux middleware: until the index is ready, every route
// that reads or writes it answers 503 (JSON under /api/, a page elsewhere).
// Health, metrics and static files are always served.
func (s *server) requireReady(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.ready(); err != nil && needsIndex(r) {
			s.writeProblem(w, r, errNotReady)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// needsIndex reports whether the matched route uses the index.
func needsIndex(r *http.Request) bool {
	route := mux.CurrentRoute(r)
	if route == nil {
		return false
	}
	t, _ := route.GetPathTemplate()
	switch t {
	case "/healthz", "/readyz", "/metrics", "/static/{name}", "/api/openapi.json":
		return false
	}
	return true
}
