package server

import (
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// DefaultMaxBodyBytes bounds an uploaded article when Deps.MaxBodyBytes is
// zero. It matches ingest's default 5 MB file limit.
const DefaultMaxBodyBytes = 5 << 20

// Deps is everything the server needs. Only Searcher is required.
type Deps struct {
	// Searcher answers every read.
	Searcher Searcher
	// Writer changes the index; nil disables the write API (403).
	Writer Writer
	// Token is the bearer token writes must carry; "" refuses every write.
	Token string
	// Logger receives the access log and internal errors; nil discards.
	Logger *slog.Logger
	// Registry receives the server's metrics and is served on /metrics;
	// nil means a fresh registry with the Go and process collectors.
	Registry *prometheus.Registry
	// MaxBodyBytes bounds a POST body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Ready reports whether the index is open and searchable; nil means
	// ready whenever Searcher is set.
	Ready func() error
	// Official holds the official figures the council pages show; nil
	// means the release shipped in the binary.
	Official *official.Dataset
	// Following, with serve --follow, is shown in /api/stats and /metrics.
	Following Following
	// Now is the clock the pages read (an article "older than five
	// years"); nil means time.Now.
	Now func() time.Time
}

// New returns the HTTP handler for the JSON API, the web pages, health and
// metrics, wrapped in the server's middleware.
func New(deps Deps) http.Handler {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if deps.MaxBodyBytes <= 0 {
		deps.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if deps.Registry == nil {
		deps.Registry = newRegistry()
	}
	s := &server{
		deps:    deps,
		log:     deps.Logger,
		metrics: newMetrics(deps.Registry, deps.Searcher),
		pages:   mustParsePages(),
	}
	registerFollowing(deps.Registry, deps.Following)
	return s.middleware(s.routes())
}

// server holds what the handlers share.
type server struct {
	deps    Deps
	log     *slog.Logger
	metrics *metrics
	pages   *pages
}

// official is the release of official figures the pages show, loaded on
// first use so a server that never shows a council never parses it.
func (s *server) official() *official.Dataset {
	if s.deps.Official != nil {
		return s.deps.Official
	}
	return official.Shipped()
}

// NewHTTPServer returns an http.Server for h with the timeouts a
// public-facing service needs. Long writes (a rebuild) extend their own
// deadline. net/http reads headers up to 1 MB, so that the server's own
// MaxHeaderBytes check answers a request over 64 KB in the JSON or HTML
// error format; only one over 1 MB gets net/http's plain-text 431.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
	}
}
