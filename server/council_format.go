package server

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/recruitsearch/recruitsearch/profile"

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
	text := profile.FigureText(*v)
	if percentFields[field] {
		text += "%"
	}
	return figureView{Text: text, Value: v}
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

// councilHead is what every view of a council starts with: who it is,
// where its profile is, and its latest Ofsted judgement.
type councilHead struct {
	Name   string
	URL    string
	Region string
	Type   string
	Ofsted official.Judgement
	Class  string // judgementClass(Ofsted)
	// Inspected is the latest inspection's date ("9 May 2022"), "" when
	// there is none or the view does not show it.
	Inspected string
}

// headOf is a profile's councilHead.
func headOf(p *official.Profile) councilHead {
	h := councilHead{Name: p.Name, URL: councilURL(p.ID), Region: p.Region, Type: p.Type}
	if p.Ofsted.Latest != nil {
		h.Ofsted, h.Inspected = p.Ofsted.Latest.Overall, profile.HumanDate(p.Ofsted.Latest.Inspected)
	}
	h.Class = judgementClass(h.Ofsted)
	return h
}

// judgementClass is the CSS class of an Ofsted grade: ofsted-1
// (Outstanding) to ofsted-4 (Inadequate), ofsted-0 for none.
func judgementClass(j official.Judgement) string {
	return "ofsted-" + strconv.Itoa(j.Grade())
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

// sourcesView is what a page showing official figures owes its reader:
// the licence's attribution line and the files the figures come from.
type sourcesView struct {
	Attribution string
	Release     []official.Source
}

// sourcesOf names the attribution and the release of d.
func sourcesOf(d *official.Dataset) sourcesView {
	v := sourcesView{Attribution: d.Attribution()}
	if r := d.Release(); r != nil {
		v.Release = r.Files
	}
	return v
}
