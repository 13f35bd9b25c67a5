package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

type councilsOptions struct {
	index    indexFlag
	official officialFlag
	sort     string
	region   string
	json     bool
}

// newCouncilsCmd builds the councils command; runF replaces the work in
// tests that only check flag parsing (nil runs it for real).
func newCouncilsCmd(a *app, runF func(context.Context, *councilsOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runCouncils
	}
	opts := &councilsOptions{}
	cmd := &cobra.Command{
		Use:   "councils",
		Short: "List every English council with children's social care duties and its latest figures",
		Long: "councils lists the 153 English local authorities with children's social care\n" +
			"duties: region, latest Ofsted judgement, DfE's latest caseload, vacancy and agency\n" +
			"rates, and how many articles in the index are about each.",
		Example: "  recruitsearch councils --sort caseload | head\n" +
			"  recruitsearch councils --region 'South East' --sort ofsted\n" +
			"  recruitsearch councils --json",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	opts.official.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.sort, "sort", "name", "order: "+strings.Join(profile.SortKeys(), ", ")+" (figures largest first, Ofsted best first)")
	cmd.Flags().StringVar(&opts.region, "region", "", "only councils in this English region, e.g. \"South East\"")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the list as JSON (the JSON of GET /api/councils)")
	return cmd
}

func (a *app) runCouncils(ctx context.Context, opts *councilsOptions) error {
	idx, d, err := a.openWithOfficial(ctx, opts.index, &opts.official)
	if err != nil {
		return err
	}
	defer idx.Close()
	list, err := profile.List(ctx, idx, d, profile.ListOptions{Sort: opts.sort, Region: opts.region})
	var bad *profile.OptionError
	if errors.As(err, &bad) {
		return usageErrorf("--%s: %s", bad.Option, bad.Error())
	}
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, list)
	}
	st := a.newStyle(a.stdout)
	width := a.outputWidth()
	t := councilsTable
	year := 0
	for _, s := range list {
		region := s.Region
		if width > 0 {
			region = shortRegion(region) // a terminal's columns are dear; a pipe gets it whole
		}
		w := s.Latest
		t.rows = append(t.rows, []string{shortName(s.Name), region, gradeWord(s.Ofsted),
			cell(w, "caseload", false), cell(w, "vacancy_rate", true), cell(w, "agency_rate", true), strconv.Itoa(s.Articles)})
		year = max(year, s.Year)
	}
	out := a.listing()
	if t.fits(width) {
		if err := t.write(out, width); err != nil {
			return err
		}
	} else {
		printCouncilBlocks(out, st, list)
	}
	fmt.Fprintf(out, "%d councils; DfE figures at 30 September %d; Ofsted's latest judgements\n", len(list), year)
	fmt.Fprintln(out, "(RI: requires improvement to be good; -: no figure; u, x, c: DfE's codes)")
	if err := out.Flush(); err != nil {
		return err
	}
	a.printAttribution(st, d)
	return nil
}

// councilsTable heads the councils listing: names whole in a pipe, so
// grep finds them; on a terminal the region is cut first, then the name.
// Where even that does not fit, each council is listed as a block (see
// printCouncilBlocks).
var councilsTable = table{
	header: []string{"COUNCIL", "REGION", "OFSTED", "CASELOAD", "VACANCY", "AGENCY", "ARTICLES"},
	shrink: []shrinkColumn{{col: 1, least: 14}, {col: 0, least: 16}},
	gap:    1,
	right:  []int{3, 4, 5, 6},
}

// printCouncilBlocks lists councils for a terminal too narrow for the
// table: the name and region on one line, the figures under it.
func printCouncilBlocks(out io.Writer, st style, list []profile.Summary) {
	for _, s := range list {
		w := s.Latest
		fmt.Fprintf(out, "%s %s\n", st.bold(shortName(s.Name)), st.dim("("+s.Region+", "+plural(s.Articles, "article")+")"))
		fmt.Fprintf(out, "  Ofsted %s · caseload %s · vacancy %s · agency %s\n", shortGrade(s.Ofsted),
			cell(w, "caseload", false), cell(w, "vacancy_rate", true), cell(w, "agency_rate", true))
	}
}

// gradeWord is an Ofsted grade in one word: "RI" for requires
// improvement to be good, "-" for none.
func gradeWord(j official.Judgement) string {
	switch j {
	case official.RequiresImprovement:
		return "RI"
	case "":
		return "-"
	}
	return string(j)
}

// shortRegion is a region's name in at most 15 letters.
func shortRegion(r string) string {
	if strings.EqualFold(r, "Yorkshire and The Humber") {
		return "Yorks & Humber"
	}
	return r
}
