package fetch

import "sync/atomic"

// Outcome is what came of asking for one url.
type Outcome string

// Outcomes, each counted by Fetcher.Counts and shown by /metrics.
const (
	// Fetched: the url answered 200 and its body was used.
	Fetched Outcome = "fetched"
	// Unchanged: the url answered 304 Not Modified to a conditional request.
	Unchanged Outcome = "unchanged"
	// Failed: the url could not be fetched or its body could not be used.
	Failed Outcome = "failed"
	// Robots: robots.txt disallows the url, which was not asked for.
	Robots Outcome = "robots"
)

// Outcomes lists every outcome in the order summaries show them.
var Outcomes = []Outcome{Fetched, Unchanged, Failed, Robots}

// counters counts outcomes since the fetcher was made.
type counters [4]atomic.Int64

func (c *counters) add(o Outcome) {
	for i, x := range Outcomes {
		if x == o {
			c[i].Add(1)
		}
	}
}

// Counts is how many urls had each outcome since the fetcher was made.
func (f *Fetcher) Counts() map[Outcome]int64 {
	m := make(map[Outcome]int64, len(Outcomes))
	for i, o := range Outcomes {
		m[o] = f.counts[i].Load()
	}
	return m
}
