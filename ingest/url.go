package ingest

import (
	"net/url"
	"strings"
)

// webURL returns s when it is an absolute http or https address, and ""
// otherwise. An article's url is shown as a link and returned by the API;
// a source may say anything ("javascript:alert(1)", "data:…", a relative
// path with no page to resolve it against), and only a web address is a
// safe and useful link.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return s
	}
	return ""
}
