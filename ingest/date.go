package ingest

import (
	"regexp"
	"strings"
	"time"
)

// dateLayouts are the date forms sources give, tried in order. Day-first
// numeric forms come before month-first ones: the sources are British.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006",
	"2 January 2006", "2 Jan 2006", "Monday 2 January 2006", "Monday, 2 January 2006",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Monday, January 2, 2006",
	"02/01/2006", "2/1/2006", "02/01/06", "2/1/06", "02.01.2006", "02-01-2006",
	"January 2006", "Jan 2006", "2006/01/02", "20060102",
}

var (
	ordinalSuffix = regexp.MustCompile(`\b(\d{1,2})(st|nd|rd|th)\b`)
	timeTail      = regexp.MustCompile(`(?i)\s*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?\s*#?$`)
)

// isoDate turns a date as a source writes it ("2018-10-30T09:00:00Z",
// "Thu, 19 Dec 2024 14:00:15 +0000", "30/10/22", "13th January 2014",
// "January 13, 2014 at 10:41 pm") into ISO 8601 "2018-10-30".
func isoDate(s string) (string, bool) {
	s = cleanSpace(s)
	if s == "" {
		return "", false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	// Loose forms: ordinals, a trailing time of day, "Posted on".
	loose := ordinalSuffix.ReplaceAllString(s, "$1")
	loose = timeTail.ReplaceAllString(loose, "")
	loose = strings.TrimPrefix(strings.TrimPrefix(loose, "Posted on "), "Published ")
	loose = strings.Trim(loose, " ,#")
	if loose != s {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, loose); err == nil {
				return t.Format("2006-01-02"), true
			}
		}
	}
	return "", false
}
