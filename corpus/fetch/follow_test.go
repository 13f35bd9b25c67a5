package fetch

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/internal/eventually"
)

// TestFollowerPicksUpNewItems follows the test site's feed: an item
// published after it started is searchable within one interval, an item
// listed twice is one article, and Status says when the feed was fetched
// and what happened.
func TestFollowerPicksUpNewItems(t *testing.T) {
	site := newTestSite(t, "http://elsewhere.invalid")
	feed := site.URL + "/news.xml"
	site.set("/news.xml", page{"application/rss+xml", rss(site.URL, []string{"/articles/kent.html"})})
	dir := t.TempDir()
	idx := openIndex(t, dir)
	state, err := OpenState(filepath.Join(dir, StateFile))
	if err != nil {
		t.Fatal(err)
	}
	f := newTestFetcher(t, site, state)
	const every = 150 * time.Millisecond
	fl := NewFollower(f.Fetcher, idx, []string{feed}, every)
	if st := fl.Status(); len(st) != 1 || st[0].Result != "pending" || st[0].LastFetched != nil {
		t.Fatalf("status before the first round = %+v, want one pending source", st)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- fl.Run(ctx, nil) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	found := func(query string) int {
		res, err := idx.Search(context.Background(), index.Request{Query: query, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, h := range res.Hits {
			ids[h.ArticleID] = true
		}
		return len(ids)
	}
	eventually.True(t, "the first round", 2*time.Second, func() bool { return found("Kent") == 1 })

	// Publish: a new page, listed twice (once with a tracking parameter).
	site.set("/articles/brent.html", page{"text/html", article("Brent's new academy", "Brent Council", site.URL+"/articles/brent.html", "http://elsewhere.invalid/")})
	site.set("/news.xml", page{"application/rss+xml", rss(site.URL, []string{"/articles/brent.html", "/articles/brent.html?from=rss", "/articles/kent.html"})})
	published := time.Now()
	eventually.True(t, "the new item", every+time.Second, func() bool { return found("Brent") == 1 })
	if took := time.Since(published); took > every+500*time.Millisecond {
		t.Errorf("the new item took %s to be searchable; the interval is %s", took, every)
	}
	// Another round: still one Brent article.
	time.Sleep(every + 50*time.Millisecond)
	if n := found("Brent"); n != 1 {
		t.Errorf("Brent found in %d articles, want 1", n)
	}
	arts, _ := idx.Articles(context.Background())
	if len(arts) != 2 {
		t.Errorf("index holds %d articles, want 2 (kent, brent)", len(arts))
	}
	st := fl.Status()[0]
	if st.LastFetched == nil || st.Result != "ok" || st.URL != feed || st.Next.Before(*st.LastFetched) {
		t.Errorf("status = %+v, want the feed fetched, ok, with a next fetch no earlier than the last", st)
	}
	if c := fl.Counts(); c[Fetched] == 0 || c[Unchanged] == 0 {
		t.Errorf("counts %v: want fetches and 304s", c)
	}
	if strings.Contains(st.Error, "elsewhere") {
		t.Errorf("a link inside a page was followed: %s", st.Error)
	}
}
