package fetch

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"

	"github.com/mmcdole/gofeed"
)

// Kind is what a fetched url turned out to be.
type Kind string

// Kinds of url.
const (
	KindPage         Kind = "page"          // an article, handed to the writer
	KindFeed         Kind = "feed"          // RSS, Atom or JSON Feed: its items' pages are fetched
	KindSitemap      Kind = "sitemap"       // a urlset: its pages are fetched
	KindSitemapIndex Kind = "sitemap-index" // its sitemaps are fetched
)

// kindOf tells a listing from a page by its content: a sitemap's root
// element, a feed's (by gofeed's detector), or a JSON object naming the
// JSON Feed version. Anything else is a page for ingest to read.
func kindOf(body []byte) Kind {
	head := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case len(head) == 0:
		return KindPage
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return KindSitemap // gzip: sitemapLinks tells an index from a urlset
	case head[0] == '<':
		if root := xmlRoot(head); root == "urlset" {
			return KindSitemap
		} else if root == "sitemapindex" {
			return KindSitemapIndex
		}
		if gofeed.DetectFeedType(bytes.NewReader(head)) != gofeed.FeedTypeUnknown {
			return KindFeed
		}
	case head[0] == '{':
		// gofeed takes any JSON object for a feed; a JSON lines page is not.
		var probe struct {
			Version string `json:"version"`
		}
		if json.NewDecoder(bytes.NewReader(body)).Decode(&probe) == nil && bytes.Contains([]byte(probe.Version), []byte("jsonfeed.org")) {
			return KindFeed
		}
	}
	return KindPage
}

// xmlRoot is the local name of the first element of an XML document, ""
// when there is none before the head ends.
func xmlRoot(head []byte) string {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
}

// feedLinks are the article urls a feed's items link to, in feed order,
// resolved against the feed's url. An item without a usable link is
// reported in bad.
func feedLinks(base *url.URL, body []byte) (links []*url.URL, bad []error, err error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrListing, err)
	}
	for i, item := range feed.Items {
		raw := item.Link
		if raw == "" && len(item.Links) > 0 {
			raw = item.Links[0]
		}
		if raw == "" {
			raw = item.GUID // an RSS guid is a permalink unless it says not
		}
		if raw == "" {
			bad = append(bad, fmt.Errorf("feed item %d (%q) has no link", i+1, item.Title))
			continue
		}
		u, err := ParseURL(base, raw)
		if err != nil {
			bad = append(bad, fmt.Errorf("feed item %d: %w", i+1, err))
			continue
		}
		links = append(links, u)
	}
	return links, bad, nil
}

// sitemap is a urlset or a sitemapindex (sitemaps.org protocol 0.9).
type sitemap struct {
	XMLName  xml.Name
	URLs     []sitemapLoc `xml:"url"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc string `xml:"loc"`
}

// sitemapLinks are the urls a sitemap lists: pages, or for a sitemap
// index (isIndex) its sitemaps. The protocol allows only urls on the sitemap's own host;
// others are reported in bad, not fetched. A gzipped sitemap is read too.
func sitemapLinks(base *url.URL, body []byte, limit int64) (links []*url.URL, isIndex bool, bad []error, err error) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, false, nil, fmt.Errorf("%w: %v", ErrListing, err)
		}
		if body, err = io.ReadAll(io.LimitReader(zr, limit+1)); err != nil {
			return nil, false, nil, fmt.Errorf("%w: %v", ErrListing, err)
		}
		if int64(len(body)) > limit {
			return nil, false, nil, fmt.Errorf("%w: unzipped, more than %d bytes", ErrTooLarge, limit)
		}
	}
	var sm sitemap
	if err := xml.Unmarshal(body, &sm); err != nil {
		return nil, false, nil, fmt.Errorf("%w: %v", ErrListing, err)
	}
	locs := sm.URLs
	switch sm.XMLName.Local {
	case "sitemapindex":
		isIndex, locs = true, sm.Sitemaps
	case "urlset":
	default:
		return nil, false, nil, fmt.Errorf("%w: <%s> is not a sitemap's root", ErrListing, sm.XMLName.Local)
	}
	for _, l := range locs {
		u, err := ParseURL(base, l.Loc)
		switch {
		case err != nil:
			bad = append(bad, fmt.Errorf("sitemap entry: %w", err))
		case u.Host != base.Host:
			bad = append(bad, fmt.Errorf("sitemap lists %s: %w, which a sitemap may not list", u, ErrOtherHost))
		default:
			links = append(links, u)
		}
	}
	return links, isIndex, bad, nil
}
