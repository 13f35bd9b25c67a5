package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// defaultWidth is the width of a terminal whose size cannot be read.
const defaultWidth = 80

// outputWidth is the number of columns listings on stdout are fitted to,
// or 0 to leave lines as they are: pipes and files get whole lines, so
// grep and cut see one record a line. On a terminal it is COLUMNS when
// set, else the terminal's width.
func (a *app) outputWidth() int {
	if a.width != nil {
		return a.width()
	}
	if !isTerminal(a.stdout) {
		return 0
	}
	if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := a.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return defaultWidth
}

// listing is stdout for text a person reads, wrapped to the output width.
// Call Flush when done. JSON goes to a.stdout directly: wrapping would
// break its strings.
func (a *app) listing() *wrapWriter {
	return &wrapWriter{w: a.stdout, width: a.outputWidth()}
}

// wrapWriter wraps each line written through it at word boundaries to
// width columns (0: no wrapping). A continuation line is indented as far
// as the text of the line it continues: past the leading spaces and a
// short label such as "Q: ", "• " or "topic:   ".
type wrapWriter struct {
	w     io.Writer
	width int
	buf   []byte
	err   error
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	if ww.err != nil {
		return 0, ww.err
	}
	ww.buf = append(ww.buf, p...)
	for {
		i := bytes.IndexByte(ww.buf, '\n')
		if i < 0 {
			break
		}
		ww.writeLine(string(ww.buf[:i]))
		ww.buf = ww.buf[i+1:]
	}
	return len(p), ww.err
}

// Flush writes a last line that has no newline.
func (ww *wrapWriter) Flush() error {
	if len(ww.buf) > 0 && ww.err == nil {
		_, ww.err = io.WriteString(ww.w, strings.Join(wrapLine(string(ww.buf), ww.width), "\n"))
		ww.buf = nil
	}
	return ww.err
}

func (ww *wrapWriter) writeLine(line string) {
	if ww.err != nil {
		return
	}
	_, ww.err = io.WriteString(ww.w, strings.Join(wrapLine(line, ww.width), "\n")+"\n")
}

// hangingIndent matches what a continuation line is indented past.
var hangingIndent = regexp.MustCompile(`^ *(?:Q: |• |[a-z]{1,12}: *|[a-z]+  +|\d+\. )?`)

// glue joins two words that wrapping must keep on one line ("Kent 4");
// the listing writes it as a space.
const glue = "\u00a0"

// wrapLine breaks line at spaces into lines of at most width visible
// columns, keeping the spacing between words it does not break at. A
// word longer than the room left stays whole on a line of its own:
// breaking it would make a word that is not one.
func wrapLine(line string, width int) []string {
	if width <= 0 || visibleWidth(line) <= width {
		return []string{strings.ReplaceAll(line, glue, " ")}
	}
	indent := visibleWidth(hangingIndent.FindString(stripANSI(line)))
	if indent > width/2 {
		indent = 0
	}
	var out []string
	var cur strings.Builder
	curWidth := 0
	for rest := line; rest != ""; {
		gap := rest[:len(rest)-len(strings.TrimLeft(rest, " "))]
		rest = rest[len(gap):]
		word := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			word = rest[:i]
		}
		rest = rest[len(word):]
		if word == "" {
			break // trailing spaces
		}
		ww := visibleWidth(word)
		if curWidth > indent && curWidth+len(gap)+ww > width {
			out = append(out, cur.String())
			cur.Reset()
			cur.WriteString(strings.Repeat(" ", indent))
			curWidth, gap = indent, ""
		}
		cur.WriteString(gap + strings.ReplaceAll(word, glue, " "))
		curWidth += len(gap) + ww
	}
	return append(out, cur.String())
}

var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

func stripANSI(s string) string { return ansiEscape.ReplaceAllString(s, "") }

// visibleWidth is the number of columns s takes on a terminal: its runes
// less its ANSI escapes. The text is English with typographic marks, all
// one column wide.
func visibleWidth(s string) int { return utf8.RuneCountInString(stripANSI(s)) }

// truncate cuts s to at most width columns, ending it with "…" when cut.
func truncate(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:width-1]), " ") + "…"
}

// table is rows of plain-text cells printed in columns two spaces apart,
// fitted to a width by cutting the columns named in shrink.
type table struct {
	header []string
	rows   [][]string
	// shrink lists the columns that may be cut to fit, in the order they
	// are cut, each down to its least width.
	shrink []shrinkColumn
	// gap is the number of spaces between columns; 0 means tableGap.
	gap int
	// right lists the columns set flush right: figures.
	right []int
}

type shrinkColumn struct{ col, least int }

const tableGap = 2

// fits reports whether the table fits in width once the columns in
// shrink are cut as far as they may be.
func (t *table) fits(width int) bool {
	widths := t.columnWidths(0)
	total := t.gapWidth() * (len(widths) - 1)
	for _, n := range widths {
		total += n
	}
	for _, s := range t.shrink {
		total -= max(0, widths[s.col]-s.least)
	}
	return width <= 0 || total <= width
}

// columnWidths are the columns' widths fitted to width (0: whole cells).
func (t *table) columnWidths(width int) []int {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	if width > 0 {
		total := t.gapWidth() * (len(widths) - 1)
		for _, n := range widths {
			total += n
		}
		for _, s := range t.shrink {
			if total <= width {
				break
			}
			cut := min(total-width, widths[s.col]-s.least)
			if cut > 0 {
				widths[s.col] -= cut
				total -= cut
			}
		}
	}
	return widths
}

func (t *table) gapWidth() int {
	if t.gap > 0 {
		return t.gap
	}
	return tableGap
}

// write prints the table fitted to width (0: cells whole).
func (t *table) write(w io.Writer, width int) error {
	widths := t.columnWidths(width)
	var b strings.Builder
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, cell := range row {
			cell = truncate(cell, widths[i])
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			switch {
			case slices.Contains(t.right, i):
				b.WriteString(pad + cell)
			case i < len(row)-1:
				b.WriteString(cell + pad)
			default:
				b.WriteString(cell) // no trailing spaces
			}
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", t.gapWidth()))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
