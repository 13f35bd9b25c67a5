package server

import (
	"strconv"
	"time"

	"github.com/recruitsearch/recruitsearch/profile"
)

// oldAfterYears is the age from which an article is flagged as old: pay,
// caseloads and teams may well have changed since.
const oldAfterYears = 5

// dateView is an article's date as the pages show it.
type dateView struct {
	ISO       string // for <time datetime>: "2018-10-30", or "2018"
	Text      string // "30 October 2018", or "about 2018"
	Estimated bool   // guessed from the text (a year alone)
	Old       bool   // more than oldAfterYears before now
}

// articleDate describes an article's published date. A date guessed from
// the text is a year alone, and is shown as "about 2018" wherever it
// appears: a hit carries only the date, so the year's shape marks it as
// the estimate ingest made.
func articleDate(published string, estimated bool, now time.Time) dateView {
	if published == "" {
		return dateView{}
	}
	v := dateView{ISO: published, Text: profile.HumanDate(published), Estimated: estimated || estimatedDate(published)}
	if v.Estimated {
		v.Text = "about " + published[:min(4, len(published))]
	}
	v.Old = olderThan(published, now, oldAfterYears)
	return v
}

// estimatedDate reports whether a date is one ingest estimated from the
// text: those are a year alone.
func estimatedDate(published string) bool { return len(published) == 4 }

// olderThan reports whether a date ("2018-10-30" or "2018") lies more than
// years before now. A year alone is taken at its last day, so an article
// "about 2021" is not called old before the end of 2026.
func olderThan(published string, now time.Time, years int) bool {
	var t time.Time
	if len(published) == 4 {
		y, err := strconv.Atoi(published)
		if err != nil {
			return false
		}
		t = time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC)
	} else {
		var err error
		if t, err = time.Parse(time.DateOnly, published); err != nil {
			return false
		}
	}
	return t.Before(now.AddDate(-years, 0, 0))
}

// now is the server's clock: Deps.Now, or the wall clock.
func (s *server) now() time.Time {
	if s.deps.Now != nil {
		return s.deps.Now()
	}
	return time.Now()
}
