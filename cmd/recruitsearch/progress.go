package main

import (
	"fmt"
	"io"

	"github.com/schollz/progressbar/v3"

	"github.com/recruitsearch/recruitsearch/index"
)

// progress reports an ingest file by file: a bar on a terminal, one plain
// line per file otherwise, written only once the file is durably in the
// index (scripts and the crash test read it as the acknowledgement).
type progress interface {
	file(name string, rep index.AddReport, err error)
	finish()
}

func (a *app) newProgress(total int) progress {
	if isTerminal(a.stdout) {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stdout),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
		return &barProgress{bar: bar, stderr: a.stderr}
	}
	return &lineProgress{stdout: a.stdout, stderr: a.stderr}
}

// outcome is the one word for what happened to a file.
func outcome(rep index.AddReport) string {
	switch {
	case rep.Replaced > 0:
		return "replaced"
	case rep.Added > 0:
		return "added"
	case rep.Unchanged > 0:
		return "unchanged"
	default:
		return "empty"
	}
}

type lineProgress struct {
	stdout, stderr io.Writer
}

func (p *lineProgress) file(name string, rep index.AddReport, err error) {
	switch n := rep.Added + rep.Replaced + rep.Unchanged; {
	case n == 0:
	case rep.Added+rep.Replaced == 0:
		fmt.Fprintf(p.stdout, "%-9s %s\n", outcome(rep), name)
	case n == 1:
		fmt.Fprintf(p.stdout, "%-9s %s (%s)\n", outcome(rep), name, plural(rep.Passages, "passage"))
	default:
		fmt.Fprintf(p.stdout, "%-9s %s (%s, %s)\n", outcome(rep), name, plural(n, "article"), plural(rep.Passages, "passage"))
	}
	if err != nil {
		reportFileError(p.stderr, name, err)
	}
}

func (p *lineProgress) finish() {}

type barProgress struct {
	bar    *progressbar.ProgressBar
	stderr io.Writer
}

func (p *barProgress) file(name string, _ index.AddReport, err error) {
	if err != nil {
		// Clear the bar so the error gets a line of its own.
		_ = p.bar.Clear()
		reportFileError(p.stderr, name, err)
	}
	_ = p.bar.Add(1)
}

func (p *barProgress) finish() { _ = p.bar.Finish() }
