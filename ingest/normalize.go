package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText puts text in the one form ingest stores and the index's
// query parser searches with, so that what looks the same matches the
// same: format characters (zero-width space, soft hyphen, joiners, byte
// order marks, bidi controls) are removed, and the rest is NFKC, which
// composes a decomposed "café", undoes ligatures ("ﬂexible") and maps
// fullwidth letters and digits to the ordinary ones.
//
// The ellipsis "…" is kept: NFKC would make it "...", changing every
// article that has one without helping any search (no word is in it).
func NormalizeText(s string) string {
	if isASCII(s) {
		return s // nothing to do, and the common case
	}
	s = strings.Map(func(r rune) rune {
		if r >= firstFormat && unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	if !strings.Contains(s, "…") {
		return norm.NFKC.String(s)
	}
	parts := strings.Split(s, "…")
	for i, p := range parts {
		parts[i] = norm.NFKC.String(p)
	}
	return strings.Join(parts, "…")
}

// firstFormat is the first format character (Cf), the soft hyphen: no
// rune below it needs looking up.
const firstFormat = '\u00ad'

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
