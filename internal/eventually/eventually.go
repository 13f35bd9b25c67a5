// Package eventually waits, in tests, for what another goroutine or
// process brings about: a follower's next round, a server's write.
package eventually

import (
	"testing"
	"time"
)

// True calls ok every 10 ms until it reports true, and fails the test,
// naming what it waited for, if that takes longer than within.
func True(tb testing.TB, what string, within time.Duration, ok func() bool) {
	tb.Helper()
	for deadline := time.Now().Add(within); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within %s", what, within)
		}
	}
}
