//go:build !unix

package bench

// cpuSeconds is the CPU time the process has used; 0 where this package
// does not know how to ask.
func cpuSeconds() float64 { return 0 }
