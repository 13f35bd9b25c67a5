package eventually

import (
	"sync/atomic"
	"testing"
	"time"
)

// fatalRecorder notes a Fatalf instead of ending the test.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) { r.fatal = format }

func TestTrue(t *testing.T) {
	var calls atomic.Int32
	True(t, "the third call", time.Second, func() bool { return calls.Add(1) >= 3 })
	if calls.Load() != 3 {
		t.Errorf("ok called %d times, want 3", calls.Load())
	}
	r := &fatalRecorder{TB: t}
	start := time.Now()
	True(r, "never", 50*time.Millisecond, func() bool { return r.fatal != "" })
	if r.fatal == "" {
		t.Error("a condition that never held did not fail the test")
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Error("gave up before the time given")
	}
}
