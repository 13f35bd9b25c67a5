package index

import "testing"

func TestWholeWords(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"partial word at the start", "…n eight core <mark>priorities</mark>", "…eight core <mark>priorities</mark>"},
		{"partial word at the end", "<mark>supervision</mark> and so the expectat…", "<mark>supervision</mark> and so the…"},
		{"both ends", "…ng regular <mark>supervision</mark> wh…", "…regular <mark>supervision</mark>…"},
		{"uncut text is left alone", "Each pod has group <mark>supervision</mark>.", "Each pod has group <mark>supervision</mark>."},
		{"a mark at the cut is never removed", "…<mark>supervision</mark> helps", "…<mark>supervision</mark> helps"},
		{"an entity at the cut is never removed", "…&#39;quoted&#39; word", "…&#39;quoted&#39; word"},
		{"a cut word with no space after stays", "…word", "…word"},
		{"multi-byte letters count as letters", "…ldren’s services are <mark>good</mark>", "…services are <mark>good</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wholeWords(tt.in); got != tt.want {
				t.Errorf("wholeWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
