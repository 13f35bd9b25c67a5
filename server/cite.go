package server

import (
	"fmt"
	"net/http"
	"strings"
)

// citeView is one passage's citation in the forms people paste: a line of
// plain text, a BibTeX entry and a RIS record.
type citeView struct {
	Text   string
	BibTeX string
	RIS    string
}

// citation is what a passage's citation says.
type citation struct {
	Key       string // the BibTeX key: the passage id, made safe
	Title     string
	Council   string
	Date      dateView
	SourceURL string // where the article was first published, "" when unknown
	Permalink string // the passage on this site, absolute
	Accessed  string // ISO date the citation was made
}

// cite writes c in the three forms.
func cite(c citation) citeView {
	var text strings.Builder
	if c.Council != "" {
		text.WriteString(c.Council)
		text.WriteString(". ")
	}
	if c.Date.Text != "" {
		fmt.Fprintf(&text, "(%s). ", c.Date.Text)
	}
	fmt.Fprintf(&text, "“%s”. ", c.Title)
	if c.SourceURL != "" {
		fmt.Fprintf(&text, "%s. ", c.SourceURL)
	}
	fmt.Fprintf(&text, "Passage: %s (accessed %s).", c.Permalink, c.Accessed)

	year := ""
	if len(c.Date.ISO) >= 4 {
		year = c.Date.ISO[:4]
	}
	var bib strings.Builder
	fmt.Fprintf(&bib, "@misc{%s,\n", c.Key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&bib, "  %s = {%s},\n", name, bibEscape(value))
		}
	}
	// A URL is read verbatim by biblatex: escaping its # would break it.
	verbatim := func(name, value string) { fmt.Fprintf(&bib, "  %s = {%s},\n", name, value) }
	field("title", c.Title)
	field("author", braced(c.Council))
	field("year", year)
	url := c.SourceURL
	if url == "" {
		url = c.Permalink
	}
	verbatim("url", url)
	note := "Passage: " + c.Permalink
	if c.Date.Estimated {
		note += "; date estimated"
	}
	field("note", note)
	verbatim("urldate", c.Accessed)
	bib.WriteString("}")

	var ris strings.Builder
	tag := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&ris, "%s  - %s\n", name, strings.ReplaceAll(value, "\n", " "))
		}
	}
	tag("TY", "ELEC")
	tag("TI", c.Title)
	tag("AU", c.Council)
	tag("PY", year)
	if !c.Date.Estimated {
		tag("DA", strings.ReplaceAll(c.Date.ISO, "-", "/"))
	}
	tag("UR", url)
	tag("N1", note)
	tag("Y2", c.Accessed)
	ris.WriteString("ER  - ")
	return citeView{Text: text.String(), BibTeX: bib.String(), RIS: ris.String()}
}

// braced keeps an organisation's name whole in BibTeX's author field
// ("Kent County Council" is not a Council, K. C.).
func braced(s string) string {
	if s == "" {
		return ""
	}
	return "{" + s + "}"
}

// bibEscape escapes the characters BibTeX reads as markup.
func bibEscape(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, `%`, `\%`, `&`, `\&`, `#`, `\#`, `_`, `\_`, `$`, `\$`).Replace(s)
}

// bibKey makes a BibTeX key from a passage id ("kent-article#3").
func bibKey(id string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '-'
	}, id)
}

// siteURL is the absolute URL of path on the site the request reached.
func siteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
