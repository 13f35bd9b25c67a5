package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// response is a 200 or 304 answer (or, from request, a redirect).
type response struct {
	url          *url.URL // where the answer came from, after redirects
	status       int
	body         []byte
	contentType  string
	etag         string
	lastModified string
	location     string // a redirect's target
}

// get fetches u politely: robots.txt is asked before every hop, each hop
// waits for its site's turn and is retried on 429 and 5xx, redirects are
// followed to http(s) urls on the same host only, and a hop whose url was
// fetched before is asked for conditionally (so the answer may be a 304),
// unless stale says what was fetched then is no longer kept.
func (f *Fetcher) get(ctx context.Context, u *url.URL, stale func(Entry) bool) (*response, error) {
	for hops := 0; ; hops++ {
		if err := f.allowed(ctx, u); err != nil {
			return nil, err
		}
		cond, ok := f.opts.State.get(u.String())
		if ok && stale != nil && stale(cond) {
			cond = Entry{}
		}
		resp, err := f.request(ctx, u, cond, f.opts.Attempts, f.opts.MaxBytes)
		if err != nil {
			return nil, err
		}
		if resp.location == "" {
			return resp, nil
		}
		next, err := redirectTarget(u, resp)
		if err != nil {
			return nil, err
		}
		if hops+1 > f.opts.MaxRedirects {
			return nil, fmt.Errorf("%w: stopped after %d (the last to %s)", ErrRedirects, f.opts.MaxRedirects, next)
		}
		u = next
	}
}

// redirectTarget is where a redirect from u leads, refused when it is not
// http(s) or not on u's host (a "www." prefix aside).
func redirectTarget(u *url.URL, resp *response) (*url.URL, error) {
	next, err := ParseURL(u, resp.location)
	if err != nil {
		return nil, fmt.Errorf("redirect (%d) to %q refused: %w", resp.status, resp.location, ErrNotHTTP)
	}
	if strings.TrimPrefix(next.Hostname(), "www.") != strings.TrimPrefix(u.Hostname(), "www.") {
		return nil, fmt.Errorf("redirect (%d) to %s refused: %w", resp.status, next, ErrOtherHost)
	}
	return next, nil
}

// request asks for u itself (no redirects followed) up to attempts
// times, retrying 429 and 5xx answers and failed connections after
// Retry-After or an exponential backoff. Each attempt waits for the site's
// turn. A body over limit is refused without being read whole.
func (f *Fetcher) request(ctx context.Context, u *url.URL, cond Entry, attempts int, limit int64) (*response, error) {
	s := f.site(u)
	backoff := f.opts.Backoff
	for attempt := 1; ; attempt++ {
		if err := f.wait(ctx, u, s); err != nil {
			return nil, err
		}
		resp, retryAfter, err := f.attempt(ctx, u, cond, limit)
		f.opts.Logger.Debug("fetch", "url", u.String(), "attempt", attempt, "status", statusOf(resp), "err", err)
		var retry *retryable
		if !errors.As(err, &retry) {
			return resp, err
		}
		if attempt >= attempts && attempts == 1 {
			return nil, retry.err
		}
		if attempt >= attempts {
			return nil, fmt.Errorf("%w after %d attempts", retry.err, attempt)
		}
		wait := backoff
		backoff *= 2
		if retryAfter > 0 {
			if retryAfter > f.opts.MaxRetryAfter {
				return nil, fmt.Errorf("%w; asked to retry after %s, longer than the %s limit", retry.err, retryAfter, f.opts.MaxRetryAfter)
			}
			wait = retryAfter
		}
		if err := f.retrySleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// retryable marks an attempt's failure as worth another try.
type retryable struct{ err error }

func (r *retryable) Error() string { return r.err.Error() }
func (r *retryable) Unwrap() error { return r.err }

func statusOf(r *response) int {
	if r == nil {
		return 0
	}
	return r.status
}

// attempt sends one request for u and reads its answer, with a Retry-After
// for the caller when the answer asks to be retried.
func (f *Fetcher) attempt(ctx context.Context, u *url.URL, cond Entry, limit int64) (*response, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", f.opts.userAgent())
	req.Header.Set("Accept", "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.8, */*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		return nil, 0, f.transportError(ctx, err)
	}
	defer res.Body.Close()
	r := &response{
		url:          u,
		status:       res.StatusCode,
		contentType:  res.Header.Get("Content-Type"),
		etag:         res.Header.Get("ETag"),
		lastModified: res.Header.Get("Last-Modified"),
	}
	switch code := res.StatusCode; {
	case code == http.StatusOK:
	case code == http.StatusNotModified && (cond.ETag != "" || cond.LastModified != ""):
		return r, 0, nil
	case code >= 300 && code < 400 && res.Header.Get("Location") != "":
		r.location = res.Header.Get("Location")
		return r, 0, nil
	case code == http.StatusTooManyRequests || code >= 500:
		return nil, retryAfter(res.Header.Get("Retry-After"), f.opts.Now()),
			&retryable{fmt.Errorf("%w: %s", ErrStatus, res.Status)}
	case code >= 400 && code < 500 && u.Path == "/robots.txt":
		return r, 0, nil // robots.txt answering 4xx allows everything
	default:
		return nil, 0, fmt.Errorf("%w: %s", ErrStatus, res.Status)
	}
	if res.ContentLength > limit {
		return nil, 0, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, res.ContentLength, limit)
	}
	r.body, err = io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, 0, f.transportError(ctx, err)
	}
	if int64(len(r.body)) > limit {
		return nil, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return r, 0, nil
}

// transportError names a failed request: a timeout as such, a refused or
// reset connection as worth a retry, the end of ctx as itself.
func (f *Fetcher) transportError(ctx context.Context, err error) error {
	var ne net.Error
	cause := context.Cause(ctx)
	switch {
	case cause != nil && !errors.Is(cause, context.DeadlineExceeded):
		return cause // the caller's context ended
	case errors.Is(cause, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%w: no complete answer within %s", ErrTimeout, f.opts.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &retryable{fmt.Errorf("request failed: %w", err)}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
