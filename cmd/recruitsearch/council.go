package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/profile"
)

type councilOptions struct {
	index    indexFlag
	official officialFlag
	name     string
	json     bool
}

// newCouncilCmd builds the council command; runF replaces the work in
// tests that only check flag parsing (nil runs it for real).
func newCouncilCmd(a *app, runF func(context.Context, *councilOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runCouncil
	}
	opts := &councilOptions{}
	cmd := &cobra.Command{
		Use:   "council NAME",
		Short: "Show a council's profile: official figures beside what its articles claim",
		Long: "council prints the profile of one council: Ofsted's latest judgement and history,\n" +
			"DfE's workforce figures from 2016 with a trend line for caseload and vacancy, the\n" +
			"claims its articles make (each citing its passage) beside the official figure for\n" +
			"the nearest year, its statistical neighbours and its articles. NAME is a name,\n" +
			"short name, former name, ONS code or DfE code.",
		Example: "  recruitsearch council Medway\n" +
			"  recruitsearch council 'Kent County Council' --json\n" +
			"  recruitsearch council E08000030\n" +
			"  recruitsearch council Kent --official ./newer-figures",
		Args: exactArgs(1, "one council NAME (quote it if it has spaces)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = strings.TrimSpace(args[0])
			if opts.name == "" {
				return usageErrorf("empty NAME: give a council's name, short name, ONS or DfE code")
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.index.dir, "index", "", indexFlagUsage)
	opts.official.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the profile as JSON (the JSON of GET /api/councils/{id})")
	return cmd
}

func (a *app) runCouncil(ctx context.Context, opts *councilOptions) error {
	d, err := opts.official.load(a)
	if err != nil {
		return err
	}
	p, err := profile.Find(d, opts.name)
	var nf *official.NotFoundError
	if errors.As(err, &nf) {
		if len(nf.Closest) == 0 {
			return fmt.Errorf("no council matches %q (recruitsearch councils lists them all)", nf.Query)
		}
		return fmt.Errorf("no council matches %q; did you mean %s?", nf.Query, strings.Join(nf.Closest, ", "))
	}
	if err != nil {
		return err
	}
	idx, err := a.openForReading(ctx, opts.index.resolve(a), d)
	if err != nil {
		return err
	}
	defer idx.Close()
	pr, err := profile.Build(ctx, idx, d, p)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.stdout, pr)
	}
	printProfile(a.stdout, a.newStyle(a.stdout), pr)
	return nil
}

// lineWidth is the width the profile is laid out for: an 80-column
// terminal.
const lineWidth = 80

// printProfile writes a profile for a terminal.
func printProfile(w io.Writer, st style, pr *profile.Profile) {
	p := pr.Profile
	fmt.Fprintln(w, st.bold(p.Name))
	fmt.Fprintf(w, "  %s · %s · %s\n", p.Short, p.Type, regionOf(p))
	if p.Codes.ONS != "" || p.Codes.DfE != "" {
		var codes []string
		if p.Codes.ONS != "" {
			codes = append(codes, "ONS "+p.Codes.ONS)
		}
		if p.Codes.DfE != "" {
			codes = append(codes, "DfE "+p.Codes.DfE)
		}
		fmt.Fprintf(w, "  %-11s%s\n", "codes", strings.Join(codes, ", "))
	}
	if len(p.FormerNames) > 0 {
		fmt.Fprint(w, wrap("formerly", strings.Join(p.FormerNames, "; ")))
	}
	for _, r := range []struct {
		label string
		refs  []official.Ref
	}{{"replaced", p.Predecessors}, {"successors", p.Successors}} {
		if len(r.refs) > 0 {
			var names []string
			for _, ref := range r.refs {
				names = append(names, ref.Name)
			}
			fmt.Fprint(w, wrap(r.label, strings.Join(names, "; ")))
		}
	}
	if p.Note != "" {
		fmt.Fprint(w, wrap("note", p.Note))
	}
	printOfsted(w, st, p)
	printWorkforce(w, st, p)
	printClaims(w, st, pr)
	printNeighbours(w, st, p)
	printCouncilArticles(w, st, pr)
	printRelease(w, st, p)
}

func regionOf(p *official.Profile) string {
	if p.Region == p.Nation || p.Region == "" {
		return p.Nation
	}
	return p.Region + ", " + p.Nation
}

