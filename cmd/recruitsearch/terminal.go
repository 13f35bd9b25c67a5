package main

import (
	"html"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

const (
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// isTerminal reports whether w is a terminal, so listings use colour and a
// progress bar there and plain text in pipes, files and tests.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// style decides how text is decorated on one output stream.
type style struct {
	ansi     bool // bold and dim
	terminal bool // article text has its control characters dropped
}

// newStyle uses ANSI escapes only on a terminal, and never when NO_COLOR
// is set; on a terminal it makes article text safe with or without them.
func (a *app) newStyle(w io.Writer) style {
	t := isTerminal(w)
	return style{ansi: t && a.getenv("NO_COLOR") == "", terminal: t}
}

// plain is s without bold and dim, still safe for its terminal.
func (s style) plain() style { return style{terminal: s.terminal} }

func (s style) bold(text string) string {
	if !s.ansi || text == "" {
		return text
	}
	return ansiBold + text + ansiReset
}

func (s style) dim(text string) string {
	if !s.ansi || text == "" {
		return text
	}
	return ansiDim + text + ansiReset
}

// highlight turns an index highlight fragment (HTML-escaped text with
// <mark> around matches) into terminal text: bold matches on a terminal,
// plain text elsewhere. Each piece is unescaped on its own, so a literal
// "&lt;mark&gt;" in an article stays text and never becomes a mark.
func (s style) highlight(fragment string) string {
	var b strings.Builder
	for i, open := range strings.Split(fragment, "<mark>") {
		for j, piece := range strings.Split(open, "</mark>") {
			if i > 0 && j == 0 {
				b.WriteString(s.bold(s.text(html.UnescapeString(piece))))
				continue
			}
			b.WriteString(s.text(html.UnescapeString(piece)))
		}
	}
	return b.String()
}

// text is article text made safe to print: on a terminal, control
// characters (an ESC in an article could drive the user's terminal) are
// dropped.
func (s style) text(t string) string {
	if !s.terminal {
		return t
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, t)
}
