package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

// FigureText prints a figure as the files give it: 17, 15.8, 769.2.
func FigureText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// HumanDate turns an ISO date into "9 May 2022"; a year alone or anything
// else it cannot read is returned as it is.
func HumanDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// articleTime reads an article's published date: a full ISO date, or a
// year alone read as the middle of that year. ok is false when there is
// no date.
func articleTime(published string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, published); err == nil {
		return t, true
	}
	if len(published) >= 4 {
		if y, err := strconv.Atoi(published[:4]); err == nil && y > 1900 {
			return time.Date(y, time.July, 1, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// JudgementText is a grade for display; "no judgement" when there is none.
func JudgementText(j official.Judgement) string {
	if j == "" {
		return "no judgement"
	}
	return string(j)
}

// CompareWord says how a is placed against b in words: "1.9 below".
func CompareWord(a, b float64) string {
	const eps = 1e-9
	switch {
	case a > b+eps:
		return fmt.Sprintf("%s above", FigureText(round1(a-b)))
	case a < b-eps:
		return fmt.Sprintf("%s below", FigureText(round1(b-a)))
	}
	return "the same as"
}

// round1 rounds to one decimal place, halves away from zero.
func round1(v float64) float64 {
	if v < 0 {
		return -round1(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}

// SharedReturn is a run of years in which a council's figures are one
// return with the same other councils.
type SharedReturn struct {
	With  []official.Ref
	Years []int // ascending
}

// YearsText writes the years as runs: "2016–2025", "2017, 2019–2021".
func (s SharedReturn) YearsText() string {
	var parts []string
	for i := 0; i < len(s.Years); {
		j := i
		for j+1 < len(s.Years) && s.Years[j+1] == s.Years[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", s.Years[i], s.Years[j]))
		} else {
			parts = append(parts, strconv.Itoa(s.Years[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// SharedReturns groups the joint-return years of a workforce series by
// whom they are shared with, in order of first year, so that ten years
// of Kingston's return with Richmond are one note, not ten.
func SharedReturns(series []official.Workforce) []SharedReturn {
	var out []SharedReturn
	for _, y := range series {
		if len(y.SharedWith) == 0 {
			continue
		}
		i := slices.IndexFunc(out, func(s SharedReturn) bool { return slices.Equal(s.With, y.SharedWith) })
		if i < 0 {
			out = append(out, SharedReturn{With: y.SharedWith})
			i = len(out) - 1
		}
		out[i].Years = append(out[i].Years, y.Year)
	}
	return out
}
