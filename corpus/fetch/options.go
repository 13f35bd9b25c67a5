package fetch

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Product is the user-agent token robots.txt groups are matched against
// and the first word of the User-Agent header.
const Product = "recruitsearch"

// Defaults of Options.
const (
	DefaultDelay         = time.Second
	DefaultTimeout       = 30 * time.Second
	DefaultMaxRedirects  = 5
	DefaultAttempts      = 3
	DefaultBackoff       = 2 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultMaxLinks      = 1000
	// robotsTTL is how long a site's robots.txt is trusted before it is
	// read again (a follower runs for days).
	robotsTTL = 24 * time.Hour
)

// Options tune a Fetcher. Only Contact is required.
type Options struct {
	// Contact is where a site owner can reach whoever runs the fetcher (an
	// http(s) or mailto url); it goes into every User-Agent.
	Contact string
	// Delay is the least time between two requests to one host; robots.txt
	// may ask for longer. Below DefaultDelay it applies only to hosts on
	// this machine (a local test site); other hosts get DefaultDelay.
	Delay time.Duration
	// Timeout bounds one request, body included.
	Timeout time.Duration
	// MaxBytes bounds a body; zero means ingest.DefaultMaxBytes (5 MB).
	MaxBytes int64
	// MaxRedirects bounds the redirects followed for one url.
	MaxRedirects int
	// Attempts is how many times a url answering 429 or 5xx is tried.
	Attempts int
	// Backoff is the wait before the first retry when the answer has no
	// Retry-After; it doubles for each further retry.
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking
	// for longer fails the url.
	MaxRetryAfter time.Duration
	// MaxLinks bounds the urls taken from one feed or sitemap.
	MaxLinks int
	// State keeps validators and listings between runs; nil keeps nothing.
	State *State
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives a debug line per request; nil discards.
	Logger *slog.Logger
}

// ErrNoContact is returned by New without Options.Contact.
var ErrNoContact = errors.New("a contact url is needed: site owners see it in the User-Agent")

// CheckContact says whether contact will do as Options.Contact: an
// http(s) url with a host, or a mailto: url.
func CheckContact(contact string) error {
	if contact == "" {
		return ErrNoContact
	}
	u, err := url.Parse(contact)
	if err != nil || !(u.Scheme == "mailto" && u.Opaque != "" || (u.Scheme == "http" || u.Scheme == "https") && u.Host != "") {
		return fmt.Errorf("contact %q: want an http(s) or mailto: url", contact)
	}
	return nil
}

func (o *Options) setDefaults() error {
	if err := CheckContact(o.Contact); err != nil {
		return err
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Delay, DefaultDelay)
	def(&o.Timeout, DefaultTimeout)
	def(&o.Backoff, DefaultBackoff)
	def(&o.MaxRetryAfter, DefaultMaxRetryAfter)
	if o.MaxBytes <= 0 {
		o.MaxBytes = ingest.DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.MaxLinks <= 0 {
		o.MaxLinks = DefaultMaxLinks
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// userAgent is the User-Agent header: the tool and how to reach its user.
func (o *Options) userAgent() string {
	return Product + "/1 (+" + o.Contact + ")"
}
