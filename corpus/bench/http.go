package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/server"
)

// httpWarmUp is how many requests run untimed before the HTTP phase.
const httpWarmUp = 50

// runHTTP serves idx with server.New on a loopback port and has clients
// goroutines search it for d, each over its own keep-alive connection. It
// returns the figures over every response and the count of responses by
// status other than 200.
func runHTTP(ctx context.Context, idx *index.Index, queries []Query, clients int, d time.Duration) (HTTPFigures, map[int]int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return HTTPFigures{}, nil, fmt.Errorf("listening on loopback: %w", err)
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
		urls[i] = base + q.params().Encode()
	}
	c := &httpClient{&http.Client{
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
		Timeout:   10 * time.Second,
	}}
	defer c.CloseIdleConnections()
	// Warm up, so every client measures a steady state.
	for _, u := range urls[:min(len(urls), httpWarmUp)] {
		if _, err := c.status(u); err != nil {
			return HTTPFigures{}, nil, err
		}
	}
	lat, failed, elapsed, err := c.load(ctx, urls, clients, d)
	if err != nil {
		return HTTPFigures{}, nil, err
	}
	return HTTPFigures{Clients: clients, P50MS: percentileMS(lat, 50), P99MS: percentileMS(lat, 99),
		RPS: float64(len(lat)) / elapsed.Seconds()}, failed, nil
}

// httpClient is the load driver's client.
type httpClient struct{ *http.Client }

// status fetches u and returns its status; only a failure to talk to the
// server at all is an error. Other statuses (503 when a search runs past
// its deadline) are counted and their time measured.
func (c *httpClient) status(u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// load has clients goroutines fetch urls round and round for d, each
// starting at a different place. It returns every request's latency, the
// count of responses by status other than 200 and the time it took.
func (c *httpClient) load(ctx context.Context, urls []string, clients int, d time.Duration) ([]time.Duration, map[int]int, time.Duration, error) {
	lat := make([][]time.Duration, clients)
	statuses := make([]map[int]int, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for n := range clients {
		statuses[n] = map[int]int{}
		wg.Go(func() {
			for i := n * 7; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t := time.Now()
				status, err := c.status(urls[i%len(urls)])
				if err != nil {
					errs[n] = err
					return
				}
				lat[n] = append(lat[n], time.Since(t))
				statuses[n][status]++
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, 0, fmt.Errorf("HTTP phase: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, 0, err
	}
	failed := map[int]int{}
	for _, m := range statuses {
		for status, n := range m {
			if status != http.StatusOK {
				failed[status] += n
			}
		}
	}
	return slices.Concat(lat...), failed, elapsed, nil
}
