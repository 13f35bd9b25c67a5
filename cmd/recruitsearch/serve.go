package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/server"
)

// shutdownGrace is how long in-flight requests may run after the context
// ends before the server closes their connections.
const shutdownGrace = 10 * time.Second

type serveOptions struct {
	index    indexFlag
	official officialFlag
	addr     string
	token    string
	follow   followFlags
}

// newServeCmd builds the serve command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newServeCmd(a *app, runF func(context.Context, *serveOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runServe
	}
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search page and JSON API over HTTP",
		Long: "serve answers the web search page and the JSON API (GET /api/search, ...) on\n" +
			"--addr, loopback by default. Without --index it serves the embedded corpus.\n" +
			"With " + envToken + " set, POST/DELETE /api/articles and POST /api/admin/rebuild\n" +
			"accept that bearer token when --index is given (the embedded corpus is held in\n" +
			"memory, so writes to it are refused); without it every write is refused. Interrupt it\n" +
			"(Ctrl-C, SIGTERM) to stop: requests in flight finish first.",
		Example: "  recruitsearch serve\n" +
			"  recruitsearch serve --index ./idx --follow https://example.org/feed.xml --every 1h --contact mailto:me@example.org\n" +
			"  RECRUITSEARCH_TOKEN=secret recruitsearch serve --index ./idx --addr 127.0.0.1:9000",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.addr = a.flagOrEnv(cmd.Flags(), "addr", opts.addr, envAddr)
			opts.token = a.getenv(envToken)
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	opts.official.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on (env "+envAddr+")")
	cmd.Flags().StringArrayVar(&opts.follow.urls, "follow", nil, "keep the --index current from this page, feed or sitemap URL (repeatable)")
	cmd.Flags().DurationVar(&opts.follow.every, "every", time.Hour, "with --follow: how often to fetch the followed URLs again")
	addFetchFlags(cmd.Flags(), &opts.follow.fetch)
	return cmd
}

func (a *app) runServe(ctx context.Context, opts *serveOptions) (err error) {
	dir := opts.index.resolve(a)
	if len(opts.follow.urls) > 0 {
		if err := a.checkFollow(opts.follow, dir); err != nil {
			return err
		}
	}
	d, err := opts.official.load(a)
	if err != nil {
		return err
	}
	var idx *index.Index
	if dir == "" {
		idx, err = a.openEmbedded(ctx, d)
	} else {
		idx, err = a.openForWriting(dir, d)
	}
	if err != nil {
		return err
	}
	defer closeChecked(idx, &err)

	deps := server.Deps{Searcher: idx, Logger: a.logger, Token: opts.token, Official: d}
	switch {
	case opts.token != "" && dir == "":
		// A write to the embedded corpus would be acknowledged, then lost
		// at restart: the server refuses writes, saying so.
		a.logger.Warn("writes refused: the embedded corpus is held in memory; give --index DIR to accept writes")
	case opts.token != "":
		deps.Writer = idx
	}
	if len(opts.follow.urls) > 0 {
		fl, stop, err := a.startFollow(ctx, opts.follow, dir, idx)
		if err != nil {
			return err
		}
		defer stop() // before the index closes
		deps.Following = fl
	}
	srv := server.NewHTTPServer(opts.addr, server.New(deps))
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.addr, err)
	}
	where := "embedded corpus"
	if dir != "" {
		where = dir
	}
	fmt.Fprintf(a.stdout, "recruitsearch: serving %s on http://%s\n", where, ln.Addr())
	a.logger.Info("serving", "addr", ln.Addr().String(), "index", where, "writes", opts.token != "")

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.logger.Info("stopped")
	return nil
}
