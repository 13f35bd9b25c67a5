package official

import (
	"fmt"
	"regexp"
	"time"
)

// Columns of Ofsted's "Local authority inspection outcomes" sheets.
const (
	colLink        = "Web link"
	colONS         = "Local authority area code"
	colInspected   = "Inspection date"
	colPublished   = "Publication date"
	colType        = "Inspection type"
	colOverall     = "Overall effectiveness"
	colLeaders     = "The impact of leaders on social work practice with children and families"
	colHelp        = "The experiences and progress of children who need help and protection"
	colInCare      = "The experiences and progress of children in care"
	colCareLeavers = "The experiences and progress of care leavers"
)

var judgementCols = []string{colOverall, colLeaders, colHelp, colInCare, colCareLeavers}

// readOfstedHistory reads every graded ILACS inspection, joined by ONS
// code; abolished authorities' inspections stay under their own names.
func readOfstedHistory(b *builder, file string, data []byte) (string, error) {
	return eachInspection(b, file, data, []string{colType}, func(t *table, r row, p *Profile, in Inspection) error {
		in.Type = t.get(r, colType)
		p.Ofsted.History = append(p.Ofsted.History, in)
		return nil
	})
}

// readOfstedLatest reads each local authority's latest judgement. The
// sheet has no inspection type; the history row of the same inspection
// gives it.
func readOfstedLatest(b *builder, file string, data []byte) (string, error) {
	return eachInspection(b, file, data, nil, func(_ *table, r row, p *Profile, in Inspection) error {
		if p.Ofsted.Latest != nil {
			return formatErr(file, r.line, colONS, fmt.Errorf("a second latest judgement for %s", p.Name))
		}
		for _, h := range p.Ofsted.History {
			if h.Inspected == in.Inspected {
				in.Type = h.Type
			}
		}
		p.Ofsted.Latest = &in
		return nil
	})
}

// eachInspection reads a judgement table whose columns are the common
// ones and extra, and hands each row's council and inspection to add.
func eachInspection(b *builder, file string, data []byte, extra []string, add func(*table, row, *Profile, Inspection) error) (string, error) {
	cols := append([]string{colLink, colONS, colInspected, colPublished}, extra...)
	t, err := eachRow(file, data, append(cols, judgementCols...), func(t *table, r row) error {
		p, in, err := b.inspection(t, r)
		if err != nil {
			return err
		}
		return add(t, r, p, in)
	})
	if err != nil {
		return "", err
	}
	return t.title, nil
}

// reportCode is the DfE code at the end of an Ofsted report link.
var reportCode = regexp.MustCompile(`/(\d{3})/?$`)

// inspection reads one judgement row and finds its council by ONS code.
// The report link also ends in a DfE code, but not always the council's
// own (City of London's is Islington's 206), so it is never a key.
func (b *builder) inspection(t *table, r row) (*Profile, Inspection, error) {
	ons := t.get(r, colONS)
	p := b.byONS[ons]
	if p == nil {
		return nil, Inspection{}, formatErr(t.file, r.line, colONS, fmt.Errorf("ONS code %q is no council in the gazetteer or data/reorganisations.csv", ons))
	}
	b.sawName(p, t.get(r, "Local authority name"))
	in := Inspection{
		Overall: Judgement(t.get(r, colOverall)), Leaders: Judgement(t.get(r, colLeaders)),
		HelpAndProtection: Judgement(t.get(r, colHelp)), ChildrenInCare: Judgement(t.get(r, colInCare)),
		CareLeavers: Judgement(t.get(r, colCareLeavers)), ReportURL: t.get(r, colLink),
	}
	for _, c := range judgementCols {
		if j := Judgement(t.get(r, c)); j != "" && j.Grade() == 0 {
			return nil, in, formatErr(t.file, r.line, c, fmt.Errorf("%q is not an Ofsted grade", j))
		}
	}
	var err error
	if in.Inspected, err = isoDate(t, r, colInspected); err != nil {
		return nil, in, err
	}
	if in.Published, err = isoDate(t, r, colPublished); err != nil {
		return nil, in, err
	}
	if m := reportCode.FindStringSubmatch(in.ReportURL); m != nil && m[1] != p.Codes.DfE {
		if q := b.byDfE[m[1]]; q != nil {
			in.ReportOf = &Ref{ID: q.ID, Name: q.Name}
		}
	}
	return p, in, nil
}

// isoDate turns Ofsted's day/month/year into an ISO date.
func isoDate(t *table, r row, col string) (string, error) {
	d, err := time.Parse("02/01/2006", t.get(r, col))
	if err != nil {
		return "", formatErr(t.file, r.line, col, fmt.Errorf("%q is not a day/month/year date", t.get(r, col)))
	}
	return d.Format(time.DateOnly), nil
}
