//go:build !unix

package main

// cpuSeconds is the CPU time the process has used; 0 where the bench
// does not know how to ask.
func cpuSeconds() float64 { return 0 }
