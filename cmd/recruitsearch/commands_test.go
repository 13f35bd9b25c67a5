package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

func TestParseSeedJSON(t *testing.T) {
	var articles []ingest.Article
	decodeJSON(t, runCLI(t, nil, "parse", seedFiles(t)[0], "--json"), &articles)
	if len(articles) != 1 {
		t.Fatalf("got %d articles, want 1", len(articles))
	}
	art := articles[0]
	if art.Council != "Kent County Council" {
		t.Errorf("council = %q, want Kent County Council", art.Council)
	}
	var qa int
	for _, p := range art.Passages {
		if p.Kind != ingest.KindQA {
			continue
		}
		qa++
		if p.Speaker != "Amy Gordon" || p.Role != "newly qualified social worker" {
			t.Errorf("%s: speaker %q role %q, want Amy Gordon, newly qualified social worker", p.ID, p.Speaker, p.Role)
		}
	}
	if qa != 6 {
		t.Errorf("got %d qa passages, want 6", qa)
	}
	for _, p := range art.Passages {
		if p.Kind == ingest.KindQuote {
			t.Errorf("%s: a pull quote became a passage of its own: %q", p.ID, p.Text)
		}
	}
}

func TestParseListing(t *testing.T) {
	r := runCLI(t, nil, "parse", seedFiles(t)[0])
	mustSucceed(t, r)
	for _, want := range []string{"Kent County Council", "qa", "Amy Gordon, newly qualified social worker", "Q: What do you like most"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("listing lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("ANSI escapes in output that is not a terminal")
	}
}

func TestParseBadFilesNamedOthersParsed(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "photo.jpg")
	writeFile(t, empty, nil)
	writeFile(t, binary, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"))
	r := runCLI(t, nil, "parse", empty, seedFiles(t)[2], binary, filepath.Join(dir, "missing.txt"), "--json")
	if r.code() != exitFailure {
		t.Fatalf("exit %d, want 1", r.code())
	}
	for _, name := range []string{"empty.txt", "photo.jpg", "missing.txt"} {
		if !strings.Contains(r.stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "Jean Ross") {
		t.Errorf("the good file was not parsed:\n%s", r.stdout)
	}
}

// ingestSeedsWithBrokenFile builds an index from a folder holding the seeds
// and two files ingest cannot read, and returns the index directory.
func ingestSeedsWithBrokenFile(t *testing.T) (indexDir, articlesDir string) {
	t.Helper()
	base := t.TempDir()
	articlesDir = filepath.Join(base, "articles")
	copySeeds(t, articlesDir)
	writeFile(t, filepath.Join(articlesDir, "nested", "broken.bin"), []byte("\x00\x01\x02\x03binary\x00\xfe\xff"))
	writeFile(t, filepath.Join(articlesDir, "empty.txt"), nil)
	indexDir = filepath.Join(base, "idx")

	r := runCLI(t, nil, "ingest", articlesDir, "--index", indexDir)
	if r.code() != exitFailure {
		t.Fatalf("ingest with broken files: exit %d (err %v), want 1\nstderr:\n%s", r.code(), r.err, r.stderr)
	}
	for _, name := range []string{"broken.bin", "empty.txt"} {
		if !strings.Contains(r.stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "5 articles added") || !strings.Contains(r.stdout, "2 files failed") {
		t.Errorf("summary does not count 5 added and 2 failed:\n%s", r.stdout)
	}
	if got := strings.Count(r.stdout, "added "); got != 5 {
		t.Errorf("%d files acknowledged as added, want 5:\n%s", got, r.stdout)
	}
	return indexDir, articlesDir
}

func TestIngestFolderThenSearch(t *testing.T) {
	indexDir, articlesDir := ingestSeedsWithBrokenFile(t)

	t.Run("the rest is searchable", func(t *testing.T) {
		var res index.Result
		decodeJSON(t, runCLI(t, nil, "search", "Signs of Safety", "--index", indexDir, "--json"), &res)
		if len(res.Hits) == 0 || res.Hits[0].Council != "Kent County Council" {
			t.Fatalf("first hit is not Kent's: %+v", res.Hits)
		}
		var list []index.ArticleSummary
		decodeJSON(t, runCLI(t, map[string]string{envIndex: indexDir}, "articles", "--json"), &list)
		if len(list) != 5 {
			t.Errorf("index lists %d articles, want 5", len(list))
		}
	})

	t.Run("re-ingest unchanged changes nothing", func(t *testing.T) {
		before := statsOf(t, indexDir)
		r := runCLI(t, nil, "ingest", articlesDir, "--index", indexDir)
		if r.code() != exitFailure { // the broken files are still broken
			t.Fatalf("exit %d, want 1", r.code())
		}
		if got := strings.Count(r.stdout, "unchanged "); got != 5 {
			t.Errorf("%d files reported unchanged, want 5:\n%s", got, r.stdout)
		}
		if !strings.Contains(r.stdout, "0 articles added, 0 replaced, 5 unchanged") {
			t.Errorf("summary:\n%s", r.stdout)
		}
		if after := statsOf(t, indexDir); after.Passages != before.Passages || after.Articles != before.Articles {
			t.Errorf("stats changed: %+v -> %+v", before, after)
		}
	})

	t.Run("a changed file replaces its passages", func(t *testing.T) {
		seed := filepath.Join(articlesDir, filepath.Base(seedFiles(t)[0]))
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		changed := strings.Replace(string(data), "Signs of Safety is about", "Zebrafish practice is about", 1)
		writeFile(t, seed, []byte(changed))
		r := runCLI(t, nil, "ingest", seed, "--index", indexDir)
		mustSucceed(t, r)
		if !strings.Contains(r.stdout, "replaced ") {
			t.Errorf("not reported as replaced:\n%s", r.stdout)
		}
		var res index.Result
		decodeJSON(t, runCLI(t, nil, "search", "zebrafish", "--index", indexDir, "--json"), &res)
		if res.Total != 1 {
			t.Errorf("new text found %d times, want 1", res.Total)
		}
		decodeJSON(t, runCLI(t, nil, "search", `"Signs of Safety is about"`, "--index", indexDir, "--json"), &res)
		for _, h := range res.Hits {
			if strings.Contains(h.Text, "Signs of Safety is about") {
				t.Errorf("stale passage left behind: %s", h.ID)
			}
		}
	})

	t.Run("rebuild keeps every article", func(t *testing.T) {
		before := statsOf(t, indexDir)
		r := runCLI(t, nil, "rebuild", "--index", indexDir)
		mustSucceed(t, r)
		if after := statsOf(t, indexDir); after.Articles != before.Articles || after.Passages != before.Passages {
			t.Errorf("rebuild changed the index: %+v -> %+v", before, after)
		}
	})

	t.Run("ingest --rebuild swaps in exactly the given files", func(t *testing.T) {
		r := runCLI(t, nil, "ingest", seedFiles(t)[1], seedFiles(t)[2], "--index", indexDir, "--rebuild")
		mustSucceed(t, r)
		if s := statsOf(t, indexDir); s.Articles != 2 {
			t.Errorf("after --rebuild with 2 files the index holds %d articles", s.Articles)
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(indexDir), ".idx.rebuild-*"))
		if len(leftovers) > 0 {
			t.Errorf("rebuild left %v behind", leftovers)
		}
	})
}

func statsOf(t *testing.T, indexDir string) index.Stats {
	t.Helper()
	var s index.Stats
	decodeJSON(t, runCLI(t, nil, "stats", "--index", indexDir, "--json"), &s)
	return s
}

func TestSearchEmbeddedCorpus(t *testing.T) {
	t.Run("Signs of Safety finds the Kent interview answer first", func(t *testing.T) {
		var res index.Result
		decodeJSON(t, runCLI(t, nil, "search", "Signs of Safety", "--json"), &res)
		if len(res.Hits) == 0 {
			t.Fatal("no hits")
		}
		top := res.Hits[0]
		if top.Council != "Kent County Council" || top.Kind != "qa" || top.Speaker != "Amy Gordon" ||
			!strings.Contains(top.Question, "Signs of Safety") {
			t.Errorf("top hit = %+v, want Amy Gordon's answer about Signs of Safety", top)
		}
	})

	t.Run("listing names kind, speaker, council and id", func(t *testing.T) {
		r := runCLI(t, nil, "search", "Signs of Safety")
		mustSucceed(t, r)
		first := strings.SplitN(r.stdout, "\n2. ", 2)[0]
		for _, want := range []string{"1. · qa · Amy Gordon, newly qualified social worker · Kent County Council", "Signs of Safety", "#"} {
			if !strings.Contains(first, strings.TrimPrefix(want, "1. · ")) {
				t.Errorf("first hit lacks %q:\n%s", want, first)
			}
		}
		if strings.Contains(r.stdout, "<mark>") || strings.Contains(r.stdout, "\x1b[") {
			t.Errorf("raw marks or ANSI escapes in a non-terminal listing:\n%s", r.stdout)
		}
	})

	t.Run("council filter keeps facet counts for every council", func(t *testing.T) {
		var res index.Result
		decodeJSON(t, runCLI(t, nil, "search", "supervision", "--council", "Medway", "--json"), &res)
		if len(res.Hits) == 0 {
			t.Fatal("no Medway hits for supervision")
		}
		for _, h := range res.Hits {
			if !strings.Contains(h.Council, "Medway") {
				t.Errorf("hit %s is from %q, not Medway", h.ID, h.Council)
			}
		}
		councils := res.Facets["council"]
		if len(councils) < 2 {
			t.Errorf("council facet = %+v, want counts for the other councils too", councils)
		}
		for _, v := range councils {
			if v.Count <= 0 {
				t.Errorf("council facet value %q has count %d", v.Value, v.Count)
			}
		}
	})

	t.Run("a misspelling is corrected, and the listing says so and how to search as typed", func(t *testing.T) {
		r := runCLI(t, nil, "search", "supervison")
		mustSucceed(t, r)
		if !strings.Contains(r.stdout, `Showing results for supervision — search instead for "supervison"`) {
			t.Errorf("no correction line:\n%s", r.stdout)
		}
		r = runCLI(t, nil, "search", `"supervison"`)
		mustSucceed(t, r)
		if !strings.HasPrefix(r.stdout, "0 passages match") || strings.Contains(r.stdout, "Showing results") {
			t.Errorf("the quoted misspelling was corrected:\n%s", r.stdout)
		}
	})

	// Issue 13: a real word the corpus lacks finds nothing and is named,
	// never shown as a look-alike (salary as scary, remote as remove).
	for _, word := range []string{"salary", "remote"} {
		t.Run(word+" prints no look-alike matches", func(t *testing.T) {
			r := runCLI(t, nil, "search", word)
			mustSucceed(t, r)
			want := fmt.Sprintf("0 passages match %q", word)
			if !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "No passage holds “"+word+"”.") {
				t.Errorf("search %s:\n%s\nwant %q and the word named as not found", word, r.stdout, want)
			}
			if strings.Contains(r.stdout, "Did you mean") || strings.Contains(r.stdout, "Showing results") {
				t.Errorf("search %s offered a look-alike:\n%s", word, r.stdout)
			}
		})
	}

	// Issue 13: a topic's name lists the passages the topic tags.
	for _, tc := range []struct{ query, topic string }{{"wellbeing", "wellbeing-support"}, {"flexible working", "flexible-working"}} {
		t.Run(tc.query+" lists the passages tagged "+tc.topic+" first", func(t *testing.T) {
			var tagged, res index.Result
			decodeJSON(t, runCLI(t, nil, "search", "topic:"+tc.topic, "--json", "--limit", "100"), &tagged)
			decodeJSON(t, runCLI(t, nil, "search", tc.query, "--json"), &res)
			if len(tagged.Hits) == 0 || len(res.Hits) == 0 {
				t.Fatalf("search %q: %d hits, %d passages tagged %s", tc.query, len(res.Hits), len(tagged.Hits), tc.topic)
			}
			// The first ten are the tagged passages, as many as fit.
			for _, h := range res.Hits[:min(len(res.Hits), len(tagged.Hits), 10)] {
				if !slices.Contains(h.Topics, tc.topic) {
					t.Errorf("search %q: hit %s has topics %v, want %s", tc.query, h.ID, h.Topics, tc.topic)
				}
			}
		})
	}

	// Issue 13: passages found through a topic are said to be, not shown
	// under "No passage holds" as if that were all.
	for _, tc := range []struct{ query, want string }{
		{"wellbeing", "No passage holds “wellbeing”; these passages matched through the topic Wellbeing and support.\n"},
		{"flexible working", "matched through the topic Flexible and remote working"},
		{"career progression", "Also matched through the topic Career progression: passages tagged with it follow those holding the words."},
		{"pods wellbeing", "through the topics “Team structure”, “Wellbeing and support”."},
		{"well-being", "No passage holds “well-being”; these passages matched through the topic Wellbeing and support.\n"},
		{"step down", "“step down” is searched as the topic Early help, whose tag the passages saying it carry.\n"},
		{"Taunton wellbeing", "No passage holds “wellbeing”; passages tagged with the topic Wellbeing and support follow those holding some of the words.\n"},
	} {
		t.Run(tc.query+" says it matched through the topic", func(t *testing.T) {
			r := runCLI(t, nil, "search", tc.query)
			mustSucceed(t, r)
			if !strings.Contains(r.stdout, tc.want) {
				t.Errorf("search %s:\n%s\nwant %q", tc.query, r.stdout, tc.want)
			}
		})
	}

	t.Run("passages with only some of the words follow, marked", func(t *testing.T) {
		r := runCLI(t, nil, "search", "supervision pods")
		mustSucceed(t, r)
		hits := strings.Split(r.stdout, "\n\n")
		var sawPartial bool
		for _, h := range hits[1:] {
			partial := strings.Contains(strings.SplitN(h, "\n", 2)[0], "some words")
			if !partial && sawPartial && strings.Contains(h, " · ") {
				t.Errorf("a hit with every word follows a partial one:\n%s", r.stdout)
			}
			sawPartial = sawPartial || partial
		}
		// Two hold every word: Medway's pod quote says both, and a
		// Worcestershire passage is tagged with both topics.
		if !sawPartial || !strings.Contains(r.stdout, "2 hold every word") {
			t.Errorf("want the two every-word hits, then hits marked \"some words\":\n%s", r.stdout)
		}
	})

	t.Run("a hit shows the facts it states", func(t *testing.T) {
		r := runCLI(t, nil, "search", "Ofsted", "--fact", "ofsted_judgement")
		mustSucceed(t, r)
		if !strings.Contains(r.stdout, "Ofsted judgement Good") || !strings.Contains(r.stdout, "Ofsted judgement Inadequate") {
			t.Errorf("want Kent's Good and Somerset's Inadequate judgements:\n%s", r.stdout)
		}
	})

	t.Run("limit over the cap names the flag", func(t *testing.T) {
		r := runCLI(t, nil, "search", "supervision", "--limit", "1000000")
		if r.code() != exitUsage || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "--limit: must be at most 100") {
			t.Errorf("exit %d, stderr %q; want exit 2 and one line naming --limit", r.code(), r.stderr)
		}
	})
}