// printOfsted writes the latest ILACS judgement, its parts, the report
// link and the history.
func printOfsted(w io.Writer, st style, p *official.Profile) {
	if p.Ofsted.Latest == nil && len(p.Ofsted.History) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", st.bold("Ofsted (ILACS)"))
	if in := p.Ofsted.Latest; in != nil {
		fmt.Fprint(w, wrap("latest", fmt.Sprintf("%s, inspected %s, published %s", judgementOrNone(in.Overall), longDate(in.Inspected), longDate(in.Published))))
		var parts []string
		for _, part := range []struct {
			label string
			j     official.Judgement
		}{{"leaders", in.Leaders}, {"help and protection", in.HelpAndProtection}, {"in care", in.ChildrenInCare}, {"care leavers", in.CareLeavers}} {
			if part.j != "" {
				parts = append(parts, part.label+" "+shortGrade(part.j))
			}
		}
		fmt.Fprint(w, wrap("", strings.Join(parts, " · ")))
		if in.ReportURL != "" {
			report := in.ReportURL
			if in.ReportOf != nil {
				report += " (" + in.ReportOf.Name + "'s page)"
			}
			fmt.Fprint(w, wrap("report", report))
		}
	}
	var history []string
	for _, in := range p.Ofsted.History {
		history = append(history, in.Inspected[:min(4, len(in.Inspected))]+" "+shortGrade(in.Overall))
	}
	if len(history) > 0 {
		fmt.Fprint(w, wrap("history", strings.Join(history, " · ")))
	}
}

// workforceRows are the figures the workforce section shows: the label,
// the field and whether it is a rate.
var workforceRows = []struct {
	label, field string
	rate         bool
}{
	{"caseload", "caseload", false},
	{"vacancy", "vacancy_rate", true},
	{"agency", "agency_rate", true},
	{"turnover", "turnover_rate", true},
	{"absence", "absence_rate", true},
	{"FTE", "fte", false},
}

