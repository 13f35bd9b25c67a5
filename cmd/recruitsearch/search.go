package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

type searchOptions struct {
	index    indexFlag
	official officialFlag
	query    string
	// filters holds each facet's flag values, keyed by facet name.
	filters  map[string]*[]string
	limit    int
	offset   int
	sort     string
	collapse string
	json     bool
}

// newSearchCmd builds the search command; runF replaces the work in tests that
// only check flag parsing (nil runs it for real).
func newSearchCmd(a *app, runF func(context.Context, *searchOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runSearch
	}
	opts := &searchOptions{filters: map[string]*[]string{}}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search passages: who said what, at which council",
		Long: "search finds the passages that answer QUERY. Passages holding every word come\n" +
			"first; after them come passages holding only some words, marked as such; \"quoted phrases\",\n" +
			"-excluded words, field:value for " + strings.Join(index.FacetNames(), ", ") + ", and prefix*\n" +
			"work as in a web search. Filters are repeatable: values OR within a filter and\n" +
			"AND across filters.",
		Example: "  recruitsearch search \"Signs of Safety\"\n" +
			"  recruitsearch search supervision --council Medway --json\n" +
			"  recruitsearch search 'caseloads -agency' --kind qa --collapse article",
		Args: exactArgs(1, "one QUERY (quote it if it has spaces)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.query = args[0]
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	opts.official.register(f)
	for _, facet := range index.Facets() {
		values := new([]string)
		opts.filters[facet.Name] = values
		f.StringArrayVar(values, facet.Name, nil, fmt.Sprintf("%s, e.g. %q (repeatable)", facet.Help, facet.Example))
	}
	f.IntVarP(&opts.limit, "limit", "n", 10, "number of hits to show (1-100)")
	f.IntVar(&opts.offset, "offset", 0, "number of hits to skip, for the next page")
	f.StringVar(&opts.sort, "sort", index.SortRelevance, "order: relevance, newest or document")
	f.StringVar(&opts.collapse, "collapse", "", `"article" keeps only the best passage of each article`)
	f.BoolVar(&opts.json, "json", false, "print the JSON of GET /api/search")
	return cmd
}

// validate rejects what the index would read another way: an empty
// query, and --limit 0, which the index takes as its default. The index
// checks everything else (sorts, collapse, filter values, the caps), so
// the CLI and the API accept and refuse the same values.
func (o *searchOptions) validate() error {
	if strings.TrimSpace(o.query) == "" {
		return usageErrorf("empty query: give search some words to look for")
	}
	if o.limit < 1 {
		return usageErrorf("--limit must be at least 1, got %d", o.limit)
	}
	return nil
}

func (o *searchOptions) request() index.Request {
	req := index.Request{Query: o.query, Size: o.limit, From: o.offset, Sort: o.sort, Collapse: o.collapse}
	for name, values := range o.filters {
		if len(*values) > 0 {
			req.SetFilter(name, *values...)
		}
	}
	return req
}

func (a *app) runSearch(ctx context.Context, opts *searchOptions) error {
	idx, d, err := a.openWithOfficial(ctx, opts.index, &opts.official)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, opts.request())
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, res)
	}
	out := a.listing()
	st := a.newStyle(a.stdout)
	official := printResult(out, st, opts, res)
	if err := out.Flush(); err != nil {
		return err
	}
	if official {
		a.printAttribution(st, d)
	}
	return nil
}

// printResult writes a search result as a listing a person reads, and
// reports whether it showed counts of official figures (the Ofsted
// judgements), which the licence's attribution must then follow.
func printResult(w io.Writer, st style, opts *searchOptions, res *index.Result) (official bool) {
	// Collapsed by article, the total counts articles, not passages.
	noun := "passage"
	if opts.collapse == index.CollapseArticle {
		noun = "article"
	}
	verb := noun + "s match"
	if res.Total == 1 {
		verb = noun + " matches"
	}
	fmt.Fprintf(w, "%d %s %q (%.1f ms)\n", res.Total, verb, res.Query, res.TookMS)
	if res.CorrectedQuery != "" {
		fmt.Fprintf(w, "Showing results for %s — search instead for %s\n", st.bold(st.text(res.CorrectedQuery)), st.text(res.VerbatimQuery))
	}
	if line := res.WordsNote(); line != "" {
		fmt.Fprintln(w, st.text(line))
	}
	if line := res.NoPassagesNote(); line != "" {
		fmt.Fprintln(w, st.text(line))
	}
	if res.Suggestion != "" {
		fmt.Fprintf(w, "Did you mean: %s?\n", st.bold(st.text(res.Suggestion)))
	}
	if res.Relaxed {
		if res.Exact == 0 {
			fmt.Fprintln(w, "No passage holds every word; showing passages with some of them.")
		} else {
			verb := "hold"
			if res.Exact == 1 {
				verb = "holds"
			}
			fmt.Fprintf(w, "%d %s every word; those marked \"some words\" hold only some of them.\n", res.Exact, verb)
		}
	}
	for i, h := range res.Hits {
		fmt.Fprintln(w)
		printHit(w, st, opts.offset+i+1, &h)
	}
	if len(res.Hits) > 0 {
		fmt.Fprintln(w)
		shown := opts.offset + len(res.Hits)
		if uint64(shown) < res.Total && !(opts.collapse != "" && len(res.Hits) < opts.limit) {
			fmt.Fprintf(w, "Showing %d-%d of %d; next page: --offset %d\n", opts.offset+1, shown, res.Total, shown)
		}
		for _, f := range index.Facets() {
			if line := facetLine(res.Facets[f.Name]); line != "" && f.Name != "speaker" {
				fmt.Fprintf(w, "%s\n", st.dim(fmt.Sprintf("%-8s %s", f.Name+":", st.text(line))))
				official = official || f.Official
			}
		}
	}
	return official
}

