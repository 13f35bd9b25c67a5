package server

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/recruitsearch/recruitsearch/corpus/fetch"
	"github.com/recruitsearch/recruitsearch/index"
)

// Following is what the server shows of `serve --follow`: each followed
// url's last round (in /api/stats) and every fetch's outcome counted (in
// /metrics). fetch.Follower satisfies it.
type Following interface {
	Status() []fetch.SourceStatus
	Counts() map[fetch.Outcome]int64
}

var _ Following = (*fetch.Follower)(nil)

// statsResponse is GET /api/stats: the index's size and, when following,
// the followed urls.
type statsResponse struct {
	*index.Stats
	Following []fetch.SourceStatus `json:"following,omitempty"`
}

// withFollowing adds the followed urls to st for /api/stats.
func (s *server) withFollowing(st *index.Stats) any {
	if s.deps.Following == nil {
		return st
	}
	return statsResponse{Stats: st, Following: s.deps.Following.Status()}
}

// fetchCollector exports the follower's counts as
// recruitsearch_fetches_total{outcome}.
type fetchCollector struct {
	following Following
	desc      *prometheus.Desc
}

func newFetchCollector(f Following) *fetchCollector {
	return &fetchCollector{following: f, desc: prometheus.NewDesc("recruitsearch_fetches_total",
		"URLs fetched by serve --follow, by outcome: fetched (200), unchanged (304), failed, robots (disallowed by robots.txt).",
		[]string{"outcome"}, nil)}
}

func (c *fetchCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *fetchCollector) Collect(ch chan<- prometheus.Metric) {
	counts := c.following.Counts()
	for _, o := range fetch.Outcomes {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(counts[o]), string(o))
	}
}

// registerFollowing puts the follower's counts on reg.
func registerFollowing(reg prometheus.Registerer, f Following) {
	if f != nil {
		register(reg, newFetchCollector(f))
	}
}
