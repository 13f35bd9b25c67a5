package bulkgc

import (
	"runtime/debug"
	"testing"
)

// current reads the GC percent and memory limit without changing them.
func current() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestStartAndRestore(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	beforeP, beforeL := current()
	restore := Start()
	if p, l := current(); p != Percent || l != Limit {
		t.Errorf("during a bulk load: GOGC %d, limit %d; want %d, %d", p, l, Percent, Limit)
	}
	restore()
	if p, l := current(); p != beforeP || l != beforeL {
		t.Errorf("after: GOGC %d, limit %d; want them back at %d, %d", p, l, beforeP, beforeL)
	}
}

func TestUsersSettingsWin(t *testing.T) {
	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "100MiB")
	beforeP, beforeL := current()
	defer Start()()
	if p, l := current(); p != beforeP || l != beforeL {
		t.Errorf("with GOGC and GOMEMLIMIT set, the bulk load changed them: GOGC %d, limit %d", p, l)
	}
}
