package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name     string
		fragment string
		ansi     bool
		want     string
	}{
		{"plain text drops marks", "regular <mark>supervision</mark> where", false, "regular supervision where"},
		{"terminal makes marks bold", "regular <mark>supervision</mark> where", true, "regular \x1b[1msupervision\x1b[0m where"},
		{"escaped text is unescaped", "Tom &amp; Jerry&#39;s <mark>caseloads</mark> &lt;b&gt;", false, "Tom & Jerry's caseloads <b>"},
		{"an escaped mark in the article stays text", "&lt;mark&gt;x&lt;/mark&gt; <mark>y</mark>", true, "<mark>x</mark> \x1b[1my\x1b[0m"},
		{"control characters cannot reach a terminal", "a\x1b[31mred\x07 <mark>b</mark>", true, "a[31mred \x1b[1mb\x1b[0m"},
		{"unclosed mark", "<mark>open", false, "open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (style{ansi: tt.ansi}).highlight(tt.fragment); got != tt.want {
				t.Errorf("highlight(%q) = %q, want %q", tt.fragment, got, tt.want)
			}
		})
	}
}

func TestBuffersAreNotTerminals(t *testing.T) {
	a := testApp(nil)
	if a.newStyle(a.stdout).ansi {
		t.Error("a buffer got ANSI styling")
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KB", 1536: "1.5 KB", 5 << 20: "5.0 MB", 3 << 30: "3.0 GB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCollectFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a/one.html", "a/deeper/two.md", ".hidden/x.txt", "a/.DS_Store"} {
		writeFile(t, filepath.Join(dir, name), []byte("x"))
	}
	single := filepath.Join(dir, "b.txt")
	files, errs := collectFiles([]string{filepath.Join(dir, "a"), single, filepath.Join(dir, "missing")})
	want := []string{
		filepath.Join(dir, "a/deeper/two.md"),
		filepath.Join(dir, "a/one.html"),
		single,
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing") {
		t.Errorf("errs = %v, want one naming the missing path", errs)
	}
}
