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
	printProfile(profileWriter{w: a.stdout, st: a.newStyle(a.stdout), width: layoutWidth(a.outputWidth())}, pr)
	return nil
}

// lineWidth is the widest the profile is laid out: an 80-column
// terminal. Pipes get it too; a narrower terminal gets its own width.
const lineWidth = 80

// layoutWidth is the width to lay a profile out for, given the output
// width (0 for a pipe).
func layoutWidth(outputWidth int) int {
	if outputWidth <= 0 || outputWidth > lineWidth {
		return lineWidth
	}
	return outputWidth
}

// profileWriter writes a profile for a terminal of width columns.
type profileWriter struct {
	w     io.Writer
	st    style
	width int
}

// field writes a labelled field: the label in a column of 11, the text
// wrapped beside it.
func (pw profileWriter) field(label, text string) {
	for i, l := range wrapLines(text, pw.width-13) {
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(pw.w, "  %-11s%s\n", label, l)
	}
}

// indented writes text wrapped under an indent.
func (pw profileWriter) indented(indent, text string) {
	fmt.Fprint(pw.w, wrapIndent(indent, text, pw.width))
}

// heading writes a section's heading after a blank line.
func (pw profileWriter) heading(text string) {
	fmt.Fprintln(pw.w)
	for _, l := range wrapLines(text, pw.width) {
		fmt.Fprintln(pw.w, pw.st.bold(l))
	}
}

// printProfile writes a profile for a terminal.
func printProfile(pw profileWriter, pr *profile.Profile) {
	p := pr.Profile
	fmt.Fprintln(pw.w, pw.st.bold(p.Name))
	pw.indented("  ", fmt.Sprintf("%s · %s · %s", p.Short, p.Type, regionOf(p)))
	if p.Codes.ONS != "" || p.Codes.DfE != "" {
		var codes []string
		if p.Codes.ONS != "" {
			codes = append(codes, "ONS "+p.Codes.ONS)
		}
		if p.Codes.DfE != "" {
			codes = append(codes, "DfE "+p.Codes.DfE)
		}
		pw.field("codes", strings.Join(codes, ", "))
	}
	if len(p.FormerNames) > 0 {
		pw.field("formerly", strings.Join(p.FormerNames, "; "))
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
			pw.field(r.label, strings.Join(names, "; "))
		}
	}
	if p.Note != "" {
		pw.field("note", p.Note)
	}
	printOfsted(pw, p)
	printWorkforce(pw, p)
	printClaims(pw, pr)
	printNeighbours(pw, p)
	printCouncilArticles(pw, pr)
	printRelease(pw, p)
}

func regionOf(p *official.Profile) string {
	if p.Region == p.Nation || p.Region == "" {
		return p.Nation
	}
	return p.Region + ", " + p.Nation
}

