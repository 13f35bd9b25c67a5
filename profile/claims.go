package profile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Claim is one thing an article says about its council, citing the
// passage that says it, beside the official figure of the same kind.
type Claim struct {
	Type  string           `json:"type"`           // fact type, e.g. "caseload_average"
	Kind  string           `json:"kind,omitempty"` // e.g. "golden hello" for pay
	Value ingest.FactValue `json:"value"`          // 17, or a name ("Signs of Safety", "Good")
	Max   *float64         `json:"max"`            // the top of a range; null for one figure
	Unit  string           `json:"unit"`           // "cases", "GBP", "weeks"; "" for a name
	Year  int              `json:"year,omitempty"` // the year the text says the claim is about ("in 2013")
	Text  string           `json:"text"`           // the article's words, e.g. "an average of 17 cases"

	PassageID    string `json:"passage_id"`
	ArticleID    string `json:"article_id"`
	ArticleTitle string `json:"article_title"`
	ArticleDate  string `json:"article_date"` // as published: "2018", "2021-03-04"; "" undated

	// Official is the figure of the same kind for the time the claim
	// speaks of; null when the official figures hold none.
	Official *Figure `json:"official"`
	// Compared sets the two side by side: "article, about 2018: average
	// 17 cases; DfE, 30 September 2018: 18.9".
	Compared string `json:"compared"`
	// Comparison says in words how they compare, or why the official
	// figures cannot check the claim.
	Comparison string `json:"comparison"`
}

// Figure is an official figure set beside a claim.
type Figure struct {
	Year  int    `json:"year"`  // DfE reporting year, or the year Ofsted published the judgement
	Date  string `json:"date"`  // ISO: the 30 September of the DfE year, or the report's publication
	Value any    `json:"value"` // a number, an Ofsted grade, or null when DfE published none
	// Field names the figure: a workforce field ("caseload") or
	// "ofsted.overall".
	Field      string `json:"field"`
	Suppressed string `json:"suppressed,omitempty"` // DfE's code for a figure it did not publish
	Label      string `json:"label"`                // "DfE, 30 September 2018: 18.9 cases per case-holding FTE"
	URL        string `json:"url,omitempty"`        // the Ofsted report
}

// check finds the official figure of a claim's kind for the time the
// article speaks of, with the sentence that says how they compare.
type check func(p *official.Profile, f ingest.Fact, when claimTime) (*Figure, string)

// claimTime is the time a claim speaks of: the article's date, or the
// year its text names ("rated inadequate in 2013").
type claimTime struct {
	t     time.Time
	dated bool // false when the article has no date and the text names no year
	// day is true when t is the day the article was published, not the
	// middle of a year: a judgement reported later that year was not yet
	// in force.
	day bool
}

// after reports whether an ISO date falls after the time: after its day,
// or in a later year when only the year is known.
func (c claimTime) after(iso string) bool {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return true
	}
	if c.day {
		return d.After(c.t)
	}
	return d.Year() > c.t.Year()
}

// String is "10 June 2019" for a day, "2019" for a year.
func (c claimTime) String() string {
	if c.day {
		return c.t.Format("2 January 2006")
	}
	return strconv.Itoa(c.t.Year())
}

// checks maps each claim type to how the official figures check it. A
// type with no check here (or a fact type added later) cannot be
// checked, and uncheckable says why.
var checks = map[string]check{
	"caseload_average": checkCaseload,
	"caseload_max":     checkCaseload,
	"ofsted_judgement": checkOfsted,
}

// uncheckable says why the official figures cannot check a claim type.
var uncheckable = map[string]string{
	"practice_model":        "The official figures do not record practice models, so this claim cannot be checked against them.",
	"pay":                   "The official figures shipped here do not include pay, so this claim cannot be checked against them.",
	"supervision_frequency": "The official figures do not record how often social workers are supervised, so this claim cannot be checked against them.",
}

// Claims turns the facts stated in a council's passages into claims, in
// fact-type order and then by passage.
func Claims(p *official.Profile, passages []index.Hit) []Claim {
	out := []Claim{}
	for _, h := range passages {
		for _, f := range h.Facts {
			out = append(out, claim(p, h, f))
		}
	}
	order := ingest.FactTypes()
	slices.SortStableFunc(out, func(a, b Claim) int {
		return slices.Index(order, a.Type) - slices.Index(order, b.Type)
	})
	return out
}

