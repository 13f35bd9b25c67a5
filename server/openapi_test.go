package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/index"
)

// loadOpenAPI parses and validates the embedded OpenAPI document.
func loadOpenAPI(tb testing.TB) (*openapi3.T, routers.Router) {
	tb.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openapiJSON)
	if err != nil {
		tb.Fatalf("openapi.json does not parse: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("openapi.json is not valid OpenAPI 3: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, router
}

// TestOpenAPIResponses sends real requests to every route, the real
// in-memory index behind them, and validates each request and response
// against the OpenAPI document: the description is true.
func TestOpenAPIResponses(t *testing.T) {
	doc, router := loadOpenAPI(t)
	ix := realIndex(t)
	real, _ := newTestHandler(t, Deps{Searcher: ix, Writer: ix, Token: "tok"})
	failing, _ := newTestHandler(t, Deps{Searcher: &fakeSearcher{
		SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
			if req.Query == "slow" {
				return nil, index.ErrTimeout
			}
			return nil, errors.New("disk on fire")
		},
	}})
	notReady, _ := newTestHandler(t, Deps{Searcher: ix, Ready: func() error { return errors.New("opening") }})
	noWrites, _ := newTestHandler(t, Deps{Searcher: ix})

	articles, err := ix.Articles(context.Background())
	if err != nil || len(articles) == 0 {
		t.Fatalf("no articles in the seed index: %v", err)
	}
	id := articles[0].ID
	auth := []string{"Authorization", "Bearer tok"}
	hostile := "Employer Zone\n\nKent County Council\n\nFrontline view\n\nA test article about supervision\n\nA sponsored feature from Kent County Council\n\nWe offer weekly supervision to every social worker. Ofsted rated us inadequate in 2013; new starters now get a £2,000 golden hello.\n"

	tests := []struct {
		name           string
		h              http.Handler
		method, target string
		body           string
		header         []string
		status         int
	}{
		{"search", real, "GET", "/api/search?q=supervision&size=3", "", nil, 200},
		{"search filtered", real, "GET", "/api/search?q=caseloads&council=Kent&kind=qa&kind=quote&topic=caseloads&sort=relevance&collapse=article", "", nil, 200},
		{"search no match", real, "GET", "/api/search?q=zzzzqqqxxx", "", nil, 200},
		{"search as CSV", real, "GET", "/api/search?q=caseloads&council=Kent&format=csv", "", nil, 200},
		{"search bad format", real, "GET", "/api/search?q=caseloads&format=xml", "", nil, 400},
		{"search filters only", real, "GET", "/api/search?council=Medway+Council", "", nil, 200},
		{"search bad size", real, "GET", "/api/search?q=x&size=abc", "", nil, 400},
		{"search size over limit", real, "GET", "/api/search?q=x&size=1000", "", nil, 400},
		{"search window over limit", real, "GET", "/api/search?q=x&from=9995&size=10", "", nil, 400},
		{"search bad syntax", real, "GET", "/api/search?q=%22unbalanced", "", nil, 200},
		{"search timeout", failing, "GET", "/api/search?q=slow", "", nil, 503},
		{"search internal", failing, "GET", "/api/search?q=x", "", nil, 500},
		{"search not ready", notReady, "GET", "/api/search?q=x", "", nil, 503},
		{"articles", real, "GET", "/api/articles", "", nil, 200},
		{"article", real, "GET", "/api/articles/" + id, "", nil, 200},
		{"article missing", real, "GET", "/api/articles/nope", "", nil, 404},
		{"passage", real, "GET", "/api/passages/" + id + "%232", "", nil, 200},
		{"passage first", real, "GET", "/api/passages/" + id + "%231", "", nil, 200},
		{"passage missing", real, "GET", "/api/passages/" + id + "%23999", "", nil, 404},
		{"facets", real, "GET", "/api/facets", "", nil, 200},
		{"suggest", real, "GET", "/api/suggest?q=sup", "", nil, 200},
		{"suggest n", real, "GET", "/api/suggest?q=ke&n=3", "", nil, 200},
		{"suggest too long", real, "GET", "/api/suggest?q=" + strings.Repeat("x", 101), "", nil, 400},
		{"stats", real, "GET", "/api/stats", "", nil, 200},
		{"councils", real, "GET", "/api/councils", "", nil, 200},
		{"councils sorted in a region", real, "GET", "/api/councils?sort=caseload&region=South+East", "", nil, 200},
		{"councils bad sort", real, "GET", "/api/councils?sort=size", "", nil, 400},
		{"council with claims", real, "GET", "/api/councils/medway", "", nil, 200},
		{"council Kent", real, "GET", "/api/councils/kent", "", nil, 200},
		{"council without articles", real, "GET", "/api/councils/walsall", "", nil, 200},
		{"council abolished", real, "GET", "/api/councils/cumbria-county-council", "", nil, 200},
		{"council outside England", real, "GET", "/api/councils/Cardiff", "", nil, 200},
		{"council by DfE code", real, "GET", "/api/councils/886", "", nil, 200},
		{"council joint return", real, "GET", "/api/councils/richmond-upon-thames", "", nil, 200},
		{"council unknown", real, "GET", "/api/councils/walsal", "", nil, 404},
		{"openapi", real, "GET", "/api/openapi.json", "", nil, 200},
		{"healthz", real, "GET", "/healthz", "", nil, 200},
		{"readyz", real, "GET", "/readyz", "", nil, 200},
		{"readyz not ready", notReady, "GET", "/readyz", "", nil, 503},
		{"metrics", real, "GET", "/metrics", "", nil, 200},
		{"ingest", real, "POST", "/api/articles?filename=test.txt", hostile, append([]string{"Content-Type", "text/plain"}, auth...), 201},
		{"search ingested facts", real, "GET", "/api/search?q=golden+hello&size=3", "", nil, 200},
		{"ingest again", real, "POST", "/api/articles?filename=test.txt", hostile, append([]string{"Content-Type", "text/plain"}, auth...), 200},
		{"ingest empty", real, "POST", "/api/articles?filename=empty.txt", " ", append([]string{"Content-Type", "text/plain"}, auth...), 400},
		{"ingest no token", real, "POST", "/api/articles?filename=t.txt", hostile, []string{"Content-Type", "text/plain"}, 401},
		{"ingest wrong token", real, "POST", "/api/articles?filename=t.txt", hostile, []string{"Content-Type", "text/plain", "Authorization", "Bearer nope"}, 403},
		{"ingest disabled", noWrites, "POST", "/api/articles?filename=t.txt", hostile, append([]string{"Content-Type", "text/plain"}, auth...), 403},
		{"rebuild", real, "POST", "/api/admin/rebuild", "", auth, 200},
		{"rebuild disabled", noWrites, "POST", "/api/admin/rebuild", "", auth, 403},
		{"delete", real, "DELETE", "/api/articles/a-test-article-about-supervision", "", auth, 204},
		{"delete missing", real, "DELETE", "/api/articles/a-test-article-about-supervision", "", auth, 404},
		{"delete no token", real, "DELETE", "/api/articles/" + id, "", nil, 401},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			for i := 0; i+1 < len(tt.header); i += 2 {
				req.Header.Set(tt.header[i], tt.header[i+1])
			}
			route, pathParams, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("%s %s is not in the OpenAPI document: %v", tt.method, tt.target, err)
			}
			covered[tt.method+" "+route.Path] = true
			input := &openapi3filter.RequestValidationInput{
				Request: req, PathParams: pathParams, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
			}
			// The request itself may be wrong on purpose; only a valid
			// one must validate.
			reqErr := openapi3filter.ValidateRequest(context.Background(), input)
			if tt.status < 400 && reqErr != nil {
				t.Errorf("valid request does not match the document: %v", reqErr)
			}
			req.Body = io.NopCloser(strings.NewReader(tt.body))

			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, clip(rec.Body.String(), 500))
			}
			err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: input,
				Status:                 rec.Code,
				Header:                 rec.Header(),
				Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
				Options:                &openapi3filter.Options{IncludeResponseStatus: true},
			})
			if err != nil {
				t.Errorf("response does not match the document: %v\n%s", err, clip(rec.Body.String(), 800))
			}
		})
	}

	// Every operation in the document was exercised.
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !covered[method+" "+path] {
				t.Errorf("%s %s is documented but no test response was validated", method, path)
			}
		}
	}
}

