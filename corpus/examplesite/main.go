// Command examplesite serves a small recruitment-news site on this machine,
// for trying `recruitsearch ingest URL` and `serve --follow` without
// touching anyone else's server:
//
//	go run ./corpus/examplesite --addr 127.0.0.1:8090 --dir ./news
//
// It serves the five seed articles (as the plain text they are) and every
// .md, .html and .txt file in --dir, read afresh on each request, so
// dropping a file into --dir publishes it. /feed.xml is an RSS 2.0 feed of
// them all (newest first), /sitemap.xml a sitemap index naming
// /sitemap-articles.xml, and /robots.txt keeps robots out of /drafts/.
// Pages carry ETag and Last-Modified, so an unchanged page answers 304.
// brent-academy.md, beside this file, is an article to copy into --dir
// while `serve --follow` runs, as the README does.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "examplesite: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("examplesite", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8090", "address to listen on")
	dir := fs.String("dir", "", "folder of extra articles (.md, .html, .txt) to publish; read on every request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newSite(*dir), ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(stdout, "examplesite: serving http://%s/ (feed /feed.xml, sitemap /sitemap.xml)\n", ln.Addr())
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// item is one published article.
type item struct {
	name     string // file name, its path under /articles/
	data     []byte
	modified time.Time
}

// seedTime is when the seed articles are said to be published.
var seedTime = time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC)

type site struct{ dir string }

func newSite(dir string) http.Handler {
	s := &site{dir: dir}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/plain; charset=utf-8", seedTime, []byte("User-agent: *\nDisallow: /drafts/\n"))
	})
	mux.HandleFunc("GET /articles/{name}", s.article)
	mux.HandleFunc("GET /feed.xml", s.feed)
	mux.HandleFunc("GET /sitemap.xml", s.sitemapIndex)
	mux.HandleFunc("GET /sitemap-articles.xml", s.sitemap)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString("<!doctype html><title>Example recruitment news</title><h1>Example recruitment news</h1><ul>")
		for _, it := range s.items() {
			fmt.Fprintf(&b, `<li><a href="/articles/%s">%s</a></li>`, it.name, it.name)
		}
		b.WriteString(`</ul><p><a href="/feed.xml">RSS</a></p>`)
		serveBytes(w, r, "text/html; charset=utf-8", time.Now(), []byte(b.String()))
	})
	return mux
}

// items are the seed articles and the files in dir, newest first.
func (s *site) items() []item {
	var out []item
	for _, f := range corpus.Files() {
		out = append(out, item{name: path.Base(f.Name), data: f.Data, modified: seedTime})
	}
	if s.dir != "" {
		entries, _ := os.ReadDir(s.dir)
		for _, e := range entries {
			if _, ok := contentTypes[filepath.Ext(e.Name())]; !ok || !e.Type().IsRegular() {
				continue
			}
			data, err := os.ReadFile(filepath.Join(s.dir, e.Name()))
			info, ierr := e.Info()
			if err != nil || ierr != nil {
				continue
			}
			out = append(out, item{name: e.Name(), data: data, modified: info.ModTime().UTC()})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].modified.After(out[j].modified) })
	return out
}

var contentTypes = map[string]string{
	".md":   "text/markdown; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
}

func (s *site) article(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	for _, it := range s.items() {
		if it.name == name {
			serveBytes(w, r, contentTypes[filepath.Ext(name)], it.modified, it.data)
			return
		}
	}
	http.NotFound(w, r)
}

// serveBytes answers with data, an ETag of its checksum and modified as
// Last-Modified; http.ServeContent answers conditional requests with 304.
func serveBytes(w http.ResponseWriter, r *http.Request, contentType string, modified time.Time, data []byte) {
	sum := sha256.Sum256(data)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sum[:8]))
	http.ServeContent(w, r, "", modified, strings.NewReader(string(data)))
}

func base(r *http.Request) string { return "http://" + r.Host }

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	GUID    string `xml:"guid"`
	PubDate string `xml:"pubDate"`
}

func (s *site) feed(w http.ResponseWriter, r *http.Request) {
	doc := rssDoc{Version: "2.0", Channel: rssChannel{Title: "Example recruitment news", Link: base(r) + "/", Description: "Council social work recruitment features"}}
	latest := seedTime
	for _, it := range s.items() {
		link := base(r) + "/articles/" + it.name
		doc.Channel.Items = append(doc.Channel.Items, rssItem{Title: title(it.data), Link: link, GUID: link, PubDate: it.modified.Format(time.RFC1123Z)})
		if it.modified.After(latest) {
			latest = it.modified
		}
	}
	serveXML(w, r, "application/rss+xml; charset=utf-8", latest, doc)
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []loc    `xml:"url"`
}

type sitemapindex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []loc    `xml:"sitemap"`
}

type loc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (s *site) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	serveXML(w, r, "application/xml", seedTime, sitemapindex{Sitemaps: []loc{{Loc: base(r) + "/sitemap-articles.xml"}}})
}

func (s *site) sitemap(w http.ResponseWriter, r *http.Request) {
	var doc urlset
	latest := seedTime
	for _, it := range s.items() {
		doc.URLs = append(doc.URLs, loc{Loc: base(r) + "/articles/" + it.name, LastMod: it.modified.Format("2006-01-02")})
		if it.modified.After(latest) {
			latest = it.modified
		}
	}
	serveXML(w, r, "application/xml", latest, doc)
}

func serveXML(w http.ResponseWriter, r *http.Request, contentType string, modified time.Time, doc any) {
	data, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	serveBytes(w, r, contentType, modified, append([]byte(xml.Header), data...))
}

// title is an article's first non-empty line (or Markdown heading).
func title(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#")); line != "" && !strings.HasPrefix(line, "<") && line != "---" {
			return line
		}
	}
	return "Untitled"
}