// claim sets one fact of a passage beside its official figure.
func claim(p *official.Profile, h index.Hit, f ingest.Fact) Claim {
	c := Claim{
		Type: f.Type, Kind: f.Kind, Value: f.Value, Max: f.Max, Unit: f.Unit, Year: f.Year, Text: f.Text,
		PassageID: h.ID, ArticleID: h.ArticleID, ArticleTitle: h.ArticleTitle, ArticleDate: h.Published,
	}
	var when claimTime
	when.t, when.dated = articleTime(h.Published)
	when.day = when.dated && len(h.Published) == len(time.DateOnly)
	if f.Year > 0 {
		when = claimTime{t: time.Date(f.Year, time.July, 1, 0, 0, 0, 0, time.UTC), dated: true}
	}
	c.Compared = claimedAt(h.Published, f) + ": " + Describe(f)
	chk, checkable := checks[f.Type]
	switch {
	case !checkable:
		c.Comparison = uncheckable[f.Type]
		if c.Comparison == "" {
			c.Comparison = "The official figures cannot check this claim."
		}
	case !HasFigures(p):
		c.Comparison = "The official figures shipped here cover English local authorities only, so this claim cannot be checked against them."
	default:
		c.Official, c.Comparison = chk(p, f, when)
		if c.Official != nil {
			c.Compared += "; " + shortLabel(c.Official)
		}
	}
	return c
}

// claimedAt says when the article makes the claim: "article, about 2018",
// "article (2019), of 2013" for a claim about an earlier year, "article,
// undated".
func claimedAt(published string, f ingest.Fact) string {
	t, dated := articleTime(published)
	switch {
	case f.Year > 0 && (!dated || t.Year() != f.Year):
		if dated {
			return fmt.Sprintf("article (%s), of %d", HumanDate(published), f.Year)
		}
		return fmt.Sprintf("article, of %d", f.Year)
	case !dated:
		return "article, undated"
	case len(published) == 4:
		return "article, about " + published
	}
	return "article, " + HumanDate(published)
}

// Describe puts a fact in a few words: "average 17 cases", "maximum 20
// cases", "Ofsted Good", "practice model Signs of Safety", "golden hello
// £2,000", "supervision every 4 weeks".
func Describe(f ingest.Fact) string {
	num := func(n float64) string {
		if f.Unit == "GBP" {
			return pounds(n)
		}
		return FigureText(n)
	}
	v := f.Value.String()
	if f.Value.Name == "" {
		v = num(f.Value.Number)
	}
	if f.Max != nil {
		v += "–" + num(*f.Max)
	}
	switch f.Type {
	case "caseload_average":
		return "average " + v + " " + f.Unit
	case "caseload_max":
		return "maximum " + v + " " + f.Unit
	case "ofsted_judgement":
		return "Ofsted " + v
	case "practice_model":
		return "practice model " + v
	case "pay":
		return strings.TrimSpace(f.Kind + " " + v)
	case "supervision_frequency":
		if f.Value.Number == 1 && f.Max == nil {
			return "supervision every week"
		}
		return "supervision every " + v + " " + f.Unit
	}
	return strings.TrimSpace(strings.ReplaceAll(f.Type, "_", " ") + " " + v + " " + f.Unit)
}

// pounds writes an amount as "£32,000".
func pounds(n float64) string {
	s := FigureText(n)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return "£" + b.String()
}

// shortLabel is an official figure without its unit, for Compared:
// "DfE, 30 September 2018: 18.9".
func shortLabel(f *Figure) string {
	label, _, _ := strings.Cut(f.Label, " cases per")
	return label
}

// nearestYear is the workforce year whose 30 September is nearest when.
func nearestYear(series []official.Workforce, when time.Time) *official.Workforce {
	var best *official.Workforce
	bestGap := math.Inf(1)
	for i := range series {
		asAt, err := time.Parse(time.DateOnly, series[i].AsAt)
		if err != nil {
			continue
		}
		if gap := math.Abs(asAt.Sub(when).Hours()); gap < bestGap {
			best, bestGap = &series[i], gap
		}
	}
	return best
}

