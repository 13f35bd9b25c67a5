package ingest

import "testing"

func TestWebURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/kent/pods", "https://example.org/kent/pods"},
		{" http://example.org/a?b=1#c ", "http://example.org/a?b=1#c"},
		{"HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(document.cookie)", ""},
		{" javascript:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"vbscript:msgbox", ""},
		{"ftp://example.org/file", ""},
		{"/2016/06/30/pods-in-kent", ""},
		{"//example.org/pods", ""},
		{"https://user:pass@example.org/", ""},
		{"https:///no-host", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := webURL(tt.in); got != tt.want {
			t.Errorf("webURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOnlyWebURLsAreStored drops a javascript: address whichever way the
// source gives it: a JSON lines field, front matter, a canonical link.
func TestOnlyWebURLsAreStored(t *testing.T) {
	inputs := map[string]string{
		"a.jsonl": `{"title":"Pods","url":"javascript:alert(1)","text":"Medway has small pods with a manager in each."}` + "\n",
		"a.md":    "---\ntitle: Pods\nurl: javascript:alert(1)\n---\n\nMedway has small pods with a manager in each.\n",
		"a.html":  `<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article><h1>Pods</h1><p>Medway has small pods with a manager in each.</p></article></body></html>`,
	}
	for name, src := range inputs {
		arts, err := Parse(name, []byte(src), Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %d articles, %v", name, len(arts), err)
		}
		if arts[0].URL != "" {
			t.Errorf("%s: url %q stored, want none", name, arts[0].URL)
		}
	}
	arts, err := Parse("b.jsonl", []byte(`{"title":"Pods","url":"https://example.org/pods","text":"Medway has small pods."}`+"\n"), Options{})
	if err != nil || arts[0].URL != "https://example.org/pods" {
		t.Errorf("an https url: %v, %v", arts, err)
	}
}
