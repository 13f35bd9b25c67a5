package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/recruitsearch/recruitsearch/corpus/fetch"
)

// envContact is the contact url fetching sends in its User-Agent.
const envContact = "RECRUITSEARCH_CONTACT"

// fetchFlags are the flags of fetching from the web, shared by
// `ingest URL...` and `serve --follow`.
type fetchFlags struct {
	contact string
	delay   time.Duration
	timeout time.Duration
}

func addFetchFlags(f *pflag.FlagSet, o *fetchFlags) {
	f.StringVar(&o.contact, "contact", "", "when fetching URLs: your contact url (https://… or mailto:…), sent in the User-Agent (env "+envContact+")")
	f.DurationVar(&o.delay, "delay", fetch.DefaultDelay, "when fetching URLs: least time between requests to one host (robots.txt may ask for more; under 1s only for hosts on this machine)")
	f.DurationVar(&o.timeout, "timeout", fetch.DefaultTimeout, "when fetching URLs: the longest one request may take")
}

// isURLArg reports whether an ingest argument is a web address rather
// than a path.
func isURLArg(s string) bool { return strings.Contains(s, "://") }

// contact is the contact url fetching sends: --contact, else
// RECRUITSEARCH_CONTACT. Commands ask for it before they open the index,
// so a command refused for the lack of one leaves no index behind.
func (a *app) contact(o fetchFlags) (string, error) {
	contact := o.contact
	if contact == "" {
		contact = a.getenv(envContact)
	}
	if contact == "" {
		return "", usageErrorf("fetching URLs needs --contact URL (or %s): the sites you fetch from see it in the User-Agent", envContact)
	}
	if err := fetch.CheckContact(contact); err != nil {
		return "", usageErrorf("--contact: %v", err)
	}
	return contact, nil
}

// newFetcher is a fetcher for the index in dir, its conditional-request
// state kept in dir beside the index.
func (a *app) newFetcher(o fetchFlags, dir string) (*fetch.Fetcher, error) {
	contact, err := a.contact(o)
	if err != nil {
		return nil, err
	}
	state, err := fetch.OpenState(filepath.Join(dir, fetch.StateFile))
	if err != nil {
		return nil, err
	}
	return fetch.New(fetch.Options{Contact: contact, Delay: o.delay, Timeout: o.timeout, State: state, Logger: a.logger})
}

// runIngestURLs fetches the URLs given to ingest (pages, feeds, sitemaps)
// into the local index: progress as each url is done, failures named on
// stderr, one summary line, exit status 1 when any url failed.
func (a *app) runIngestURLs(ctx context.Context, opts *ingestOptions) (err error) {
	for _, p := range opts.paths {
		if !isURLArg(p) {
			return usageErrorf("give URLs or files, not both: %q is a path", p)
		}
	}
	switch {
	case opts.server != "":
		return usageErrorf("ingest URL... writes a local --index; to keep a server's index current, run it with `serve --follow URL`")
	case opts.rebuild:
		return usageErrorf("--rebuild works on files; ingest URL... adds to the index")
	}
	if _, err := a.contact(opts.fetch); err != nil {
		return err
	}
	dir := opts.index.resolve(a)
	idx, err := a.openForWriting(dir, nil)
	if err != nil {
		return lockedHint(err)
	}
	defer closeChecked(idx, &err)
	f, err := a.newFetcher(opts.fetch, dir)
	if err != nil {
		return err
	}
	prog := a.newURLProgress()
	sum, err := f.Run(ctx, opts.paths, idx, prog.result)
	prog.finish()
	fmt.Fprintln(a.stdout, fetchSummary(sum))
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		// A URL that did not fail was fetched (new, changed or unchanged)
		// or left alone as robots.txt asks; the line above counts each.
		return &reportedError{failureSummary(sum.Failed, sum.URLs, "URL", "fetched or skipped")}
	}
	return nil
}

// fetchSummary is the one line that ends a fetch.
func fetchSummary(s fetch.Summary) string {
	return fmt.Sprintf("%s: %d fetched, %d unchanged, %s added, %d replaced, %d failed, %d skipped by robots.txt",
		plural(s.URLs, "URL"), s.Fetched, s.Unchanged, plural(s.Added, "article"), s.Replaced, s.Failed, s.Robots)
}

// urlProgress shows each url as it is done: a spinner on a terminal, a
// line per url otherwise; failures go to stderr either way.
type urlProgress struct {
	stdout, stderr io.Writer
	bar            *progressbar.ProgressBar
}

func (a *app) newURLProgress() *urlProgress {
	p := &urlProgress{stdout: a.stdout, stderr: a.stderr}
	if isTerminal(a.stdout) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(a.stdout),
			progressbar.OptionSetDescription("fetching"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *urlProgress) result(r fetch.Result) {
	if r.Outcome == fetch.Failed {
		if p.bar != nil {
			_ = p.bar.Clear()
		}
		fmt.Fprintf(p.stderr, "recruitsearch: %s\n", oneLine(r.Err.Error()))
	}
	if p.bar != nil {
		_ = p.bar.Add(1)
		return
	}
	if line := resultLine(r); line != "" {
		fmt.Fprintln(p.stdout, line)
	}
}

func (p *urlProgress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// resultLine is a url's progress line, "" for a failure (on stderr).
func resultLine(r fetch.Result) string {
	switch {
	case r.Outcome == fetch.Failed:
		return ""
	case r.Outcome == fetch.Robots:
		return fmt.Sprintf("%-9s %s (disallowed by robots.txt)", "skipped", r.URL)
	case r.Outcome == fetch.Unchanged:
		return fmt.Sprintf("%-9s %s (304 not modified)", "unchanged", r.URL)
	case r.Kind != fetch.KindPage:
		return fmt.Sprintf("%-9s %s (%s of %s)", "listed", r.URL, r.Kind, plural(r.Listed, "URL"))
	case r.Duplicate:
		return fmt.Sprintf("%-9s %s (the same article as %s)", "same", r.URL, r.Source)
	}
	return fmt.Sprintf("%-9s %s (%s)", outcome(r.Report), r.URL, plural(r.Report.Passages, "passage"))
}
