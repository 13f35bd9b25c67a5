package bench

import (
	"os"
	"strconv"
	"strings"
	"time"
)

func msSince(t time.Time) float64 { return float64(time.Since(t)) / float64(time.Millisecond) }

// rssMB is the process's resident set size in MB from /proc/self/status,
// or 0 where there is no such file.
func rssMB() float64 { return statusMB("VmRSS:") }

// peakRSSMB is the largest resident set the process has had so far, in
// MB, or 0 where unknown.
func peakRSSMB() float64 { return statusMB("VmHWM:") }

// statusMB reads a size in kB from /proc/self/status, in MB.
func statusMB(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
