// Package bulkgc lets a bulk load (ingest of many files, a rebuild, the
// bench's load) trade memory for CPU: the garbage collector runs at
// GOGC=200 instead of 100, under a soft memory limit so that the heap
// cannot grow without bound. Measured on the bench's load (BENCHMARKS.md,
// "Ingest speed, issue 15", experiment 9, and "GC during bulk loads"): 16%
// more passages per CPU-second.
package bulkgc

import (
	"os"
	"runtime/debug"
)

// Percent and Limit are the settings during a bulk load. The limit is
// the heap's: the resident set adds the index's mapped segment files,
// which a load at 1M passages reads back when it merges them. Under
// 1.5 GiB the bench's load at 1M peaked at 2,164 MB of RSS, past issue
// 15's 2 GB; under 1 GiB, at 1,780 MB, at the same speed at 100k
// (BENCHMARKS.md, "GC during bulk loads"). GOGC=800 was faster on small
// loads but overshot the limit at 1M (2,240 MB).
const (
	Percent = 200
	Limit   = 1 << 30
)

// Start applies the bulk-load settings and returns the function that
// restores the ones before. It changes nothing the user chose: with GOGC
// or GOMEMLIMIT set in the environment, that setting is left alone.
func Start() (restore func()) {
	percent, limit := int64(-1), int64(-1)
	if os.Getenv("GOGC") == "" {
		percent = int64(debug.SetGCPercent(Percent))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(Limit)
	}
	return func() {
		if percent != -1 {
			debug.SetGCPercent(int(percent))
		}
		if limit != -1 {
			debug.SetMemoryLimit(limit)
		}
	}
}
