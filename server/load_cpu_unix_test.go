//go:build unix

package server

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) this process has used, so
// a load run can say what each request cost whatever else the machine ran.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
