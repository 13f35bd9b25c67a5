package server

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// claimView is one thing an article says about the council, the passage
// that says it, and the official figure of the same kind beside it.
type claimView struct {
	Type         string // fact type, e.g. "caseload_average"
	TypeLabel    string
	Said         string // the article's words, e.g. "an average of 17 cases"
	Value        string // the claim in short, e.g. "17 cases"
	PassageURL   string
	ArticleTitle string
	ArticleDate  string // as published: "2018", "4 March 2021"; "" if undated
	Official     string // the figure beside it, e.g. "DfE, 30 September 2018: 18.9"; "" when none applies
	OfficialURL  string // where that figure comes from, when it has its own page
	Comparison   string // how the two compare, or why the claim cannot be checked
}

// claimCheck finds the official figure of a claim's kind for the time the
// article speaks of, and says in words how the two compare.
type claimCheck func(p *official.Profile, f ingest.Fact, when time.Time, dated bool) (figure, url, sentence string)

// claimChecks maps each fact type that the official figures can check to
// its check; every other type is a claim the figures cannot check.
var claimChecks = map[string]claimCheck{
	"caseload_average": checkCaseload,
	"caseload_max":     checkCaseload,
	"ofsted_judgement": checkOfsted,
}

// uncheckable says why a claim has no official figure beside it.
var uncheckable = map[string]string{
	"practice_model":        "The official figures do not record practice models, so this claim cannot be checked against them.",
	"pay":                   "The official figures shipped here do not include pay, so this claim cannot be checked against them.",
	"supervision_frequency": "The official figures do not record how often social workers are supervised, so this claim cannot be checked against them.",
}

// councilClaims turns the facts stated in a council's passages into
// claims, in fact-type order and then by passage.
func councilClaims(p *official.Profile, hits []index.Hit) []claimView {
	var out []claimView
	order := ingest.FactTypes()
	for _, h := range hits {
		for _, f := range h.Facts {
			c := claimView{
				Type: f.Type, TypeLabel: facetLabel("fact", f.Type), Said: f.Text, Value: factValue(f),
				PassageURL: passageLink(h.ArticleID, h.ID), ArticleTitle: h.ArticleTitle,
				ArticleDate: humanDate(h.Published),
			}
			when, dated := articleTime(h.Published)
			if f.Year > 0 {
				when, dated = time.Date(f.Year, time.July, 1, 0, 0, 0, 0, time.UTC), true
			}
			check, checkable := claimChecks[f.Type]
			if why, ok := uncheckable[f.Type]; ok {
				c.Comparison = why
			} else if checkable && !hasFigures(p) {
				c.Comparison = "The official figures shipped here cover English local authorities only, so this claim cannot be checked against them."
			} else if checkable {
				c.Official, c.OfficialURL, c.Comparison = check(p, f, when, dated)
			} else {
				c.Comparison = "The official figures cannot check this claim."
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b claimView) int {
		return slices.Index(order, a.Type) - slices.Index(order, b.Type)
	})
	return out
}

// hasFigures reports whether the official files hold anything for p:
// councils outside England have a profile from the gazetteer alone.
func hasFigures(p *official.Profile) bool {
	return len(p.Workforce) > 0 || len(p.Ofsted.History) > 0 || p.Ofsted.Latest != nil
}

// factValue is a fact in short: "17 cases", "15–18 cases", "Signs of Safety".
func factValue(f ingest.Fact) string {
	v := f.Value.String()
	if f.Max != nil {
		v += "–" + figureText(*f.Max)
	}
	if f.Unit != "" {
		v += " " + f.Unit
	}
	return v
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
func checkCaseload(p *official.Profile, f ingest.Fact, when time.Time, dated bool) (string, string, string) {
	if !dated {
		return "", "", "The article carries no date, so it cannot be set beside a DfE reporting year."
	}
	w := nearestYear(p.Workforce, when)
	if w == nil {
		return "", "", "DfE publishes no caseload figures for this council."
	}
	label := "DfE, " + humanDate(w.AsAt)
	fig := figure(w, "caseload")
	if fig.Missing {
		return label + ": —", "", fmt.Sprintf("DfE did not publish an average caseload for %d (%s), so this claim cannot be checked.", w.Year, fig.Reason)
	}
	dfe := *fig.Value
	gap := yearsApart(when, w)
	claimed := f.Value.Number
	var sentence string
	switch {
	case f.Type == "caseload_max":
		sentence = fmt.Sprintf("DfE publishes averages, not maximums: the article's maximum of %s is %s DfE's average of %s.",
			figureText(claimed), compareWord(claimed, dfe), fig.Text)
	case f.Max != nil:
		where := "within"
		if dfe < claimed {
			where = "below"
		} else if dfe > *f.Max {
			where = "above"
		}
		sentence = fmt.Sprintf("DfE's average of %s is %s the article's range of %s–%s.", fig.Text, where, figureText(claimed), figureText(*f.Max))
	default:
		sentence = fmt.Sprintf("The article's average of %s is %s DfE's average of %s.", figureText(claimed), compareWord(claimed, dfe), fig.Text)
	}
	return label + ": " + fig.Text + " cases per case-holding FTE", "", sentence + gap
}

// yearsApart notes when the nearest DfE year is not the article's own.
func yearsApart(when time.Time, w *official.Workforce) string {
	if d := w.Year - when.Year(); d > 1 || d < -1 {
		return fmt.Sprintf(" DfE's nearest reporting year is %d, %d years from the article's.", w.Year, abs(d))
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// checkOfsted sets a judgement beside the ILACS judgement in force when
// the article was written: the last inspection published by then.
func checkOfsted(p *official.Profile, f ingest.Fact, when time.Time, dated bool) (string, string, string) {
	history := p.Ofsted.History
	if len(history) == 0 {
		return "", "", "Ofsted has no graded ILACS inspection of this council on record (the record starts in 2018)."
	}
	latest := history[len(history)-1]
	if !dated {
		return fmt.Sprintf("Ofsted, latest: %s (inspected %s)", judgementText(latest.Overall), humanDate(latest.Inspected)), latest.ReportURL,
			"The article carries no date, so it cannot be matched with the judgement in force when it was written; the latest judgement is shown."
	}
	var inForce *official.Inspection
	for i := range history {
		if pub, err := time.Parse(time.DateOnly, history[i].Published); err == nil && pub.Year() <= when.Year() {
			inForce = &history[i]
		}
	}
	if inForce == nil {
		first := history[0]
		return fmt.Sprintf("Ofsted, first ILACS judgement: %s (inspected %s)", judgementText(first.Overall), humanDate(first.Inspected)), first.ReportURL,
			fmt.Sprintf("Ofsted's first graded ILACS judgement of this council on record was published after %d, the year the claim speaks of, so the claim cannot be checked against the judgement of the time.", when.Year())
	}
	claimed := f.Value.String()
	agree := "does not match"
	if strings.HasPrefix(strings.ToLower(string(inForce.Overall)), strings.ToLower(claimed)) {
		agree = "matches"
	}
	return fmt.Sprintf("Ofsted, %s: %s", humanDate(inForce.Published), judgementText(inForce.Overall)), inForce.ReportURL,
		fmt.Sprintf("The article's “%s” %s Ofsted's overall judgement in force at the time (%s, inspected %s).",
			strings.ToLower(claimed), agree, judgementText(inForce.Overall), humanDate(inForce.Inspected))
}
