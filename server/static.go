package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openapiTemplate []byte

// asset is one embedded static file with its content hash.
type asset struct {
	data        []byte
	hash        string // hex prefix of the SHA-256 of data: the ETag and cache key
	contentType string
}

// assets holds every file under static/, by base name.
var assets = loadAssets()

func loadAssets() map[string]asset {
	out := map[string]asset{}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	for _, e := range entries {
		data, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(e.Name()))
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[e.Name()] = asset{data: data, hash: hex.EncodeToString(sum[:8]), contentType: ct}
	}
	return out
}

// assetURL is the versioned URL of a static file, for templates: the
// version lets browsers cache it for a year.
func assetURL(name string) string {
	a, ok := assets[name]
	if !ok {
		panic("no static asset " + name) // templates are fixed; tests render them all
	}
	return "/static/" + name + "?v=" + a.hash
}

// handleStatic serves embedded assets with an ETag of their content hash.
// A request carrying the current ?v= may be cached for a year; any other
// must revalidate.
func (s *server) handleStatic() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[mux.Vars(r)["name"]]
		if !ok {
			s.renderError(w, r, errRouteNotFound)
			return
		}
		etag := `"` + a.hash + `"`
		h := w.Header()
		h.Set("ETag", etag)
		h.Set("Content-Type", a.contentType)
		if r.URL.Query().Get("v") == a.hash {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		if etagMatches(r.Header.Get("If-None-Match"), a.hash) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
	})
}

// etagMatches reports whether an If-None-Match header names hash, allowing
// for the weak prefix and the suffix compression adds to the ETag.
func etagMatches(header, hash string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		tag = strings.Trim(tag, `"`)
		tag = strings.TrimSuffix(strings.TrimSuffix(tag, "-gzip"), "-zstd")
		if tag == hash || tag == "*" {
			return true
		}
	}
	return false
}

// handleOpenAPI serves the OpenAPI 3 description of the JSON API.
func handleOpenAPI() http.Handler {
	sum := sha256.Sum256(openapiJSON)
	hash := hex.EncodeToString(sum[:8])
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("ETag", `"`+hash+`"`)
		w.Header().Set("Cache-Control", "no-cache")
		if etagMatches(r.Header.Get("If-None-Match"), hash) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(openapiJSON))
	})
}
