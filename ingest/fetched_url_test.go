package ingest

import "testing"

// TestFetchedPageKeepsItsURL: a page named by the web address it was
// fetched from keeps that address as its url when it declares none, and
// the address it declares when it does; a file path is never a url.
func TestFetchedPageKeepsItsURL(t *testing.T) {
	const body = "Medway has small pods with a manager in each, and every social worker has weekly supervision."
	html := func(head string) string {
		return "<html><head>" + head + "</head><body><article><h1>Pods in Medway</h1><p>" + body + "</p></article></body></html>"
	}
	tests := []struct {
		name, src, want string
	}{
		{"https://example.org/jobs/pods", html(""), "https://example.org/jobs/pods"},
		{"https://example.org/jobs/pods#.md", "# Pods in Medway\n\n" + body + "\n", "https://example.org/jobs/pods"},
		{"https://example.org/jobs/pods?utm_source=feed", html(`<link rel="canonical" href="https://example.org/pods">`), "https://example.org/pods"},
		{"articles/pods.html", html(""), ""},
		{"https://example.org/all.jsonl", `{"title":"Pods in Medway","text":"` + body + `"}` + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Parse(tt.name, []byte(tt.src), Options{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("Parse: %d articles, %v", len(arts), err)
			}
			if got := arts[0].URL; got != tt.want {
				t.Errorf("url = %q, want %q", got, tt.want)
			}
		})
	}
}
