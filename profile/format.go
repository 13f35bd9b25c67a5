package profile

import (
	"fmt"
	"strconv"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

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

// judgementText is a grade for display; "no judgement" when there is none.
func judgementText(j official.Judgement) string {
	if j == "" {
		return "no judgement"
	}
	return string(j)
}

// compareWord says how a is placed against b in words: "1.9 below".
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

// round1 rounds to one decimal place, halves away from zero.
func round1(v float64) float64 {
	if v < 0 {
		return -round1(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}
