package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Errors the server itself raises; the index and ingest add theirs.
var (
	errUnauthorized    = errors.New("this request needs an Authorization: Bearer token")
	errForbidden       = errors.New("the token is not valid")
	errWritesDisabled  = errors.New("writes are disabled: start the server with RECRUITSEARCH_TOKEN set to allow them")
	errNoDiskIndex     = errors.New("writes need an index on disk: this server serves an index held in memory, where a write would be lost at restart; start it with --index DIR")
	errRouteNotFound   = errors.New("no such page")
	errMethod          = errors.New("method not allowed on this path")
	errNotReady        = errors.New("the index is not open yet")
	errUnsupported     = errors.New("unsupported media type")
	errHeadersTooLarge = fmt.Errorf("the request headers are larger than the %d-byte limit", MaxHeaderBytes)
)

// paramError is a bad request parameter, named so the caller can fix it.
type paramError struct {
	Param   string
	Message string
}

func (e *paramError) Error() string { return e.Param + ": " + e.Message }

func badParam(param, format string, args ...any) error {
	return &paramError{Param: param, Message: fmt.Sprintf(format, args...)}
}

// notFound says which id was not found, in words fit to show, while still
// matching index.ErrNotFound.
func notFound(what, id string) error {
	return &messageError{msg: fmt.Sprintf("no %s has the id %q", what, id), err: index.ErrNotFound}
}

// messageError replaces an error's message and keeps its kind.
type messageError struct {
	msg string
	err error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.err }

// errorKind is one row of the table below.
type errorKind struct {
	target error
	status int
	code   string
	// public says the error's own message is fit to show the caller; when
	// false the caller sees the generic text for the status.
	public bool
}

// errorKinds maps every error kind the server knows to its HTTP answer.
// The first row whose target matches (errors.Is) wins; anything else is an
// internal error.
var errorKinds = []errorKind{
	{index.ErrNotFound, http.StatusNotFound, "not_found", true},
	{index.ErrBadQuery, http.StatusBadRequest, "bad_query", true},
	{index.ErrTimeout, http.StatusServiceUnavailable, "timeout", false},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "timeout", false},
	{index.ErrReadOnly, http.StatusForbidden, "read_only", false},
	{index.ErrLocked, http.StatusServiceUnavailable, "locked", false},
	{index.ErrDamaged, http.StatusServiceUnavailable, "index_damaged", false},
	{ingest.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large", true},
	{ingest.ErrUnsupportedFormat, http.StatusUnsupportedMediaType, "unsupported_format", true},
	{ingest.ErrBinary, http.StatusUnsupportedMediaType, "binary", true},
	{ingest.ErrEmpty, http.StatusBadRequest, "empty", true},
	{ingest.ErrNoArticle, http.StatusUnprocessableEntity, "no_article", true},
	{errUnauthorized, http.StatusUnauthorized, "unauthorized", true},
	{errForbidden, http.StatusForbidden, "forbidden", true},
	{errWritesDisabled, http.StatusForbidden, "writes_disabled", true},
	{errNoDiskIndex, http.StatusConflict, "no_disk_index", true},
	{index.ErrIncomplete, http.StatusConflict, "rebuild_refused", true},
	{errRouteNotFound, http.StatusNotFound, "not_found", true},
	{errMethod, http.StatusMethodNotAllowed, "method_not_allowed", true},
	{errNotReady, http.StatusServiceUnavailable, "not_ready", true},
	{errUnsupported, http.StatusUnsupportedMediaType, "unsupported_media_type", true},
	{errHeadersTooLarge, http.StatusRequestHeaderFieldsTooLarge, "headers_too_large", true},
}

// publicMessages is what a caller reads for an error whose own message is
// not shown.
var publicMessages = map[int]string{
	http.StatusNotFound:            "not found",
	http.StatusForbidden:           "forbidden",
	http.StatusServiceUnavailable:  "the search service is unavailable; try again shortly",
	http.StatusInternalServerError: "internal error",
}

// apiError is the body of every JSON error response.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// classify turns err into a status, a code and a message fit to show.
func classify(err error) (status int, code, message string) {
	var pe *paramError
	if errors.As(err, &pe) {
		return http.StatusBadRequest, "bad_parameter", pe.Error()
	}
	// The index names the request parameter at fault where there is one.
	var qe *index.QueryError
	if errors.As(err, &qe) && qe.Param != "" {
		return http.StatusBadRequest, "bad_parameter", qe.Param + ": " + qe.Message
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the request body is larger than the %d-byte limit", tooBig.Limit)
	}
	for _, k := range errorKinds {
		if !errors.Is(err, k.target) {
			continue
		}
		message = publicMessages[k.status]
		switch {
		case k.public:
			message = publicText(err)
		case k.status == http.StatusServiceUnavailable && k.code == "timeout":
			message = "the search took too long; try a simpler query"
		case message == "":
			message = http.StatusText(k.status)
		}
		return k.status, k.code, message
	}
	// Any other problem ingest found is about the caller's file, which the
	// message names.
	var fe *ingest.FileError
	if errors.As(err, &fe) {
		return http.StatusBadRequest, "invalid_file", fileProblems(err)
	}
	return http.StatusInternalServerError, "internal", publicMessages[http.StatusInternalServerError]
}

// fileProblems lists every *ingest.FileError in err's tree (JSON lines
// report one per bad line), at most ten, joined with "; ".
func fileProblems(err error) string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		var fe *ingest.FileError
		switch e := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			if errors.As(err, &fe) {
				out = append(out, fe.Error())
			}
		}
	}
	walk(err)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("and %d more", len(out)-10))
	}
	return strings.Join(out, "; ")
}

// publicText is the message of an error fit to show: a query error's own
// words rather than the wrapped chain.
func publicText(err error) string {
	var qe *index.QueryError
	if errors.As(err, &qe) {
		return qe.Message
	}
	var fe *ingest.FileError
	if errors.As(err, &fe) {
		return fileProblems(err)
	}
	return err.Error()
}

// statusClientClosed is what the access log and metrics count for a
// request whose client went away before the answer (nginx's 499): the
// server did not fail, so it is not a 5xx.
const statusClientClosed = 499

// clientGone reports whether r's client disconnected.
func clientGone(r *http.Request) bool {
	return errors.Is(r.Context().Err(), context.Canceled)
}

// writeError is the one place a JSON error is written. Internal errors and
// service failures are logged with their detail; the caller sees only the
// classified message.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, code, message := classify(err)
	if status >= http.StatusInternalServerError && clientGone(r) {
		status, code, message = statusClientClosed, "client_closed_request", "the client closed the request"
	}
	s.logError(r, status, err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="recruitsearch"`)
	}
	writeJSON(w, status, apiError{Error: apiErrorBody{Code: code, Message: message}})
}

// logError records err when the fault is on the server's side.
func (s *server) logError(r *http.Request, status int, err error) {
	if status < http.StatusInternalServerError {
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the caller went away
	}
	s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.String("error", err.Error()))
}

// writeJSON writes v as the JSON response body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a programming error (an unencodable type) reaches here.
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