// printWorkforce writes DfE's series: a trend line for caseload and
// vacancy beside the latest region and England figures, then every year.
func printWorkforce(w io.Writer, st style, p *official.Profile) {
	if len(p.Workforce) == 0 {
		return
	}
	first, last := p.Workforce[0], official.Latest(p.Workforce)
	fmt.Fprintf(w, "\n%s\n", st.bold(fmt.Sprintf("Workforce (DfE, at 30 September, %d–%d)", first.Year, last.Year)))
	region := official.Year(p.RegionWorkforce, last.Year)
	england := official.Year(p.EnglandWorkforce, last.Year)
	trendWidth := max(len(p.Workforce), len("trend"))
	fmt.Fprintf(w, "  %-10s %-*s %7s %7s %7s %7s\n", "", trendWidth, "trend", strconv.Itoa(first.Year), strconv.Itoa(last.Year), "region", "England")
	for _, row := range workforceRows[:2] {
		var values []*float64
		for i := range p.Workforce {
			v, _ := p.Workforce[i].Value(row.field)
			values = append(values, v)
		}
		fmt.Fprintf(w, "  %-10s %-*s %7s %7s %7s %7s\n", row.label, trendWidth, sparkline(values),
			cell(&first, row.field, row.rate), cell(last, row.field, row.rate), cell(region, row.field, row.rate), cell(england, row.field, row.rate))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-6s", "year")
	for _, row := range workforceRows {
		fmt.Fprintf(w, " %9s", row.label)
	}
	fmt.Fprintln(w)
	var notes []string
	for i := range p.Workforce {
		y := &p.Workforce[i]
		fmt.Fprintf(w, "  %-6d", y.Year)
		for _, row := range workforceRows {
			fmt.Fprintf(w, " %9s", cell(y, row.field, row.rate))
		}
		fmt.Fprintln(w)
		if len(y.SharedWith) > 0 {
			var names []string
			for _, r := range y.SharedWith {
				names = append(names, r.Name)
			}
			notes = append(notes, fmt.Sprintf("%d: one return shared with %s.", y.Year, strings.Join(names, ", ")))
		}
		if y.Note != "" {
			notes = append(notes, fmt.Sprintf("%d: %s.", y.Year, y.Note))
		}
	}
	for _, code := range suppressionCodes(p.Workforce) {
		notes = append(notes, fmt.Sprintf("%s: %s (DfE's code for a figure it did not publish).", code, official.SuppressionReason(code)))
	}
	for _, n := range notes {
		fmt.Fprint(w, wrap("", n))
	}
}

// cell is one workforce figure: the number, DfE's suppression code in
// its place, or "-" when there is no row.
func cell(y *official.Workforce, field string, rate bool) string {
	if y == nil {
		return "-"
	}
	v, code := y.Value(field)
	if v == nil {
		if code == "" {
			return "-"
		}
		return code
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	if rate {
		s += "%"
	}
	return s
}

// suppressionCodes lists the codes that stand in for figures in series.
func suppressionCodes(series []official.Workforce) []string {
	var out []string
	for i := range series {
		for _, row := range workforceRows {
			if v, code := series[i].Value(row.field); v == nil && code != "" && !strings.Contains(strings.Join(out, ""), code) {
				out = append(out, code)
			}
		}
	}
	return out
}

// printClaims writes each claim with the passage it cites and the
// official figure beside it.
func printClaims(w io.Writer, st style, pr *profile.Profile) {
	fmt.Fprintf(w, "\n%s\n", st.bold("Claims in the articles, beside the official figures"))
	if len(pr.Claims) == 0 {
		if len(pr.Articles) == 0 {
			fmt.Fprint(w, wrap("", "No article in this index is about "+pr.Name+", so there are no claims to check."))
		} else {
			fmt.Fprint(w, wrap("", "The articles state no caseload, Ofsted, practice model, pay or supervision claim."))
		}
		return
	}
	for _, c := range pr.Claims {
		fmt.Fprintf(w, "  %s: %s\n", strings.ToUpper(c.Type[:1])+strings.ReplaceAll(c.Type[1:], "_", " "), st.text("“"+c.Text+"”"))
		fmt.Fprintf(w, "    passage %s\n", c.PassageID)
		fmt.Fprint(w, wrapIndent("    ", c.Compared))
		fmt.Fprint(w, wrapIndent("    ", c.Comparison))
	}
}

// printNeighbours writes DfE's statistical neighbours with their latest
// figures.
func printNeighbours(w io.Writer, st style, p *official.Profile) {
	if len(p.Neighbours) == 0 {
		return
	}
	heading := "Statistical neighbours (DfE, closest first)"
	if l := p.Neighbours[0].Latest; l != nil {
		heading = fmt.Sprintf("Statistical neighbours (DfE, closest first; figures at 30 September %d)", l.Year)
	}
	fmt.Fprintf(w, "\n%s\n", st.bold(heading))
	fmt.Fprintf(w, "  %2s %-20s %-15s %8s %7s  %s\n", "", "council", "closeness", "caseload", "vacancy", "Ofsted")
	for _, n := range p.Neighbours {
		fmt.Fprintf(w, "  %2d %-20s %-15s %8s %7s  %s\n", n.Rank, clipRunes(shortName(n.Name), 20), n.Closeness,
			cell(n.Latest, "caseload", false), cell(n.Latest, "vacancy_rate", true), shortGrade(n.Ofsted))
	}
}

// printCouncilArticles lists the council's articles with their ids.
func printCouncilArticles(w io.Writer, st style, pr *profile.Profile) {
	fmt.Fprintf(w, "\n%s\n", st.bold(fmt.Sprintf("Articles (%d)", len(pr.Articles))))
	if len(pr.Articles) == 0 {
		fmt.Fprint(w, wrap("", "None in this index."))
		return
	}
	for _, a := range pr.Articles {
		published := a.Published
		if published == "" {
			published = "undated"
		}
		fmt.Fprint(w, wrap(published, st.text(a.Title)))
		fmt.Fprintf(w, "  %-11s%s\n", "", st.dim(a.ID))
	}
}

// printRelease names the files the figures come from, and the
// attribution their licence asks for.
func printRelease(w io.Writer, st style, p *official.Profile) {
	if p.Release == nil {
		return
	}
	where := "shipped in the binary"
	if p.Release.Dir != "" {
		where = "from " + p.Release.Dir + " where named, the rest shipped in the binary"
	}
	fmt.Fprintf(w, "\n%s\n", st.bold("Release ("+where+")"))
	for _, f := range p.Release.Files {
		text := f.Title + " (" + f.File + ")"
		if !f.Shipped {
			text = f.Title + " (" + f.File + ", from " + p.Release.Dir + ")"
		}
		fmt.Fprint(w, wrapIndent("  ", text))
	}
	fmt.Fprint(w, st.dim(wrapIndent("", p.Attribution)))
}

// shortGrade is an Ofsted grade in a word or two.
func shortGrade(j official.Judgement) string {
	if j == official.RequiresImprovement {
		return "Requires improvement"
	}
	return judgementOrNone(j)
}

func judgementOrNone(j official.Judgement) string {
	if j == "" {
		return "none"
	}
	return string(j)
}

// shortName drops the words every council's name has.
func shortName(name string) string {
	for _, suffix := range []string{" County Council", " City Council", " Metropolitan Borough Council", " Borough Council", " Council"} {
		if s, ok := strings.CutSuffix(name, suffix); ok {
			return s
		}
	}
	return strings.TrimPrefix(name, "London Borough of ")
}

// clipRunes cuts s to n runes, marking the cut.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// longDate is an ISO date as "9 May 2022".
func longDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// wrap writes a labelled field: the label in a column of 11, the text
// wrapped to the line width beside it.
func wrap(label, text string) string {
	lines := wrapLines(text, lineWidth-13)
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintf(&b, "  %-11s%s\n", label, l)
		} else {
			fmt.Fprintf(&b, "  %-11s%s\n", "", l)
		}
	}
	return b.String()
}

// wrapIndent wraps text to the line width under an indent.
func wrapIndent(indent, text string) string {
	var b strings.Builder
	for _, l := range wrapLines(text, lineWidth-len(indent)) {
		b.WriteString(indent + l + "\n")
	}
	return b.String()
}

// wrapLines breaks text into lines of at most width runes at spaces; a
// word longer than width (a URL) stands on its own line.
func wrapLines(text string, width int) []string {
	var lines []string
	var line string
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
