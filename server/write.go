package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/index"
)

// rebuildTimeout bounds how long a rebuild may hold its request open.
const rebuildTimeout = 30 * time.Minute

// requireToken lets a write through only with the configured bearer token:
// no token configured → 403 for everyone; a token but no writer (the
// index is in memory, so a write would not outlive the process) → 409;
// no credentials → 401, wrong credentials → 403.
func (s *server) requireToken(next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(s.deps.Token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.deps.Token == "" {
			s.writeError(w, r, errWritesDisabled)
			return
		}
		if s.deps.Writer == nil {
			s.writeError(w, r, errNoDiskIndex)
			return
		}
		auth := r.Header.Get("Authorization")
		if auth == "" {
			s.writeError(w, r, errUnauthorized)
			return
		}
		scheme, token, ok := strings.Cut(auth, " ")
		// Hashing both sides first makes the comparison constant-time
		// whatever the lengths.
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			s.writeError(w, r, errForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleIngest answers POST /api/articles: the body is one source file
// (text, HTML, Markdown or JSON lines), named by ?filename= or a
// Content-Disposition header so its format can be told. The article is
// searchable when the response is sent.
func (s *server) handleIngest() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.deps.MaxBodyBytes))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		name, err := uploadName(r, data)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		report, err := s.deps.Writer.Ingest(r.Context(), name, data)
		if err != nil && report.Added+report.Replaced+report.Unchanged == 0 {
			s.writeError(w, r, err)
			return
		}
		status := http.StatusOK
		if report.Added > 0 {
			status = http.StatusCreated
		}
		resp := ingestResponse{Filename: name, AddReport: report}
		if err != nil {
			// JSON lines with some bad lines: the good ones are in.
			resp.Warning = fileProblems(err)
			if resp.Warning == "" {
				s.log.WarnContext(r.Context(), "ingest reported an error with its articles", "file", name, "error", err)
			}
		}
		writeJSON(w, status, resp)
	})
}

// ingestResponse is the body of a successful POST /api/articles.
type ingestResponse struct {
	Filename string `json:"filename"`
	index.AddReport
	// Warning describes lines of a JSON lines upload that were skipped.
	Warning string `json:"warning,omitempty"`
}

// uploadName is the file name an upload is parsed under and kept as:
// ?filename=, else Content-Disposition's filename, else one made from
// its content's checksum and its Content-Type ("upload-1a2b….txt"). The
// name identifies the source in the index, so an unnamed upload never
// replaces a different one; sending the same bytes again changes nothing.
func uploadName(r *http.Request, data []byte) (string, error) {
	name, err := single(r.URL.Query(), "filename")
	if err != nil {
		return "", err
	}
	if name == "" {
		if cd := r.Header.Get("Content-Disposition"); cd != "" {
			if _, params, err := mime.ParseMediaType(cd); err == nil {
				name = params["filename"]
			}
		}
	}
	if name != "" {
		// Only the base name: the index keeps sources under its own dir.
		name = path.Base(strings.ReplaceAll(name, `\`, "/"))
		if name == "." || name == ".." || name == "/" || strings.ContainsRune(name, 0) {
			return "", badParam("filename", "%q is not a file name", clip(name, 40))
		}
		return name, nil
	}
	ext, err := uploadExt(r.Header.Get("Content-Type"))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return fmt.Sprintf("upload-%x%s", sum[:8], ext), nil
}

// uploadExt is the file extension that makes ingest read an unnamed
// upload in its Content-Type's format.
func uploadExt(contentType string) (string, error) {
	ct, _, _ := mime.ParseMediaType(contentType)
	switch ct {
	case "text/html", "application/xhtml+xml":
		return ".html", nil
	case "text/markdown", "text/x-markdown":
		return ".md", nil
	case "application/x-ndjson", "application/jsonl", "application/json", "application/x-jsonlines":
		return ".jsonl", nil
	case "", "text/plain", "application/octet-stream":
		return ".txt", nil
	}
	return "", &messageError{msg: "Content-Type " + clip(ct, 60) +
		" is not an article format (send text/plain, text/html, text/markdown or application/x-ndjson)", err: errUnsupported}
}

// handleDelete answers DELETE /api/articles/{id}: the article and every
// passage of it are gone when the response is sent.
func (s *server) handleDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		if err := s.deps.Writer.Delete(r.Context(), id); err != nil {
			s.writeError(w, r, orNotFound(err, "article", id))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleRebuild answers POST /api/admin/rebuild: the index is rebuilt from
// its kept sources aside and swapped in; searches go on meanwhile.
func (s *server) handleRebuild() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A rebuild may outlast the server's write timeout.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(rebuildTimeout))
		start := time.Now()
		if err := s.deps.Writer.Rebuild(r.Context()); err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, rebuildResponse{
			Status: "rebuilt",
			TookMS: float64(time.Since(start).Microseconds()) / 1000,
		})
	})
}

// rebuildResponse is the body of a successful rebuild.
type rebuildResponse struct {
	Status string  `json:"status"`
	TookMS float64 `json:"took_ms"`
}
