//go:build !unix

package server

import "time"

// processCPU is the CPU time this process has used; not measured here.
func processCPU() (time.Duration, bool) { return 0, false }
