package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}