// checkCaseload sets a caseload figure beside DfE's average caseload per
// case-holding FTE for the nearest reporting year. DfE publishes no
// maximum, so a maximum is compared with the average and says so.
func checkCaseload(p *official.Profile, f ingest.Fact, when claimTime) (*Figure, string) {
	if !when.dated {
		return nil, "The article carries no date, so it cannot be set beside a DfE reporting year."
	}
	w := nearestYear(p.Workforce, when.t)
	if w == nil {
		return nil, "DfE publishes no caseload figures for this council."
	}
	fig := &Figure{Year: w.Year, Date: w.AsAt, Field: "caseload"}
	v, code := w.Value("caseload")
	if v == nil {
		fig.Suppressed = code
		fig.Label = fmt.Sprintf("DfE, %s: no figure", HumanDate(w.AsAt))
		reason := official.SuppressionReason(code)
		if reason == "" {
			reason = "not published"
		}
		return fig, fmt.Sprintf("DfE did not publish an average caseload for %d (%s), so this claim cannot be checked.", w.Year, reason)
	}
	dfe := *v
	fig.Value = dfe
	fig.Label = fmt.Sprintf("DfE, %s: %s cases per case-holding FTE", HumanDate(w.AsAt), FigureText(dfe))
	claimed := f.Value.Number
	var sentence string
	switch {
	case f.Type == "caseload_max":
		sentence = fmt.Sprintf("DfE publishes averages, not maximums: the article's maximum of %s is %s DfE's average of %s.",
			FigureText(claimed), CompareWord(claimed, dfe), FigureText(dfe))
	case f.Max != nil:
		where := "within"
		if dfe < claimed {
			where = "below"
		} else if dfe > *f.Max {
			where = "above"
		}
		sentence = fmt.Sprintf("DfE's average of %s is %s the article's range of %s–%s.", FigureText(dfe), where, FigureText(claimed), FigureText(*f.Max))
	default:
		sentence = fmt.Sprintf("The article's average of %s is %s DfE's average of %s.", FigureText(claimed), CompareWord(claimed, dfe), FigureText(dfe))
	}
	if d := w.Year - when.t.Year(); d > 1 || d < -1 {
		sentence += fmt.Sprintf(" DfE's nearest reporting year is %d, %d years from the article's.", w.Year, max(d, -d))
	}
	return fig, sentence
}

// checkOfsted sets a judgement beside the ILACS judgement in force when
// the article was written: the last inspection published by then (by its
// day when the article gives one). An inspection under way then but
// reported later is named too: the article may speak of its outcome.
func checkOfsted(p *official.Profile, f ingest.Fact, when claimTime) (*Figure, string) {
	history := p.Ofsted.History
	if len(history) == 0 {
		return nil, "Ofsted has no graded ILACS inspection of this council on record (the record starts in 2018)."
	}
	figureOf := func(in official.Inspection, label string) *Figure {
		year := 0
		if t, err := time.Parse(time.DateOnly, in.Published); err == nil {
			year = t.Year()
		}
		return &Figure{Year: year, Date: in.Published, Value: string(in.Overall), Field: "ofsted.overall", Label: label, URL: in.ReportURL}
	}
	if !when.dated {
		latest := history[len(history)-1]
		return figureOf(latest, fmt.Sprintf("Ofsted, latest: %s (inspected %s)", JudgementText(latest.Overall), HumanDate(latest.Inspected))),
			"The article carries no date, so it cannot be matched with the judgement in force when it was written; the latest judgement is shown."
	}
	inForce := -1
	for i := range history {
		if !when.after(history[i].Published) {
			inForce = i
		}
	}
	pending := ""
	if next := inForce + 1; next < len(history) && !when.after(history[next].Inspected) {
		in := history[next]
		pending = fmt.Sprintf(" Ofsted had inspected again from %s; its report, published %s, judged %s.",
			HumanDate(in.Inspected), HumanDate(in.Published), JudgementText(in.Overall))
	}
	if inForce < 0 {
		first := history[0]
		the := "the year the claim speaks of"
		if when.day {
			the = "when the article was published"
		}
		return figureOf(first, fmt.Sprintf("Ofsted, first ILACS judgement: %s (inspected %s)", JudgementText(first.Overall), HumanDate(first.Inspected))),
			fmt.Sprintf("Ofsted's first graded ILACS judgement of this council on record was published after %s, %s, so the claim cannot be checked against the judgement of the time.%s", when, the, pending)
	}
	in := history[inForce]
	claimed := f.Value.String()
	agree := "does not match"
	if strings.HasPrefix(strings.ToLower(string(in.Overall)), strings.ToLower(claimed)) {
		agree = "matches"
	}
	return figureOf(in, fmt.Sprintf("Ofsted, %s: %s", HumanDate(in.Published), JudgementText(in.Overall))),
		fmt.Sprintf("The article's “%s” %s Ofsted's overall judgement in force at the time (%s, inspected %s).%s",
			strings.ToLower(claimed), agree, JudgementText(in.Overall), HumanDate(in.Inspected), pending)
}
