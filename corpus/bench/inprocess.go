package bench

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
)

// planned is a query ready for the in-process phase.
type planned struct {
	shape string
	req   index.Request
}

// plan turns queries into index requests; Validate has checked that each
// converts.
func plan(queries []Query) ([]planned, error) {
	out := make([]planned, len(queries))
	for i, q := range queries {
		req, err := q.request()
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", q.Text, err)
		}
		out[i] = planned{q.Shape, req}
	}
	return out, nil
}

// shapeFigures is the in-process latency of one query shape.
type shapeFigures struct {
	shape     string
	count     int
	p50, p99  float64
	meanTotal float64
}

// inProcessResult is what the in-process phase measured.
type inProcessResult struct {
	figures QueryFigures
	shapes  []shapeFigures
	// timeouts ran past the index's deadline; their time is counted.
	timeouts int
	// rejected were refused as bad queries (a mistake in a query file);
	// they are left out of the figures. firstRejected says why.
	rejected      int
	firstRejected error
}

// inProcess times searches on one goroutine.
type inProcess struct {
	idx     *index.Index
	res     inProcessResult
	lat     []time.Duration
	byShape map[string][]time.Duration
	totals  map[string]uint64
}

// runInProcess runs the queries once to warm caches, then round and round
// on one goroutine for d, timing every search.
func runInProcess(ctx context.Context, idx *index.Index, queries []planned, d time.Duration) (*inProcessResult, error) {
	p := &inProcess{idx: idx, byShape: map[string][]time.Duration{}, totals: map[string]uint64{}}
	for _, q := range queries {
		if err := p.search(ctx, q, false); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	for i := 0; time.Since(start) < d || i < len(queries); i++ {
		if err := p.search(ctx, queries[i%len(queries)], true); err != nil {
			return nil, err
		}
	}
	elapsed := time.Since(start)
	if len(p.lat) == 0 {
		return nil, fmt.Errorf("every query was refused; the first: %w", p.res.firstRejected)
	}
	p.res.figures = QueryFigures{P50MS: percentileMS(p.lat, 50), P95MS: percentileMS(p.lat, 95), P99MS: percentileMS(p.lat, 99),
		QPS: float64(len(p.lat)) / elapsed.Seconds()}
	for _, shape := range shapeOrder {
		l := p.byShape[shape]
		if len(l) == 0 {
			continue
		}
		p.res.shapes = append(p.res.shapes, shapeFigures{shape: shape, count: len(l), p50: percentileMS(l, 50), p99: percentileMS(l, 99),
			meanTotal: float64(p.totals[shape]) / float64(len(l))})
	}
	return &p.res, nil
}

// search runs q and, when measure is set, records its time. A query the
// index refuses is counted, not timed; one that runs past the index's
// deadline is timed.
func (p *inProcess) search(ctx context.Context, q planned, measure bool) error {
	t := time.Now()
	r, err := p.idx.Search(ctx, q.req)
	took := time.Since(t)
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		if measure {
			p.res.rejected++
			if p.res.firstRejected == nil {
				p.res.firstRejected = fmt.Errorf("query %q: %w", q.req.Query, err)
			}
		}
		return nil
	case errors.Is(err, index.ErrTimeout) && ctx.Err() == nil:
		if measure {
			p.res.timeouts++
		}
	case err != nil:
		return fmt.Errorf("query %q: %w", q.req.Query, err)
	}
	if measure {
		p.lat = append(p.lat, took)
		p.byShape[q.shape] = append(p.byShape[q.shape], took)
		if r != nil {
			p.totals[q.shape] += r.Total
		}
	}
	return nil
}

// percentileMS is the p-th percentile of lat in milliseconds (nearest rank).
func percentileMS(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	k := int(float64(len(s))*p/100+0.5) - 1
	k = max(0, min(k, len(s)-1))
	return float64(s[k]) / float64(time.Millisecond)
}