func TestShowArticlesStats(t *testing.T) {
	var list []index.ArticleSummary
	decodeJSON(t, runCLI(t, nil, "articles", "--json"), &list)
	if len(list) != 5 {
		t.Fatalf("%d articles, want the 5 seeds", len(list))
	}
	total := 0
	councils := map[string]int{}
	for _, s := range list {
		total += s.Passages
		councils[s.Council] += s.Passages
		if s.ID == "" || s.Title == "" || s.Council == "" || s.Passages == 0 {
			t.Errorf("incomplete summary %+v", s)
		}
	}

	t.Run("show an article with passages in order", func(t *testing.T) {
		var art ingest.Article
		decodeJSON(t, runCLI(t, nil, "show", list[0].ID, "--json"), &art)
		if art.ID != list[0].ID || len(art.Passages) != list[0].Passages {
			t.Fatalf("show %s: id %q with %d passages, want %d", list[0].ID, art.ID, len(art.Passages), list[0].Passages)
		}
		for i, p := range art.Passages {
			if p.Ordinal != i+1 {
				t.Errorf("passage %d has ordinal %d", i, p.Ordinal)
			}
		}
	})

	t.Run("show one passage with its neighbours", func(t *testing.T) {
		var p index.PassageContext
		decodeJSON(t, runCLI(t, nil, "show", list[0].ID+"#2", "--json"), &p)
		if p.ID != list[0].ID+"#2" || p.Previous == nil || p.Previous.Ordinal != 1 {
			t.Errorf("passage = %+v", p)
		}
		r := runCLI(t, nil, "show", list[0].ID+"#2")
		mustSucceed(t, r)
		if !strings.Contains(r.stdout, list[0].Title) || !strings.Contains(r.stdout, "#2 ") {
			t.Errorf("listing:\n%s", r.stdout)
		}
	})

	t.Run("show an unknown id", func(t *testing.T) {
		r := runCLI(t, nil, "show", "no-such-article")
		if r.code() != exitFailure || !strings.Contains(r.stderr, `no article with id "no-such-article"`) {
			t.Errorf("exit %d, stderr %q", r.code(), r.stderr)
		}
	})

	t.Run("stats agree with the listing", func(t *testing.T) {
		var s index.Stats
		decodeJSON(t, runCLI(t, nil, "stats", "--json"), &s)
		if s.Articles != 5 || s.Passages != total {
			t.Errorf("stats %d articles %d passages, listing says 5 and %d", s.Articles, s.Passages, total)
		}
		if len(s.Councils) != len(councils) || len(s.Topics) == 0 {
			t.Errorf("councils %v topics %v; the listing has %d councils", s.Councils, s.Topics, len(councils))
		}
		for _, c := range s.Councils {
			if councils[c.Value] != c.Count {
				t.Errorf("stats count %d passages for %s, the listing %d", c.Count, c.Value, councils[c.Value])
			}
		}
		r := runCLI(t, nil, "stats")
		mustSucceed(t, r)
		for _, want := range []string{"articles  5", "councils", "Kent County Council", "topics"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stats listing lacks %q:\n%s", want, r.stdout)
			}
		}
	})

	t.Run("articles listing", func(t *testing.T) {
		r := runCLI(t, nil, "articles")
		mustSucceed(t, r)
		if !strings.Contains(r.stdout, "5 articles") || !strings.Contains(r.stdout, list[0].ID) {
			t.Errorf("listing:\n%s", r.stdout)
		}
	})

	t.Run("a missing index directory is named", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "nope")
		r := runCLI(t, nil, "articles", "--index", missing)
		if r.code() != exitFailure || !strings.Contains(r.stderr, missing) {
			t.Errorf("exit %d stderr %q", r.code(), r.stderr)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Error("a read command created an index")
		}
	})
}

