package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus series.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	search   prometheus.Histogram
}

// newRegistry is the registry used when Deps gives none.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg
}

// newMetrics registers the server's series on reg. Registering twice on the
// same registry (two handlers sharing one) reuses the first series.
func newMetrics(reg prometheus.Registerer, searcher Searcher) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "recruitsearch_http_requests_total",
			Help: "HTTP requests by route template, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "recruitsearch_http_request_duration_seconds",
			Help:    "HTTP request latency by route template and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "code"}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "recruitsearch_search_duration_seconds",
			Help:    "Time the index took to answer a search.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2},
		}),
	}
	m.requests = register(reg, m.requests)
	m.latency = register(reg, m.latency)
	m.search = register(reg, m.search)
	if searcher != nil {
		register(reg, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "recruitsearch_index_documents",
			Help: "Passages in the index (the documents Bleve holds).",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			st, err := searcher.Stats(ctx)
			if err != nil {
				return -1
			}
			return float64(st.Passages)
		}))
	}
	return m
}

// register adds c to reg, or returns the collector already registered in
// its place.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		if are, ok := err.(prometheus.AlreadyRegisteredError); ok {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(err) // a name clash with a different collector: a programming error
	}
	return c
}

// handleMetrics answers GET and HEAD /metrics with Prometheus's text
// exposition: never cached (each scrape must see the counts now), and
// with one Vary header. The compression middleware compresses it, so
// promhttp does not, and its Vary: Accept joins the middleware's
// Vary: Accept-Encoding.
func (s *server) handleMetrics() http.Handler {
	prom := promhttp.HandlerFor(s.deps.Registry, promhttp.HandlerOpts{DisableCompression: true})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		prom.ServeHTTP(&oneVary{ResponseWriter: w}, r)
	})
}

// oneVary merges the Vary headers set before the response starts into
// one: "Vary: Accept, Accept-Encoding".
type oneVary struct {
	http.ResponseWriter
	wrote bool
}

func (w *oneVary) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		h := w.Header()
		var names []string
		for _, v := range h.Values("Vary") {
			for name := range strings.SplitSeq(v, ",") {
				if name = http.CanonicalHeaderKey(strings.TrimSpace(name)); name != "" && !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
		if len(names) > 0 {
			h.Set("Vary", strings.Join(names, ", "))
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *oneVary) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *oneVary) Unwrap() http.ResponseWriter { return w.ResponseWriter }