// TestOpenAPICoversRoutes checks that every machine route the router
// serves is documented.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	s := &server{deps: Deps{Registry: newRegistry()}}
	r := s.routes().(*mux.Router)
	err := r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		if !strings.HasPrefix(path, "/api/") && path != "/healthz" && path != "/readyz" && path != "/metrics" {
			return nil // web pages and static files are not part of the API
		}
		item := doc.Paths.Value(path)
		if item == nil {
			t.Errorf("route %s is not documented", path)
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			if m != http.MethodHead && item.GetOperation(m) == nil {
				t.Errorf("%s %s is not documented", m, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpenAPILintRules checks in Go what `redocly lint` (recommended
// rules, run by CI on the served document) asks: security declared at
// the root (public operations: none) and on the writes, servers, a
// licence, a 4xx answer on every operation, a type beside every
// nullable, and the size bounds the index enforces.
func TestOpenAPILintRules(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if sec, ok := doc["security"].([]any); !ok || len(sec) != 0 {
		t.Errorf("root security = %v, want [] (public operations)", doc["security"])
	}
	if servers, _ := doc["servers"].([]any); len(servers) == 0 {
		t.Error("no servers")
	}
	if dig(doc, "info", "license", "name") == nil {
		t.Error("no info.license")
	}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			if !slices.Contains([]string{"get", "put", "post", "delete", "patch", "head"}, method) {
				continue // path-level parameters
			}
			responses, _ := dig(op, "responses").(map[string]any)
			has4xx := false
			for code := range responses {
				has4xx = has4xx || strings.HasPrefix(code, "4")
			}
			if !has4xx {
				t.Errorf("%s %s has no 4xx response", method, path)
			}
			if method != "get" {
				if sec, _ := dig(op, "security").([]any); len(sec) == 0 {
					t.Errorf("%s %s (a write) declares no bearer security", method, path)
				}
			}
		}
	}
	var nullables func(at string, v any)
	nullables = func(at string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["nullable"] == true && v["type"] == nil {
				t.Errorf("%s: nullable without a type", at)
			}
			for k, x := range v {
				nullables(at+"/"+k, x)
			}
		case []any:
			for i, x := range v {
				nullables(fmt.Sprintf("%s/%d", at, i), x)
			}
		}
	}
	nullables("#", doc)
	params, _ := dig(doc, "paths", "/api/search", "get").(map[string]any)["parameters"].([]any)
	bounds := map[string]float64{"size": index.MaxSize, "limit": index.MaxSize, "from": index.MaxWindow - 1}
	for _, p := range params {
		name, _ := dig(p, "name").(string)
		if want, ok := bounds[name]; ok {
			if got, _ := dig(p, "schema", "maximum").(float64); got != want {
				t.Errorf("%s: maximum %v, want %v", name, dig(p, "schema", "maximum"), want)
			}
			delete(bounds, name)
		}
	}
	if len(bounds) > 0 {
		t.Errorf("parameters missing: %v", bounds)
	}
}

// TestOpenAPIBoundsAreTheServers: the maximum the document gives each
// number parameter of /api/search is the largest the server takes, and
// one more is refused naming that maximum (the document said from was at
// most 9999 while the server's own error said 10000).
func TestOpenAPIBoundsAreTheServers(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	h, _ := newTestHandler(t, fixtureDeps(t))
	params := doc.Paths.Find("/api/search").Get.Parameters
	for _, name := range []string{"size", "limit", "from"} {
		p := params.GetByInAndName("query", name)
		if p == nil || p.Schema == nil || p.Schema.Value.Max == nil {
			t.Errorf("the document gives %s no maximum", name)
			continue
		}
		most := int(*p.Schema.Value.Max)
		t.Run(name, func(t *testing.T) {
			size := "" // from is checked with one hit a page, so that from+size fits
			if name == "from" {
				size = "&size=1"
			}
			if rec := do(t, h, "GET", fmt.Sprintf("/api/search?q=x&%s=%d%s", name, most, size), nil); rec.Code != http.StatusOK {
				t.Errorf("%s=%d, the document's maximum: %d %s", name, most, rec.Code, rec.Body.String())
			}
			rec := do(t, h, "GET", fmt.Sprintf("/api/search?q=x&%s=%d%s", name, most+1, size), nil)
			want := fmt.Sprintf("%s: must be at most %d (got %d)", name, most, most+1)
			if e := decodeError(t, rec.Body.Bytes()); rec.Code != http.StatusBadRequest || e.Message != want {
				t.Errorf("%s=%d: %d %+v, want 400 %q", name, most+1, rec.Code, e, want)
			}
		})
	}
}
