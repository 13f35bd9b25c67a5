package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Environment variables the commands read (through app.getenv, never os).
const (
	envIndex = "RECRUITSEARCH_INDEX"
	envAddr  = "RECRUITSEARCH_ADDR"
	envToken = "RECRUITSEARCH_TOKEN"
	envLog   = "RECRUITSEARCH_LOG"
)

// app is what every command needs from the process: its streams, its
// environment and a logger. Commands receive it; nothing is global.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// width, when set, replaces the terminal's width (see outputWidth):
	// tests fit listings to fixed widths with it.
	width func() int

	logLevel string
	logger   *slog.Logger
}

// run executes one command line and returns its error after printing the
// one line a user should see for it on stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	a := newApp(stdin, stdout, stderr, getenv)
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return nil
	}
	var reported *reportedError
	if !errors.As(err, &reported) {
		a.logger.Debug("command failed", "err", err)
	}
	fmt.Fprintf(stderr, "recruitsearch: %s\n", userMessage(err))
	return err
}

// newApp is an app on the given streams whose logger discards until
// --log-level or RECRUITSEARCH_LOG is read.
func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, logger: slog.New(slog.DiscardHandler)}
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "recruitsearch",
		Short: "Search UK council social-work recruitment articles",
		Long: "recruitsearch turns council recruitment articles into passages (interview answers,\n" +
			"quotes, sections, lists, comments), indexes them and searches them from the\n" +
			"terminal or a web page. Without --index it uses the embedded seed corpus.",
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setupLogger(cmd)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q (see 'recruitsearch --help')", args[0])
			}
			return cmd.Help()
		},
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	a.attachFlagErrors(root)
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "",
		"log diagnostics to stderr at this level: debug, info, warn or error (env "+envLog+"; default: none, info for serve)")

	root.AddCommand(
		newParseCmd(a, nil),
		newIngestCmd(a, nil),
		newRebuildCmd(a, nil),
		newCheckCmd(a, nil),
		newSearchCmd(a, nil),
		newShowCmd(a, nil),
		newArticlesCmd(a, nil),
		newStatsCmd(a, nil),
		newCouncilCmd(a, nil),
		newCouncilsCmd(a, nil),
		newServeCmd(a, nil),
		newBenchCmd(a, nil),
		newEvalCmd(a, nil),
		newExportCmd(a, nil),
	)
	return root
}

// attachFlagErrors makes flag parsing errors of cmd and its subcommands
// usage errors (exit status 2).
func (a *app) attachFlagErrors(cmd *cobra.Command) {
	cmd.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		if bound := outOfRange(err); bound != nil {
			return bound
		}
		return &usageError{fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())}
	})
}

// setupLogger builds the slog logger from --log-level or RECRUITSEARCH_LOG.
// Without either, serve logs at info (its access log) and the other
// commands log nothing: their user sees the one error line, and a
// developer asks for the detail with --log-level debug.
func (a *app) setupLogger(cmd *cobra.Command) error {
	level := a.logLevel
	if level == "" {
		level = a.getenv(envLog)
	}
	var l slog.Level
	switch {
	case level != "":
		if err := l.UnmarshalText([]byte(level)); err != nil {
			return usageErrorf("invalid log level %q: want debug, info, warn or error", level)
		}
	case cmd.Name() == "serve":
		l = slog.LevelInfo
	default:
		a.logger = slog.New(slog.DiscardHandler)
		return nil
	}
	a.logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: l}))
	return nil
}

// exactArgs, minArgs and noArgs are cobra's argument checks returning
// usage errors, so a wrong argument count exits with status 2.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s, got %d arguments (see '%s --help')", cmd.Name(), what, len(args), cmd.CommandPath())
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s needs %s (see '%s --help')", cmd.Name(), what, cmd.CommandPath())
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.Name(), strings.Join(args, " "))
	}
	return nil
}

// flagOrEnv is the flag's value when it was given, else the environment's.
func (a *app) flagOrEnv(flags *pflag.FlagSet, name, value, env string) string {
	if flags.Changed(name) {
		return value
	}
	if v := a.getenv(env); v != "" {
		return v
	}
	return value
}
