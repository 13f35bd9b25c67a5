package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/internal/bulkgc"
)

type ingestOptions struct {
	index   indexFlag
	paths   []string
	rebuild bool
	server  string
	token   string
	// url is the web address of the one file given, for an article that
	// does not declare its own.
	url   string
	fetch fetchFlags
}

// newIngestCmd builds the ingest command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newIngestCmd(a *app, runF func(context.Context, *ingestOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runIngest
	}
	opts := &ingestOptions{}
	cmd := &cobra.Command{
		Use:   "ingest PATH...|URL...",
		Short: "Add article files or folders to an index",
		Long: "ingest parses article files (plain text, HTML, Markdown, JSON lines; folders\n" +
			"recursively) and adds them to the index in --index, which keeps a copy of each\n" +
			"source. An unchanged file changes nothing; a changed file replaces its passages.\n" +
			"A file that cannot be parsed is reported by name and the rest are still\n" +
			"ingested; the exit status is then 1.\n\n" +
			"--rebuild builds a fresh index of exactly PATH... beside the old one and swaps it\n" +
			"in only when complete. --server sends the files to a running `recruitsearch\n" +
			"serve` (which owns its index) with the bearer token from --token or " + envToken + ".\n\n" +
			"Given URLs, it fetches each page, or each article a feed (RSS, Atom, JSON Feed) or a\n" +
			"sitemap lists, politely (robots.txt, one request a second per host, conditional\n" +
			"requests), keeping each under its canonical url; --contact names you to the sites.",
		Example: "  recruitsearch ingest ./articles --index ./idx\n" +
			"  recruitsearch ingest ./articles --index ./idx --rebuild\n" +
			"  RECRUITSEARCH_TOKEN=secret recruitsearch ingest new.html --server http://127.0.0.1:8080\n" +
			"  recruitsearch ingest https://example.org/feed.xml --index ./idx --contact mailto:me@example.org",
		Args: minArgs(1, "at least one PATH (a file or a folder)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			opts.token = a.flagOrEnv(cmd.Flags(), "token", opts.token, envToken)
			if err := opts.validate(a); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.index.dir, "index", "", "index directory to add to, created if missing (env "+envIndex+")")
	f.BoolVar(&opts.rebuild, "rebuild", false, "build a fresh index of PATH... beside the old one and swap it in when complete")
	f.StringVar(&opts.server, "server", "", "URL of a running recruitsearch server to send the files to instead")
	f.StringVar(&opts.token, "token", "", "bearer token for --server (env "+envToken+")")
	f.StringVar(&opts.url, "url", "", "the web address of the one file given, kept as its article's url when the file declares none")
	addFetchFlags(f, &opts.fetch)
	return cmd
}

func (o *ingestOptions) validate(a *app) error {
	switch {
	case o.server != "" && o.rebuild:
		return usageErrorf("--rebuild works on a local --index; ask the server to rebuild with POST /api/admin/rebuild")
	case o.server != "" && o.index.dir != "":
		return usageErrorf("give --index or --server, not both")
	case o.server != "" && o.token == "":
		return usageErrorf("--server needs a token: --token or %s", envToken)
	case o.server == "" && o.index.resolve(a) == "":
		return usageErrorf("ingest needs --index DIR (or %s), or --server URL", envIndex)
	case o.url != "" && (len(o.paths) != 1 || isURLArg(o.paths[0])):
		return usageErrorf("--url names the web address of one file: give exactly one file")
	case o.url != "" && !isWebAddress(o.url):
		return usageErrorf("--url %q: give an http or https address", o.url)
	}
	return nil
}

// ingestFunc adds one source file somewhere: a server.
type ingestFunc func(ctx context.Context, name string, data []byte) (index.AddReport, error)

// ingestAllFunc adds source files somewhere, calling ack for each once it
// is safely there: index.Index.IngestFiles, or oneByOne for a server.
type ingestAllFunc func(ctx context.Context, files []index.SourceFile, ack func(index.FileResult)) (index.AddReport, error)

// oneByOne sends files through add one at a time, acknowledging each as
// add returns. It stops only when ctx ends.
func oneByOne(add ingestFunc) ingestAllFunc {
	return func(ctx context.Context, files []index.SourceFile, ack func(index.FileResult)) (index.AddReport, error) {
		var total index.AddReport
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return total, err
			}
			data, err := f.Read()
			var rep index.AddReport
			if err == nil {
				rep, err = add(ctx, f.Name, data)
			}
			if ctx.Err() != nil {
				return total, ctx.Err()
			}
			total.Added += rep.Added
			total.Replaced += rep.Replaced
			total.Unchanged += rep.Unchanged
			total.Passages += rep.Passages
			ack(index.FileResult{Name: f.Name, Report: rep, Err: err})
		}
		return total, nil
	}
}

func (a *app) runIngest(ctx context.Context, opts *ingestOptions) (err error) {
	if len(opts.paths) > 0 && isURLArg(opts.paths[0]) {
		return a.runIngestURLs(ctx, opts)
	}
	files, errs := collectFiles(opts.paths)
	if opts.url != "" && len(files) != 1 {
		return usageErrorf("--url names the web address of one file; %s is not one file", opts.paths[0])
	}
	sources := sourceFiles(files, opts.url)
	if opts.server != "" {
		client, err := newIngestClient(opts.server, opts.token)
		if err != nil {
			return err
		}
		_, err = a.ingestFiles(ctx, oneByOne(client.ingest), sources, errs)
		return err
	}
	dir := opts.index.resolve(a)
	defer bulkgc.Start()()
	if opts.rebuild {
		return a.ingestRebuild(ctx, dir, sources, errs)
	}
	idx, err := a.openForWriting(dir, nil)
	if err != nil {
		return lockedHint(err)
	}
	defer closeChecked(idx, &err)
	_, err = a.ingestFiles(ctx, idx.IngestFiles, sources, errs)
	return err
}

