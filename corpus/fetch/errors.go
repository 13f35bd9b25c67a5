package fetch

import (
	"errors"
	"fmt"
)

// The reasons a url fails, for errors.Is.
var (
	// ErrRobots: robots.txt disallows the url for this user agent.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrRobotsUnreadable: the site's robots.txt could not be read (no
	// answer, or a 5xx), so RFC 9309 keeps the whole site off limits for
	// now. Unlike ErrRobots this is a failure: the site may be down or the
	// url mistyped, and nothing says robots.txt would disallow the url.
	ErrRobotsUnreadable = errors.New("robots.txt could not be read, so the site is off limits for now")
	// ErrNotHTTP: the url (given, listed or redirected to) is not http(s).
	ErrNotHTTP = errors.New("not an http(s) url")
	// ErrOtherHost: a redirect or a sitemap entry leads to another host.
	ErrOtherHost = errors.New("on another host")
	// ErrRedirects: more redirects than Options.MaxRedirects.
	ErrRedirects = errors.New("too many redirects")
	// ErrStatus: the server answered with a status that is not 200 or 304
	// (after retries for 429 and 5xx).
	ErrStatus = errors.New("unexpected HTTP status")
	// ErrTimeout: no complete answer within Options.Timeout.
	ErrTimeout = errors.New("timed out")
	// ErrTooLarge: the body is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("too large")
	// ErrListing: a feed or sitemap that cannot be read.
	ErrListing = errors.New("unreadable feed or sitemap")
)

// Error is the failure of one url: where, and why.
type Error struct {
	URL string
	Err error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.URL, e.Err) }
func (e *Error) Unwrap() error { return e.Err }
