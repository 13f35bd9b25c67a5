package server

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
)

// rawHostile are the hostile strings as markup; none may reach a page.
var rawHostile = []string{scriptXSS, imgXSS, "<script>", "<img src=x"}

// escapedHostile are how they must appear instead.
var escapedHostile = []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"}

func TestOutputSafetyPages(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	id := xssArticle().ID
	for _, target := range []string{
		"/?q=zebracrossing", // results: title, council, heading, speaker, role, highlight
		"/?q=zebracrossing&council=" + "Evil+%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+Council", // checked facet value
		"/?q=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E",                                     // the query echoed in the box
		"/articles/" + id, // the article view
		"/articles",       // the list
		"/compare",        // the heat map
		"/compare?council=kent&council=" + "%3Cimg+src%3Dx+onerror%3Dalert(1)%3E", // the bad council echoed, and kept in the form
		"/councils/" + "%3Cimg%20src=x%20onerror=alert(1)%3E",                     // an unknown council's 404 page
	} {
		t.Run(target, func(t *testing.T) {
			rec := do(t, h, "GET", target, nil)
			body := rec.Body.String()
			mustNotContain(t, body, rawHostile...)
			if !strings.Contains(body, escapedHostile[0]) && !strings.Contains(body, escapedHostile[1]) {
				t.Errorf("no escaped hostile text on the page: it was dropped rather than shown")
			}
		})
	}
}

// TestOutputSafetyHighlights feeds highlights that carry markup beyond
// <mark>: the page shows the escaped plain text instead.
func TestOutputSafetyHighlights(t *testing.T) {
	h, logs := newTestHandler(t, Deps{Searcher: &fakeSearcher{
		SearchFunc: func(ctx context.Context, req index.Request) (*index.Result, error) {
			return &index.Result{Query: req.Query, Total: 1, Hits: []index.Hit{{
				ID: "a#1", ArticleID: "a", ArticleTitle: "T", Kind: "quote",
				Text:       "Text with " + scriptXSS,
				Highlights: []string{"fine <mark>text</mark>", "Text with <mark>" + scriptXSS + "</mark>"},
			}}}, nil
		},
	}})
	rec := do(t, h, "GET", "/?q=text", nil)
	body := rec.Body.String()
	mustNotContain(t, body, rawHostile...)
	mustContain(t, body, `<p class="snippet">Text with &lt;script&gt;alert(1)&lt;/script&gt;</p>`)
	mustContain(t, logs.String(), "unsafe highlight dropped")
}

// TestOutputSafetyJSON checks the JSON API escapes markup (encoding/json
// writes < and > as \u003c and \u003e), so a response sniffed or embedded
// as HTML cannot run.
func TestOutputSafetyJSON(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{"/api/search?q=zebracrossing", "/api/suggest?q=Mall", "/api/suggest?q=Evil", "/api/articles/" + xssArticle().ID} {
		rec := do(t, h, "GET", target, nil)
		body := rec.Body.String()
		mustNotContain(t, body, "<script", "<img")
		if !strings.Contains(body, `\u003cscript\u003e`) && !strings.Contains(body, `\u003cimg`) {
			t.Errorf("%s: hostile text missing from the JSON: %s", target, clip(body, 400))
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("%s: not JSON: %v", target, err)
		}
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{"/", "/?q=supervision", "/articles/" + kentArticle().ID, "/compare", "/api/search?q=x", "/nope", "/static/app.js"} {
		rec := do(t, h, "GET", target, nil)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", target, csp)
		}
		for header, want := range map[string]string{
			"X-Content-Type-Options":            "nosniff",
			"Referrer-Policy":                   "strict-origin-when-cross-origin",
			"X-Frame-Options":                   "DENY",
			"Cross-Origin-Resource-Policy":      "same-origin",
			"X-Permitted-Cross-Domain-Policies": "none",
		} {
			if got := rec.Header().Get(header); got != want {
				t.Errorf("%s: %s = %q, want %q", target, header, got, want)
			}
		}
		pp := rec.Header().Get("Permissions-Policy")
		for _, off := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()", "clipboard-read=()"} {
			if !strings.Contains(pp, off) {
				t.Errorf("%s: Permissions-Policy %q does not turn off %s", target, pp, off)
			}
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			body := rec.Body.String()
			// The pages need nothing the CSP forbids: no inline script,
			// style, event handler or other host. An absolute URL as
			// text (a citation's permalink) loads nothing.
			for _, bad := range []string{"<script>", "<style", " style=", " onclick=", " onload=", ` src="http`, ` src="//`, "url(http", "url(//"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s: page contains %q, which the CSP forbids or which loads from another host", target, bad)
				}
			}
			if m := regexp.MustCompile(`<link[^>]+href="(https?:)?//`).FindString(body); m != "" {
				t.Errorf("%s: page loads %q from another host", target, m)
			}
		}
	}
}

func TestSuggestEscapedInPage(t *testing.T) {
	// Suggestions are rendered by app.js with textContent; make sure it
	// never uses innerHTML or similar for them.
	js := string(assets["app.js"].data)
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	if !strings.Contains(js, "text.textContent = s.text") {
		t.Error("app.js no longer sets suggestion text with textContent")
	}
}

func TestHeadRequests(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDeps(t))
	for _, target := range []string{"/", "/api/search?q=supervision", "/healthz"} {
		if rec := do(t, h, "HEAD", target, nil); rec.Code != http.StatusOK {
			t.Errorf("HEAD %s: status %d", target, rec.Code)
		}
	}
}