// printHit writes one hit: number, kind, speaker, council and date; the question
// for Q&A; the highlighted text; then the article title and passage id.
func printHit(w io.Writer, st style, n int, h *index.Hit) {
	header := []string{h.Kind}
	if who := speakerLine(h.Speaker, h.Role); who != "" {
		header = append(header, st.text(who))
	}
	if h.Council != "" {
		header = append(header, st.text(h.Council))
	}
	if h.Published != "" {
		header = append(header, hitDate(h.Published))
	}
	if h.Partial {
		header = append(header, st.dim("some words"))
	}
	fmt.Fprintf(w, "%s %s\n", st.bold(fmt.Sprintf("%d.", n)), strings.Join(header, " · "))
	question, body := splitHighlights(st, h)
	if question != "" {
		fmt.Fprintf(w, "   Q: %s\n", question)
	}
	fmt.Fprintf(w, "   %s\n", body)
	if line := factsLine(h.Facts); line != "" {
		fmt.Fprintf(w, "   %s\n", st.dim("facts: "+st.text(line)))
	}
	where := st.text(h.ArticleTitle) + " — " + h.ID
	if h.ArticleHits > 1 {
		where += fmt.Sprintf(" (%d matching passages in this article)", h.ArticleHits)
	}
	fmt.Fprintf(w, "   %s\n", st.dim(where))
}

// hitDate is a hit's published date as show prints it. A hit carries the
// date alone; ingest writes a date it guessed from the text as a year
// alone, so a year alone is marked estimated (as the search page does).
func hitDate(published string) string {
	return publishedLabel(published, len(published) == 4)
}

// splitHighlights renders a hit's question and body for the listing:
// the question marked up where it matched, and the highlighted text, or
// the plain text when nothing in it matched. Line breaks become spaces
// so each hit stays a compact block.
func splitHighlights(st style, h *index.Hit) (question, body string) {
	question = st.text(h.Question)
	if h.QuestionHighlight != "" {
		question = st.highlight(h.QuestionHighlight)
	}
	parts := make([]string, 0, len(h.Highlights))
	for _, frag := range h.Highlights {
		parts = append(parts, flatten(st.highlight(frag)))
	}
	if len(parts) == 0 {
		return flatten(question), flatten(st.text(h.Text))
	}
	return flatten(question), strings.Join(parts, " ")
}

// factsLine is "Caseload average 17 cases · Pay 2000 GBP (golden hello)
// · Ofsted judgement Inadequate (2013)".
func factsLine(facts []ingest.Fact) string {
	spec, _ := index.LookupFacet("fact")
	parts := make([]string, 0, len(facts))
	for _, f := range facts {
		s := spec.ValueLabel(f.Type) + " " + f.Value.String()
		if f.Max != nil {
			s += "–" + ingest.Figure(*f.Max).String()
		}
		if f.Unit != "" {
			s += " " + f.Unit
		}
		if f.Kind != "" {
			s += " (" + f.Kind + ")"
		}
		if f.Year != 0 {
			s += fmt.Sprintf(" (%d)", f.Year)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// flatten puts text on one line with single spaces.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// facetLine is "Kent County Council 4, Medway Council 2" for a facet.
func facetLine(values []index.FacetValue) string {
	parts := make([]string, 0, len(values))
	for _, v := range values {
		if v.Count > 0 {
			parts = append(parts, v.Value+glue+strconv.Itoa(v.Count))
		}
	}
	return strings.Join(parts, ", ")
}