func TestDamagedIndexNamesRebuild(t *testing.T) {
	indexDir := filepath.Join(t.TempDir(), "idx")
	mustSucceed(t, runCLI(t, nil, "ingest", seedFiles(t)[0], seedFiles(t)[2], "--index", indexDir))
	metas, err := filepath.Glob(filepath.Join(indexDir, "index", "gen-*", "index_meta.json"))
	if err != nil || len(metas) != 1 {
		t.Fatalf("want one live generation, got %v (%v)", metas, err)
	}
	writeFile(t, metas[0], []byte("{not json"))

	r := runCLI(t, nil, "search", "supervision", "--index", indexDir)
	if r.code() != exitFailure || !strings.Contains(r.stderr, "recruitsearch rebuild") ||
		strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Fatalf("damaged index: exit %d, stderr %q; want exit 1 and one line naming `recruitsearch rebuild`", r.code(), r.stderr)
	}

	mustSucceed(t, runCLI(t, nil, "rebuild", "--index", indexDir))
	var res index.Result
	decodeJSON(t, runCLI(t, nil, "search", "Jean Ross", "--index", indexDir, "--json"), &res)
	if res.Total == 0 {
		t.Error("the rebuilt index does not find Jean Ross")
	}
	if s := statsOf(t, indexDir); s.Articles != 2 {
		t.Errorf("rebuilt index holds %d articles, want 2", s.Articles)
	}
}

func TestFactsLine(t *testing.T) {
	max := 38000.0
	got := factsLine([]ingest.Fact{
		{Type: "pay", Kind: "salary", Value: ingest.Figure(32000), Max: &max, Unit: "GBP"},
		{Type: "ofsted_judgement", Value: ingest.Named("Inadequate"), Year: 2013},
	})
	if want := "Pay 32000–38000 GBP (salary) · Ofsted judgement Inadequate (2013)"; got != want {
		t.Errorf("factsLine = %q, want %q", got, want)
	}
}
