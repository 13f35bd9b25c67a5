package bench

import (
	"fmt"
	"io"
)

// Report is what a run measured. Its JSON is the shape issue 6 fixed for
// `recruitsearch bench --json`; tools read it, so its field names do not
// change.
type Report struct {
	Articles          int          `json:"articles"`
	Passages          int          `json:"passages"`
	IngestSeconds     float64      `json:"ingest_seconds"` // generating excluded; parsing, indexing and closing included
	PassagesPerSecond float64      `json:"passages_per_second"`
	IndexBytes        int64        `json:"index_bytes"`
	Query             QueryFigures `json:"query"`
	HTTP              HTTPFigures  `json:"http"`
	RSSMB             float64      `json:"rss_mb"` // resident set after the query phases; 0 where unknown
	// LoadPeakRSSMB is the largest resident set up to the end of the
	// load (generating, parsing, indexing, compacting), before the
	// query phases; 0 where unknown.
	LoadPeakRSSMB float64 `json:"load_peak_rss_mb"`
}

// QueryFigures are the in-process latencies, over every query shape, and
// the searches per second one goroutine ran.
type QueryFigures struct {
	P50MS float64 `json:"p50_ms"`
	P95MS float64 `json:"p95_ms"`
	P99MS float64 `json:"p99_ms"`
	QPS   float64 `json:"qps"`
}

// HTTPFigures are the latencies of /api/search requests over loopback and
// the requests per second all clients together got answered.
type HTTPFigures struct {
	Clients int     `json:"clients"`
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	RPS     float64 `json:"rps"`
}

// WriteText writes the report as aligned lines for a terminal.
func (r *Report) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "articles           %d\npassages           %d\n"+
		"ingest             %.2f s (%.0f passages/s)\nindex on disk      %.1f MB\n"+
		"in-process query   p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  %.0f queries/s\n"+
		"HTTP, %d clients   p50 %.2f ms  p99 %.2f ms  %.0f requests/s\nRSS                %.0f MB\n",
		r.Articles, r.Passages, r.IngestSeconds, r.PassagesPerSecond, float64(r.IndexBytes)/1e6,
		r.Query.P50MS, r.Query.P95MS, r.Query.P99MS, r.Query.QPS,
		r.HTTP.Clients, r.HTTP.P50MS, r.HTTP.P99MS, r.HTTP.RPS, r.RSSMB)
	return err
}
