package server

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// failures collects what went wrong during a load run: every failure is
// counted, the first few are kept word for word.
type failures struct {
	mu    sync.Mutex
	n     int
	first []string
}

const keptFailures = 8

func (f *failures) add(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if len(f.first) < keptFailures {
		f.first = append(f.first, fmt.Sprintf(format, args...))
	}
}

func (f *failures) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *failures) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return fmt.Sprintf("%d failures, the first %d:\n  %s", f.n, len(f.first), strings.Join(f.first, "\n  "))
}

// latencies holds how long each kind of request took. Each client keeps
// its own and they are merged at the end, so recording takes no lock.
type latencies map[string][]time.Duration

func (l latencies) merge(other latencies) {
	for op, ds := range other {
		l[op] = append(l[op], ds...)
	}
}

// all is every recorded latency, whatever the kind of request.
func (l latencies) all() []time.Duration {
	var out []time.Duration
	for _, ds := range l {
		out = append(out, ds...)
	}
	return out
}

// summary is the count, p50, p99 and maximum of ds.
func summary(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("n=%d p50=%s p99=%s max=%s", len(s),
		percentile(s, 50), percentile(s, 99), s[len(s)-1])
}

// percentile is the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(i, 0)].Round(10 * time.Microsecond)
}

// resources is what a leak would make grow.
type resources struct {
	goroutines int
	heap       uint64 // live heap bytes after a full collection
}

// measure collects garbage until the heap stops shrinking and reads the
// goroutine count and live heap.
func measure() resources {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	// A second cycle frees what finalizers released in the first.
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return resources{goroutines: runtime.NumGoroutine(), heap: ms.HeapAlloc}
}

func (r resources) String() string {
	return fmt.Sprintf("%d goroutines, %.1f MB heap", r.goroutines, float64(r.heap)/(1<<20))
}
