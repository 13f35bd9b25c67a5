package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"
	"github.com/klauspost/compress/gzhttp"
)

// contentSecurityPolicy allows nothing from another host and no inline
// script or style: every page uses only /static files.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// permissionsPolicy turns off every powerful feature the pages do not use.
// Copying a citation writes to the clipboard, so clipboard-write stays
// with the page itself. Only features Chromium knows are listed: an
// unknown one is a console error, which Lighthouse counts against best
// practices.
const permissionsPolicy = "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), " +
	"clipboard-read=(), clipboard-write=(self), display-capture=(), encrypted-media=(), fullscreen=(), " +
	"geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), " +
	"payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), " +
	"usb=(), xr-spatial-tracking=()"

// middleware wraps the router, outermost first: access log and metrics,
// security headers, the header-size limit, panic recovery, compression.
func (s *server) middleware(h http.Handler) http.Handler {
	gzip, err := gzhttp.NewWrapper(gzhttp.SuffixETag("-gzip"))
	if err != nil {
		panic(err) // only invalid options fail, and these are constant
	}
	return s.observe(securityHeaders(s.limitHeaders(s.recoverPanic(gzip(h)))))
}

// routeInfo carries the matched route template from the router back out
// to the access log and metrics.
type routeInfo struct{ template string }

type routeInfoKey struct{}

// recordRoute is a mux middleware: it notes which route template matched.
func recordRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(routeInfoKey{}).(*routeInfo); ok {
			if route := mux.CurrentRoute(r); route != nil {
				if t, err := route.GetPathTemplate(); err == nil {
					info.template = t
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// observe writes one structured access-log line per request and counts it
// by route template and status.
func (s *server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &routeInfo{template: "unmatched"}
		r = r.WithContext(context.WithValue(r.Context(), routeInfoKey{}, info))
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if rec.status >= http.StatusInternalServerError && clientGone(r) {
			rec.status = statusClientClosed
		}
		elapsed := time.Since(start)
		code := strconv.Itoa(rec.status)
		s.metrics.requests.WithLabelValues(info.template, r.Method, code).Inc()
		s.metrics.latency.WithLabelValues(info.template, code).Observe(elapsed.Seconds())
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.String("route", info.template),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", elapsed),
			slog.String("remote", r.RemoteAddr))
	})
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("X-Permitted-Cross-Domain-Policies", "none")
		h.Set("Permissions-Policy", permissionsPolicy)
		next.ServeHTTP(w, r)
	})
}

// recoverPanic turns a panicking handler into a logged 500 with no detail.
func (s *server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v) // the handler chose to abort the connection
			}
			s.log.LogAttrs(r.Context(), slog.LevelError, "panic serving request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Any("panic", v))
			writeJSON(w, http.StatusInternalServerError, apiError{Error: apiErrorBody{
				Code: "internal", Message: publicMessages[http.StatusInternalServerError]}})
		}()
		next.ServeHTTP(w, r)
	})
}

// MaxHeaderBytes bounds the header fields of a request; a request with
// more is answered 431 in the project's error format. NewHTTPServer lets
// net/http read up to 1 MB so that this check, not net/http's plain text
// answer, refuses most oversized requests. The request line is not
// counted: a long query string reaches the handler, which names the
// parameter that is too long.
const MaxHeaderBytes = 64 << 10

// limitHeaders refuses a request whose header fields are larger than
// MaxHeaderBytes.
func (s *server) limitHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if headerBytes(r) > MaxHeaderBytes {
			s.writeProblem(w, r, errHeadersTooLarge)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// headerBytes is about the size r's header fields had on the wire: each
// line with its ": " and CRLF.
func headerBytes(r *http.Request) int {
	n := len("Host: ") + len(r.Host) + 2
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(v) + 4
		}
	}
	return n
}