// isWebAddress reports whether s is an http(s) address with a host.
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// sourceFiles are the files to ingest, each read when its turn comes. The
// one file given with --url is ingested under that address, which becomes
// its article's url when the file declares none.
func sourceFiles(files []string, addr string) []index.SourceFile {
	sources := make([]index.SourceFile, len(files))
	for i, name := range files {
		as := name
		if addr != "" {
			as = addr
		}
		sources[i] = index.SourceFile{Name: as, Read: func() ([]byte, error) { return readSource(name) }}
	}
	return sources
}

// lockedHint adds what to do when a server holds the index.
func lockedHint(err error) error {
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w; if `recruitsearch serve` holds it, send the files with --server URL instead", err)
	}
	return err
}

// ingestTally adds up what an ingest run did.
type ingestTally struct {
	files, failed int
	index.AddReport
}

// ingestFiles ingests files through add, advancing the progress as each
// is acknowledged and naming every failure on stderr; it goes on after a
// file fails and returns a *reportedError when any file (or unreadable
// path in errs) failed. An error that stops add (the index cannot be
// written) is returned after the summary of what was done.
func (a *app) ingestFiles(ctx context.Context, add ingestAllFunc, files []index.SourceFile, errs []error) (ingestTally, error) {
	var t ingestTally
	for _, err := range errs {
		reportFileError(a.stderr, "", err)
		t.failed++
	}
	prog := a.newProgress(len(files))
	_, stopErr := add(ctx, files, func(r index.FileResult) {
		t.files++
		t.Added += r.Report.Added
		t.Replaced += r.Report.Replaced
		t.Unchanged += r.Report.Unchanged
		t.Passages += r.Report.Passages
		if r.Err != nil {
			t.failed++
		}
		prog.file(r.Name, r.Report, r.Err)
	})
	prog.finish()
	if ctx.Err() != nil {
		return t, ctx.Err()
	}
	all := t.files + len(errs)
	if stopErr != nil {
		all = len(files) + len(errs)
	}
	fmt.Fprintf(a.stdout, "%s: %s added, %d replaced, %d unchanged, %s written, %s failed\n",
		plural(all, "file"), plural(t.Added, "article"), t.Replaced, t.Unchanged,
		plural(t.Passages, "passage"), plural(t.failed, "file"))
	if stopErr != nil {
		return t, fmt.Errorf("ingest stopped after %d of %s: %w", t.files, plural(len(files), "file"), stopErr)
	}
	if t.failed > 0 {
		return t, &reportedError{failureSummary(t.failed, all, "file", "ingested")}
	}
	return t, nil
}

// ingestRebuild replaces the index in dir with one of exactly files,
// built beside it by the index and swapped in only when every file has
// been tried. The old index stays locked (so no other writer changes it)
// and searchable until the swap. A damaged old index is replaced too.
func (a *app) ingestRebuild(ctx context.Context, dir string, files []index.SourceFile, errs []error) (err error) {
	idx, err := a.openForWriting(dir, nil)
	if errors.Is(err, index.ErrDamaged) {
		a.logger.Warn("old index is damaged; replacing it", "dir", dir, "err", err)
		idx, err = index.OpenRebuilt(ctx, dir, index.Options{Logger: a.logger}, index.RebuildOptions{Force: true})
	}
	if err != nil {
		return lockedHint(err)
	}
	defer closeChecked(idx, &err)
	_, err = a.ingestFiles(ctx, idx.Replace, files, errs)
	var reported *reportedError
	switch {
	case errors.Is(err, index.ErrNothingIndexed):
		return fmt.Errorf("rebuild abandoned: no article could be indexed, %s left as it was", dir)
	case errors.Is(err, context.Canceled):
		return interruptedRebuild(dir) // the words `recruitsearch rebuild` uses
	case err != nil && !errors.As(err, &reported):
		return fmt.Errorf("rebuild abandoned, %s left as it was: %w", dir, err)
	}
	fmt.Fprintf(a.stdout, "rebuilt %s\n", dir)
	return err
}

// closeChecked closes what a write path opened and reports a failure to
// close (the last writes made durable there) unless an error came first.
func closeChecked(c interface{ Close() error }, err *error) {
	if cerr := c.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("closing the index: %w", cerr)
	}
}

// failureSummary says how many of all items failed, and what became of
// the others only when there are others: "the file failed (named
// above)", "all 3 files failed (named above)", "1 of 3 files failed
// (named above); the other 2 were ingested". It claims nothing about
// the failed ones: a JSON lines file with one bad line has failed, yet
// its good lines are in, as the counts above it say.
func failureSummary(failed, all int, noun, done string) string {
	others := all - failed
	switch {
	case others <= 0 && all == 1:
		return fmt.Sprintf("the %s failed (named above)", noun)
	case others <= 0:
		return fmt.Sprintf("all %s failed (named above)", plural(all, noun))
	case others == 1:
		return fmt.Sprintf("%d of %s failed (named above); the other one was %s", failed, plural(all, noun), done)
	}
	return fmt.Sprintf("%d of %s failed (named above); the other %d were %s", failed, plural(all, noun), others, done)
}

// plural is "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
