// Package fetch keeps an index current from the web: it fetches pages,
// feeds (RSS 2.0, Atom, JSON Feed) and sitemaps (and sitemap indexes),
// and hands each article page to a Writer, the same single writer that
// `POST /api/articles` uses, under a source name made from the article's
// canonical url.
//
// It is polite by default, and none of it can be turned off:
//
//   - robots.txt is read once per site (per scheme and host) and its group
//     for the "recruitsearch" user agent is obeyed, crawl-delay included;
//     a robots.txt that answers 5xx or cannot be reached disallows the site
//     (RFC 9309), one that answers 4xx allows it;
//   - at most one request per second to a host (Options.Delay), or slower
//     when robots.txt asks; only a host on this machine (a local test site)
//     may be asked faster;
//   - every request names the tool and the contact url the user gave in its
//     User-Agent;
//   - a url fetched before is asked for with If-None-Match/If-Modified-Since,
//     so an unchanged page costs a 304 and changes nothing (the validators
//     live in a State file beside the index, so this survives restarts);
//   - 429 and 5xx answers are retried with exponential backoff, waiting as
//     long as Retry-After says when it says (up to Options.MaxRetryAfter);
//   - a body larger than 5 MB (ingest.DefaultMaxBytes) is refused, every
//     request has a timeout, redirects are followed at most
//     Options.MaxRedirects times and only to http(s) urls on the same host;
//   - only the urls given are fetched, and the pages their feed or sitemap
//     lists: links inside pages are never followed. A sitemap's urls must be
//     on its own host (the sitemap protocol says so); a feed's items may be
//     anywhere, as feeds link to the publisher's pages.
//
// Fetcher.Run fetches a list of urls once; a Follower runs it every
// interval for `serve --follow` and keeps, per followed url, when it was
// last fetched and what happened (Status), and every fetch's outcome
// counted (Counts) for /metrics.
//
// The package imports ingest, to read a page's canonical url before it is
// written, and index for the writer's report; the writer does the rest as
// it does for files: an unchanged source changes nothing, a changed one
// replaces its articles, and the fetched bytes are kept so the index can be
// rebuilt without the network.
package fetch
