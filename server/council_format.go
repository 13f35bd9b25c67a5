package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// figureView is one official figure as a page shows it: the number, or a
// dash with the reason DfE gave for not publishing it.
type figureView struct {
	Text    string // "15.8", "14.4%", or "—" when missing
	Value   *float64
	Missing bool
	Code    string // DfE's suppression code, when it gave one
	Reason  string // "low reliability"; "no figure" when there is no row at all
}

// percentFields are the workforce figures that are rates.
var percentFields = map[string]bool{
	"vacancy_rate": true, "agency_rate": true, "turnover_rate": true, "absence_rate": true,
}

// figure formats field of w; a nil w (no row for that year) is missing too.
func figure(w *official.Workforce, field string) figureView {
	if w == nil {
		return figureView{Text: "—", Missing: true, Reason: "no figure for this year"}
	}
	v, code := w.Value(field)
	if v == nil {
		reason := official.SuppressionReason(code)
		if reason == "" {
			reason = "not published"
		}
		return figureView{Text: "—", Missing: true, Code: code, Reason: reason}
	}
	text := figureText(*v)
	if percentFields[field] {
		text += "%"
	}
	return figureView{Text: text, Value: v}
}

// figureText prints a figure as the files give it: 17, 15.8, 769.2.
func figureText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// humanDate turns an ISO date into "9 May 2022"; a year alone or anything
// else it cannot read is returned as it is.
func humanDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// councilURL is the profile page of a profile ID.
func councilURL(id string) string { return "/councils/" + url.PathEscape(id) }

// councilLink is the profile page of a council named as the index names
// it ("Kent County Council"), or "" when no profile matches the name (a
// council the gazetteer does not know).
func (s *server) councilLink(name string) string {
	if id := s.councilID(name); id != "" {
		return councilURL(id)
	}
	return ""
}

// judgementClass is the CSS class of an Ofsted grade: ofsted-1
// (Outstanding) to ofsted-4 (Inadequate), ofsted-0 for none.
func judgementClass(j official.Judgement) string {
	return "ofsted-" + strconv.Itoa(j.Grade())
}

// judgementText is a grade for display; "not inspected under ILACS" when
// there is none.
func judgementText(j official.Judgement) string {
	if j == "" {
		return "no judgement"
	}
	return string(j)
}

// compareWord says how a is placed against b in words.
func compareWord(a, b float64) string {
	const eps = 1e-9
	switch {
	case a > b+eps:
		return fmt.Sprintf("%s above", figureText(round1(a-b)))
	case a < b-eps:
		return fmt.Sprintf("%s below", figureText(round1(b-a)))
	}
	return "the same as"
}

func round1(v float64) float64 {
	return float64(int64(v*10+sign(v)*0.5)) / 10
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// joinNames lists names as a reader would: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
