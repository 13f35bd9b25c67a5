package fetch

import (
	"fmt"
	"mime"
	"net"
	"net/url"
	"strings"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// ParseURL reads a url given on the command line or listed by a feed or
// sitemap (relative to base when base is not nil) and returns it
// normalised: an http(s) url with a host, no user info and no fragment,
// its scheme and host in lower case, without the default port, and with a
// path of at least "/". Two spellings of one address normalise alike, so
// it is fetched once.
func ParseURL(base *url.URL, raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a url: %w", raw, ErrNotHTTP)
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q: %w", raw, ErrNotHTTP)
	}
	if u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%q needs a host and no user name: %w", raw, ErrNotHTTP)
	}
	u.Host = strings.ToLower(u.Host)
	if host, port, err := net.SplitHostPort(u.Host); err == nil &&
		(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		u.Host = host
		if strings.Contains(host, ":") {
			u.Host = "[" + host + "]"
		}
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

// site is the origin a robots.txt and a request rate apply to.
func site(u *url.URL) string { return u.Scheme + "://" + u.Host }

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// formatExts is the file extension that makes ingest read a body in the
// format its Content-Type names.
var formatExts = map[string]string{
	"text/html":             ".html",
	"application/xhtml+xml": ".html",
	"text/markdown":         ".md",
	"text/x-markdown":       ".md",
	"text/plain":            ".txt",
	"application/x-ndjson":  ".jsonl",
	"application/jsonl":     ".jsonl",
}

// sourceName is the name a fetched page is kept under in the index: its
// url, so the same article reached again replaces or confirms it. The index
// reads a kept source's format from its name's extension (or, without one,
// from its content), so when that would not agree with the Content-Type (a
// Markdown page at "/jobs/kent", an HTML page at "/feed.xml") the extension
// goes in a fragment ("https://example.org/jobs/kent#.md"), which no
// server ever sees.
func sourceName(u *url.URL, contentType string, data []byte) string {
	name := u.String()
	ct, _, _ := mime.ParseMediaType(contentType)
	want, known := formatExts[ct]
	if !known {
		return name
	}
	if got, err := ingest.DetectFormat(name, data); err == nil && got.Extension() == want {
		return name
	}
	return name + "#" + want
}
