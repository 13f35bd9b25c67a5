package ingest

import (
	"strings"
	"testing"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"decomposed accent", "cafe\u0301", "café"},
		{"ligature", "\ufb02exible working", "flexible working"},
		{"fullwidth", "ＡＳＹＥ ｓｕｐｅｒｖｉｓｉｏｎ １２", "ASYE supervision 12"},
		{"zero-width space inside a word", "super\u200bvision", "supervision"},
		{"soft hyphen", "case\u00adload", "caseload"},
		{"joiners and byte order mark", "\ufeffteam\u200d\u200c\u2060work", "teamwork"},
		{"ellipsis kept, accent composed", "60 seconds with…Amy cafe\u0301", "60 seconds with…Amy caf\u00e9"},
		{"ascii unchanged", "Supervision is good.", "Supervision is good."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeText(tt.in); got != tt.want {
				t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestParsedTextIsNormalized stores what looks alike as one form in every
// format, so the index sees "flexible" whichever way it was written.
func TestParsedTextIsNormalized(t *testing.T) {
	body := "Our caf\u00e9 \ufb02exible working policy is ｇｏｏｄ for super\u200bvision."
	inputs := map[string]string{
		"a.txt":   "Policies\n\n" + strings.ReplaceAll(body, "\u00e9", "e\u0301") + "\n",
		"a.html":  "<html><body><article><h1>Policies</h1><p>" + strings.ReplaceAll(body, "\u200b", "&#8203;") + "</p></article></body></html>",
		"a.md":    "# Policies\n\n" + body + "\n",
		"a.jsonl": `{"title":"Policies","text":"` + strings.ReplaceAll(body, "\u200b", `\u200b`) + `"}` + "\n",
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			arts, err := Parse(name, []byte(src), Options{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("%d articles, %v", len(arts), err)
			}
			want := "Our café flexible working policy is good for supervision."
			if got := arts[0].Passages[0].Text; got != want {
				t.Errorf("passage %q, want %q", got, want)
			}
		})
	}
}