// printOfsted writes the latest ILACS judgement, its parts, the report
// link and the history.
func printOfsted(pw profileWriter, p *official.Profile) {
	if p.Ofsted.Latest == nil && len(p.Ofsted.History) == 0 {
		return
	}
	pw.heading("Ofsted (ILACS)")
	if in := p.Ofsted.Latest; in != nil {
		pw.field("latest", fmt.Sprintf("%s, inspected %s, published %s", judgementOrNone(in.Overall), longDate(in.Inspected), longDate(in.Published)))
		var parts []string
		for _, part := range []struct {
			label string
			j     official.Judgement
		}{{"leaders", in.Leaders}, {"help and protection", in.HelpAndProtection}, {"in care", in.ChildrenInCare}, {"care leavers", in.CareLeavers}} {
			if part.j != "" {
				parts = append(parts, part.label+" "+shortGrade(part.j))
			}
		}
		pw.field("", strings.Join(parts, " · "))
		if in.ReportURL != "" {
			report := in.ReportURL
			if in.ReportOf != nil {
				report += " (" + in.ReportOf.Name + "'s page)"
			}
			pw.field("report", report)
		}
	}
	var history []string
	for _, in := range p.Ofsted.History {
		history = append(history, in.Inspected[:min(4, len(in.Inspected))]+" "+shortGrade(in.Overall))
	}
	if len(history) > 0 {
		pw.field("history", strings.Join(history, " · "))
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

// Columns of the workforce table: the year, then each figure.
const (
	yearColumn   = 2 + 6
	figureColumn = 10
)

// printWorkforce writes DfE's series: a trend line for caseload and
// vacancy beside the latest region and England figures, then every year,
// in as many tables as the width needs.
func printWorkforce(pw profileWriter, p *official.Profile) {
	if len(p.Workforce) == 0 {
		return
	}
	w := pw.w
	first, last := p.Workforce[0], official.Latest(p.Workforce)
	pw.heading(fmt.Sprintf("Workforce (DfE, at 30 September, %d–%d)", first.Year, last.Year))
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
	perTable := max(1, min(len(workforceRows), (pw.width-yearColumn)/figureColumn))
	tables := (len(workforceRows) + perTable - 1) / perTable
	perTable = (len(workforceRows) + tables - 1) / tables // as even as can be
	for from := 0; from < len(workforceRows); from += perTable {
		rows := workforceRows[from:min(from+perTable, len(workforceRows))]
		fmt.Fprintln(w)
		fmt.Fprintf(w, "  %-6s", "year")
		for _, row := range rows {
			fmt.Fprintf(w, " %9s", row.label)
		}
		fmt.Fprintln(w)
		for i := range p.Workforce {
			y := &p.Workforce[i]
			fmt.Fprintf(w, "  %-6d", y.Year)
			for _, row := range rows {
				fmt.Fprintf(w, " %9s", cell(y, row.field, row.rate))
			}
			fmt.Fprintln(w)
		}
	}
	var notes []string
	for _, shared := range profile.SharedReturns(p.Workforce) {
		var names []string
		for _, r := range shared.With {
			names = append(names, r.Name)
		}
		notes = append(notes, fmt.Sprintf("%s: one return shared with %s.", shared.YearsText(), strings.Join(names, ", ")))
	}
	for i := range p.Workforce {
		if y := &p.Workforce[i]; y.Note != "" {
			notes = append(notes, fmt.Sprintf("%d: %s.", y.Year, y.Note))
		}
	}
	for _, code := range suppressionCodes(p.Workforce) {
		notes = append(notes, fmt.Sprintf("%s: %s (DfE's code for a figure it did not publish).", code, official.SuppressionReason(code)))
	}
	for _, n := range notes {
		pw.field("", n)
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
func printClaims(pw profileWriter, pr *profile.Profile) {
	pw.heading("Claims in the articles, beside the official figures")
	if len(pr.Claims) == 0 {
		if len(pr.Articles) == 0 {
			pw.field("", "No article in this index is about "+pr.Name+", so there are no claims to check.")
		} else {
			pw.field("", "The articles state no caseload, Ofsted, practice model, pay or supervision claim.")
		}
		return
	}
	for _, c := range pr.Claims {
		pw.indented("  ", strings.ToUpper(c.Type[:1])+strings.ReplaceAll(c.Type[1:], "_", " ")+": "+pw.st.text("“"+c.Text+"”"))
		pw.indented("    ", "passage "+c.PassageID)
		pw.indented("    ", c.Compared)
		pw.indented("    ", c.Comparison)
	}
}

// printNeighbours writes DfE's statistical neighbours with their latest
// figures: a table, or on a narrow terminal a block per neighbour.
func printNeighbours(pw profileWriter, p *official.Profile) {
	if len(p.Neighbours) == 0 {
		return
	}
	heading := "Statistical neighbours (DfE, closest first)"
	if l := p.Neighbours[0].Latest; l != nil {
		heading = fmt.Sprintf("Statistical neighbours (DfE, closest first; figures at 30 September %d)", l.Year)
	}
	pw.heading(heading)
	if pw.width < lineWidth {
		for _, n := range p.Neighbours {
			fmt.Fprintf(pw.w, "  %2d %s\n", n.Rank, clipRunes(shortName(n.Name), pw.width-6))
			pw.indented("     ", fmt.Sprintf("%s · caseload %s · vacancy %s · Ofsted %s", n.Closeness,
				cell(n.Latest, "caseload", false), cell(n.Latest, "vacancy_rate", true), shortGrade(n.Ofsted)))
		}
		return
	}
	fmt.Fprintf(pw.w, "  %2s %-20s %-15s %8s %7s  %s\n", "", "council", "closeness", "caseload", "vacancy", "Ofsted")
	for _, n := range p.Neighbours {
		fmt.Fprintf(pw.w, "  %2d %-20s %-15s %8s %7s  %s\n", n.Rank, clipRunes(shortName(n.Name), 20), n.Closeness,
			cell(n.Latest, "caseload", false), cell(n.Latest, "vacancy_rate", true), shortGrade(n.Ofsted))
	}
}

// printCouncilArticles lists the council's articles with their ids.
func printCouncilArticles(pw profileWriter, pr *profile.Profile) {
	pw.heading(fmt.Sprintf("Articles (%d)", len(pr.Articles)))
	if len(pr.Articles) == 0 {
		pw.field("", "None in this index.")
		return
	}
	for _, a := range pr.Articles {
		published := a.Published
		if published == "" {
			published = "undated"
		}
		pw.field(published, pw.st.text(a.Title))
		fmt.Fprintf(pw.w, "  %-11s%s\n", "", pw.st.dim(a.ID))
	}
}

// printRelease names the files the figures come from, and the
// attribution their licence asks for.
func printRelease(pw profileWriter, p *official.Profile) {
	if p.Release == nil {
		return
	}
	where := "shipped in the binary"
	if p.Release.Dir != "" {
		where = "from " + p.Release.Dir + " where named, the rest shipped in the binary"
	}
	pw.heading("Release (" + where + ")")
	for _, f := range p.Release.Files {
		text := f.Title + " (" + f.File + ")"
		if !f.Shipped {
			text = f.Title + " (" + f.File + ", from " + p.Release.Dir + ")"
		}
		pw.indented("  ", text)
	}
	fmt.Fprint(pw.w, pw.st.dim(wrapIndent("", p.Attribution, pw.width)))
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

// wrapIndent wraps text to width columns under an indent.
func wrapIndent(indent, text string, width int) string {
	var b strings.Builder
	for _, l := range wrapLines(text, width-len(indent)) {
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
