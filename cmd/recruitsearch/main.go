package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// The signals stay caught until the process exits: restoring the
	// default handling first would let a SIGTERM that lands after the work
	// is done end the process by signal instead of with its exit status.
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	os.Exit(exitCode(err))
}
