package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
	"github.com/recruitsearch/recruitsearch/server"
)

// readQueryFile reads one query per line; blank lines and lines starting
// with # are skipped.
func readQueryFile(path string) ([]benchQuery, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--queries: %v", err)
	}
	var qs []benchQuery
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		qs = append(qs, benchQuery{shape: "file", req: index.Request{Query: line}})
	}
	if len(qs) == 0 {
		return nil, usageErrorf("--queries %s holds no queries (one per line; # starts a comment)", path)
	}
	return qs, nil
}

// Shapes of the built-in query mix and how many of each it has (200 in all).
var mixShapes = []struct {
	shape string
	count int
}{
	{"word", 40}, {"words", 40}, {"phrase", 25}, {"filtered", 25},
	{"faceted", 20}, {"misspelt", 20}, {"prefix", 15}, {"collapse", 15},
}

// queryMix draws the built-in mix from a sample of the indexed passages,
// so every query is about words the corpus really holds, common ones more
// often as in real use.
func queryMix(sample []ingest.Passage, seed uint64) []benchQuery {
	r := rand.New(rand.NewPCG(seed, 0x9e3))
	if len(sample) == 0 {
		return nil
	}
	passageWords := make([][]string, len(sample))
	freq := map[string]int{}
	for i, p := range sample {
		passageWords[i] = queryWords(p.Text)
		for _, w := range passageWords[i] {
			freq[w]++
		}
	}
	common := make([]string, 0, len(freq))
	for w := range freq {
		common = append(common, w)
	}
	slices.SortFunc(common, func(x, y string) int {
		if freq[x] != freq[y] {
			return freq[y] - freq[x]
		}
		return strings.Compare(x, y)
	})
	common = common[:min(len(common), 25)]
	pick := func() (ingest.Passage, []string) {
		for {
			i := r.IntN(len(sample))
			if len(passageWords[i]) >= 3 {
				return sample[i], passageWords[i]
			}
		}
	}
	word := func(ws []string) string { return ws[r.IntN(len(ws))] }
	var qs []benchQuery
	for _, s := range mixShapes {
		for range s.count {
			p, ws := pick()
			req := index.Request{}
			switch s.shape {
			case "word":
				req.Query = word(ws)
			case "words":
				n := 2 + r.IntN(2)
				terms := make([]string, n)
				for k := range terms {
					terms[k] = word(ws)
				}
				req.Query = strings.Join(terms, " ")
			case "phrase":
				all := strings.Fields(strings.ToLower(strings.Map(keepLetters, p.Text)))
				k := r.IntN(max(1, len(all)-1))
				req.Query = `"` + strings.Join(all[k:min(len(all), k+2)], " ") + `"`
			case "filtered":
				req.Query = word(ws)
				switch r.IntN(3) {
				case 0:
					req.SetFilter("council", p.Council)
				case 1:
					req.SetFilter("kind", string(p.Kind))
				default:
					if len(p.Topics) > 0 {
						req.SetFilter("topic", p.Topics[0])
					} else {
						req.SetFilter("council", p.Council)
					}
				}
			case "faceted":
				req.Query = common[r.IntN(len(common))]
			case "misspelt":
				req.Query = misspell(word(ws), r)
			case "prefix":
				w := word(ws)
				req.Query = w[:min(len(w), 4+r.IntN(2))] + "*"
			case "collapse":
				req.Query = word(ws) + " " + word(ws)
				req.Collapse = index.CollapseArticle
			}
			qs = append(qs, benchQuery{shape: s.shape, req: req})
		}
	}
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// queryWords are the words of text a person might search for: lower-case,
// four letters or more, not the commonest function words.
func queryWords(text string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(strings.Map(keepLetters, text))) {
		if len(w) >= 4 && !benchStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var benchStopWords = map[string]bool{
	"that": true, "this": true, "with": true, "have": true, "they": true, "their": true, "them": true,
	"from": true, "what": true, "when": true, "which": true, "there": true, "were": true, "been": true,
	"will": true, "your": true, "about": true, "would": true, "into": true, "than": true, "then": true,
	"also": true, "more": true, "some": true, "very": true, "just": true, "does": true, "each": true,
}

func keepLetters(r rune) rune {
	if unicode.IsLetter(r) {
		return r
	}
	return ' '
}

// misspell swaps two neighbouring letters in the middle of w, the commonest
// typing slip: "supervision" -> "supervsiion".
func misspell(w string, r *rand.Rand) string {
	b := []byte(w)
	if len(b) < 4 {
		return w + w[len(w)-1:]
	}
	i := 1 + r.IntN(len(b)-3)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
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
	figures queryFigures
	shapes  []shapeFigures
	// timeouts ran past the index's deadline; their time is counted.
	timeouts int
	// rejected were refused as bad queries (a mistake in --queries); they
	// are left out of the figures. firstRejected says why.
	rejected      int
	firstRejected error
}

// runInProcess runs the mix once to warm caches, then round and round on
// one goroutine for d, timing every search.
func runInProcess(ctx context.Context, idx *index.Index, queries []benchQuery, d time.Duration) (*inProcessResult, error) {
	res := &inProcessResult{}
	var lat []time.Duration
	byShape := map[string][]time.Duration{}
	totals := map[string]uint64{}
	run := func(q benchQuery, measure bool) error {
		t := time.Now()
		r, err := idx.Search(ctx, q.req)
		took := time.Since(t)
		var qe *index.QueryError
		switch {
		case errors.As(err, &qe):
			if measure {
				res.rejected++
				if res.firstRejected == nil {
					res.firstRejected = fmt.Errorf("query %q: %w", q.req.Query, err)
				}
			}
			return nil
		case errors.Is(err, index.ErrTimeout) && ctx.Err() == nil:
			if measure {
				res.timeouts++
			}
		case err != nil:
			return fmt.Errorf("query %q: %w", q.req.Query, err)
		}
		if measure {
			lat = append(lat, took)
			byShape[q.shape] = append(byShape[q.shape], took)
			if r != nil {
				totals[q.shape] += r.Total
			}
		}
		return nil
	}
	for _, q := range queries {
		if err := run(q, false); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	for i := 0; time.Since(start) < d || i < len(queries); i++ {
		if err := run(queries[i%len(queries)], true); err != nil {
			return nil, err
		}
	}
	elapsed := time.Since(start)
	if len(lat) == 0 {
		return nil, fmt.Errorf("every query was refused; the first: %w", res.firstRejected)
	}
	res.figures = queryFigures{P50MS: percentileMS(lat, 50), P95MS: percentileMS(lat, 95), P99MS: percentileMS(lat, 99),
		QPS: float64(len(lat)) / elapsed.Seconds()}
	for _, shape := range shapeOrder {
		l := byShape[shape]
		if len(l) == 0 {
			continue
		}
		res.shapes = append(res.shapes, shapeFigures{shape: shape, count: len(l), p50: percentileMS(l, 50), p99: percentileMS(l, 99),
			meanTotal: float64(totals[shape]) / float64(len(l))})
	}
	return res, nil
}

// shapeOrder is the order shapes are reported in: the mix's, then the
// queries of a --queries file.
var shapeOrder = []string{"word", "words", "phrase", "filtered", "faceted", "misspelt", "prefix", "collapse", "file"}

// runHTTP serves idx with server.New on a loopback port and has clients
// goroutines search it for d, each over its own keep-alive connection. It
// returns the figures over every response and the count of responses by
// status other than 200.
func runHTTP(ctx context.Context, idx *index.Index, queries []benchQuery, clients int, d time.Duration) (httpFigures, map[int]int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return httpFigures{}, nil, fmt.Errorf("listening on loopback: %w", err)
	}
	srv := server.NewHTTPServer(ln.Addr().String(), server.New(server.Deps{Searcher: idx}))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer func() {
		srv.Close()
		<-served
	}()
	base := "http://" + ln.Addr().String() + "/api/search?"
	urls := make([]string, len(queries))
	for i, q := range queries {
		urls[i] = base + searchParams(q.req).Encode()
	}
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
		Timeout:   10 * time.Second,
	}
	defer client.CloseIdleConnections()

	// get fetches u and returns its status; only a failure to talk to the
	// server at all is an error. Other statuses (503 when a search runs
	// past its deadline) are counted and their time measured.
	get := func(u string) (int, error) {
		resp, err := client.Get(u)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, err
	}
	// Warm up, so every client measures a steady state.
	for _, u := range urls[:min(len(urls), 50)] {
		if _, err := get(u); err != nil {
			return httpFigures{}, nil, err
		}
	}
	lat := make([][]time.Duration, clients)
	statuses := make([]map[int]int, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		statuses[c] = map[int]int{}
		wg.Go(func() {
			for i := c * 7; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t := time.Now()
				status, err := get(urls[i%len(urls)])
				if err != nil {
					errs[c] = err
					return
				}
				lat[c] = append(lat[c], time.Since(t))
				statuses[c][status]++
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return httpFigures{}, nil, fmt.Errorf("HTTP phase: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return httpFigures{}, nil, err
	}
	failed := map[int]int{}
	for _, m := range statuses {
		for status, n := range m {
			if status != http.StatusOK {
				failed[status] += n
			}
		}
	}
	all := slices.Concat(lat...)
	return httpFigures{Clients: clients, P50MS: percentileMS(all, 50), P99MS: percentileMS(all, 99),
		RPS: float64(len(all)) / elapsed.Seconds()}, failed, nil
}

// searchParams is req as /api/search URL parameters.
func searchParams(req index.Request) url.Values {
	v := url.Values{"q": {req.Query}}
	for name, vals := range req.Filters {
		for _, x := range vals {
			v.Add(name, x)
		}
	}
	if req.Collapse != "" {
		v.Set("collapse", req.Collapse)
	}
	if req.Size != 0 {
		v.Set("size", strconv.Itoa(req.Size))
	}
	return v
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
