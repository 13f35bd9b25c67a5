package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/recruitsearch/recruitsearch/corpus/bench"
	"github.com/recruitsearch/recruitsearch/index"
)

// Exit codes: 0 success, 1 a failure, 2 the command line or query was wrong.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in the command line: a bad flag, a missing
// argument, a value out of range. It exits with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// reportedError is an error whose detail the command has already written to
// stderr (each failed file during ingest), so run prints only its summary.
type reportedError struct{ summary string }

func (e *reportedError) Error() string { return e.summary }

func exitCode(err error) int {
	var usage *usageError
	var query *index.QueryError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage), errors.As(err, &query):
		return exitUsage
	default:
		return exitFailure
	}
}

// userMessage is the one line a user sees for err. It never spans lines:
// joined errors are listed with "; ".
func userMessage(err error) string {
	var query *index.QueryError
	switch {
	case errors.As(err, &query) && query.Param != "":
		return flagName(query.Param) + ": " + query.Message
	case errors.As(err, &query):
		return "bad query: " + query.Message
	case errors.Is(err, context.Canceled):
		// Keep what the command said it left behind, without Go's words.
		if msg := strings.TrimSuffix(oneLine(err.Error()), ": context canceled"); msg != context.Canceled.Error() {
			return msg
		}
		return "interrupted"
	case errors.Is(err, index.ErrDamaged) && !strings.Contains(err.Error(), "recruitsearch rebuild"):
		return oneLine(err.Error()) + " (run `recruitsearch rebuild --index DIR` to rebuild it from its kept sources)"
	}
	return oneLine(err.Error())
}

// flagName is the CLI flag for a request parameter the index names:
// the facets' flags are their names; size and from are --limit and
// --offset.
func flagName(param string) string {
	switch param {
	case "size":
		return "--limit"
	case "from":
		return "--offset"
	}
	return "--" + param
}

// flagBounds are the least and most a numeric flag takes, where the
// command has a bound of its own; a flag not listed is bounded by its
// type. The index and bench check values inside the type's range against
// the same bounds; these name them for a value too large even to parse.
var flagBounds = map[string]struct{ least, most uint64 }{
	"limit":    {1, index.MaxSize},
	"offset":   {0, index.MaxWindow},
	"articles": {1, bench.MaxArticles},
	"clients":  {1, bench.MaxClients},
}

// outOfRange turns a numeric flag whose value does not fit its type
// ("--limit 99999999999999999999") into a usage error naming the bound,
// instead of strconv's words. It returns nil for any other error.
func outOfRange(err error) error {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return nil
	}
	f := bad.GetFlag()
	if f.Value.Type() == "duration" && durationSyntax.MatchString(bad.GetValue()) {
		// time.ParseDuration calls an overflow "invalid duration" too;
		// a value of the right shape that it refuses is too long.
		if strings.HasPrefix(bad.GetValue(), "-") {
			return usageErrorf("--%s: must be at least %s (got %s)", f.Name, time.Duration(math.MinInt64), bad.GetValue())
		}
		return usageErrorf("--%s: must be at most %s (got %s)", f.Name, time.Duration(math.MaxInt64), bad.GetValue())
	}
	if !errors.Is(err, strconv.ErrRange) {
		return nil
	}
	least, most := strconv.FormatInt(math.MinInt64, 10), strconv.FormatInt(math.MaxInt64, 10)
	if f.Value.Type() == "uint64" {
		least, most = "0", strconv.FormatUint(math.MaxUint64, 10)
	}
	if b, ok := flagBounds[f.Name]; ok {
		least, most = strconv.FormatUint(b.least, 10), strconv.FormatUint(b.most, 10)
	}
	if strings.HasPrefix(bad.GetValue(), "-") {
		return usageErrorf("--%s: must be at least %s (got %s)", f.Name, least, bad.GetValue())
	}
	return usageErrorf("--%s: must be at most %s (got %s)", f.Name, most, bad.GetValue())
}

// durationSyntax is what time.ParseDuration reads: numbers with units.
var durationSyntax = regexp.MustCompile(`^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$`)

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}
