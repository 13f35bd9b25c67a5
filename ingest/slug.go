package ingest

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxSlugLen is the longest article ID DESIGN.md allows.
const maxSlugLen = 60

// slugify turns a title into lower-case ASCII words joined by '-', at most
// 60 characters, cut at a word boundary. Accents are folded ("café" →
// "cafe") and apostrophes dropped ("children's" → "childrens") so IDs stay
// readable.
func slugify(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	folded = strings.NewReplacer("'", "", "’", "", "‘", "").Replace(strings.ToLower(folded))
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	var b strings.Builder
	for _, w := range words {
		if len(w) > maxSlugLen {
			w = w[:maxSlugLen]
		}
		extra := len(w)
		if b.Len() > 0 {
			extra++
		}
		if b.Len()+extra > maxSlugLen {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// articleID is the slug of the title, or of the file name when the title
// gives none.
func articleID(title, name string) string {
	if id := slugify(title); id != "" {
		return id
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if ext := path.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	if id := slugify(base); id != "" {
		return id
	}
	return "article"
}
