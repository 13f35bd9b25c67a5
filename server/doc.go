// Package server is recruitsearch's HTTP face: the JSON API, the web pages
// and the middleware around them.
//
// New builds the handler from Deps: a Searcher (what the server needs from
// the index; *index.Index satisfies it), an optional Writer for live
// updates, the bearer token writes must carry, a logger and a Prometheus
// registry. Every route is listed in routes.go:
//
//	GET  /api/search        passages for q with council, topic, kind, speaker filters
//	GET  /api/articles      article list; /api/articles/{id} one article
//	GET  /api/passages/{id} one passage with its neighbours ("#" sent as %23)
//	GET  /api/facets, /api/suggest?q=, /api/stats, /api/openapi.json
//	POST /api/articles, DELETE /api/articles/{id}, POST /api/admin/rebuild (token)
//	GET  /healthz, /readyz, /metrics
//	GET  /, /articles, /articles/{id}, /compare, /static/{name}
//
// The JSON shapes are those DESIGN.md fixes and openapi.json describes;
// the tests validate real responses against that document. Errors are
// always {"error":{"code","message"}}, their status taken from one table
// (errors.go); internal detail is logged, never shown.
//
// The pages are html/template with embedded CSS and JavaScript and a
// Content-Security-Policy that allows nothing inline and nothing from
// another host. They work without JavaScript (a GET form rendered on the
// server); app.js adds live results, suggestions and history. Highlights
// from the index are inserted as HTML only when their sole markup is
// <mark></mark>.
//
// NewHTTPServer gives the http.Server the command runs, with timeouts and
// a header size limit.
package server
