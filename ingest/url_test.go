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

// TestFeedGUIDAsURL takes the address a feed item's guid gives as the
// article's url only when nothing better gives one: a link or permalink
// in the same metadata, the address the page was fetched from.
func TestFeedGUIDAsURL(t *testing.T) {
	body := "\n\nSocial workers wanted in Barnsley\n\nBarnsley Council is recruiting social workers for its assessment teams this spring.\n"
	for _, tt := range []struct{ name, src, want string }{
		{"a.txt", "guid: https://news.example.org/?p=77" + body, "https://news.example.org/?p=77"},
		{"a.txt", "guid: https://news.example.org/?p=77\nLink: https://news.example.org/barnsley-wanted/" + body, "https://news.example.org/barnsley-wanted/"},
		{"a.txt", "guid: tag:news.example.org,2024:77" + body, ""},
		{"https://www.example.org/stories/barnsley", "guid: https://news.example.org/?p=77" + body, "https://www.example.org/stories/barnsley"},
		{"a.md", "guid: https://news.example.org/?p=77\n" + body, "https://news.example.org/?p=77"},
		{"a.html", "<html><body><article><p>guid: https://news.example.org/?p=77</p><p>Permalink: https://news.example.org/barnsley-wanted/</p><h1>Social workers wanted in Barnsley</h1><p>Barnsley Council is recruiting social workers for its assessment teams this spring.</p></article></body></html>", "https://news.example.org/barnsley-wanted/"},
		{"a.html", "<html><body><article><p>guid: https://news.example.org/?p=77</p><h1>Social workers wanted in Barnsley</h1><p>Barnsley Council is recruiting social workers for its assessment teams this spring.</p></article></body></html>", "https://news.example.org/?p=77"},
	} {
		arts, err := Parse(tt.name, []byte(tt.src), Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].URL; got != tt.want {
			t.Errorf("%s %q: url %q, want %q", tt.name, tt.src[:40], got, tt.want)
		}
	}
}
