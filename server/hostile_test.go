package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestHostileSearchRequests throws malformed and abusive searches at the
// real router and index: each must answer 200 with a result or 400 with a
// JSON error naming the problem, never 500.
func TestHostileSearchRequests(t *testing.T) {
	ix := realIndex(t)
	h, _ := newTestHandler(t, Deps{Searcher: ix})
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	tests := []string{
		q(`"unbalanced`), q(`unbalanced"`), q(`((((supervision`), q(`supervision))))`), q(`[a TO`), q(`{}`),
		q(strings.Repeat("(", 500) + "a" + strings.Repeat(")", 500)),
		q(`*`), q(`?*?*?*`), q(`/.*/`), q(`/(a+)+/`), q(`a~9`), q(`supervision~`), q(`s*`), q(`*ision`),
		q(`council:`), q(`nosuchfield:x`), q(`text:supervision`), q(`+`), q(`-`), q(`+-+-`), q(`AND OR NOT`), q(`^5`), q(`supervision^1e308`),
		q("a\x00b"), q("\x01\x02\x1b[31m"), q("\u202eevil\u202c"), q("שלום עולם"), q("🙂🙂 supervision"), q("\ufeff"),
		"q=%ff%fe%fd", "q=%c3%28", q(strings.Repeat("supervision ", 9000)), q(strings.Repeat("a", 100<<10)),
		q(strings.Repeat("a OR ", 2000) + "a"),
		"q=x&size=99999999999999999999", "q=x&from=99999999999999999999", "q=x&size=-1", "q=x&from=-1", "q=x&size=101",
		"q=x&from=10000", "q=x&size=0", "q=x&q=y", "q=x&size=1&size=2", "council=" + strings.Repeat("x", 10000),
		"kind=script", "sort=%00", "collapse=%ff", strings.Repeat("council=a&", 60),
	}
	for _, target := range tests {
		name := target
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			rec := do(t, h, "GET", "/api/search?"+target, nil)
			switch rec.Code {
			case http.StatusOK:
				var res struct{ Hits []json.RawMessage }
				if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
					t.Errorf("200 without a result: %v", err)
				}
				if len(res.Hits) > 100 {
					t.Errorf("%d hits in one page", len(res.Hits))
				}
			case http.StatusBadRequest:
				decodeError(t, rec.Body.Bytes())
			default:
				t.Errorf("status %d: %s", rec.Code, clip(rec.Body.String(), 300))
			}
			// The page form of the same request must hold up too.
			if rec := do(t, h, "GET", "/?"+target, nil); rec.Code >= 500 {
				t.Errorf("page: status %d", rec.Code)
			}
		})
	}
}
