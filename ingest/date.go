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
	"January 2006", "Jan 2006", "2006/01/02", "20060102", "2-Jan-2006", "2-January-2006",
}

var (
	ordinalSuffix = regexp.MustCompile(`\b(\d{1,2})(st|nd|rd|th)\b`)
	timeTail      = regexp.MustCompile(`(?i)\s*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?\s*#?$`)
)

// isoDate turns a date as a source writes it ("2018-10-30T09:00:00Z",
// "Thu, 19 Dec 2024 14:00:15 +0000", "30/10/22", "13th January 2014",
// "January 13, 2014 at 10:41 pm") into ISO 8601 "2018-10-30".
func isoDate(s string) (string, bool) { return isoDateWith(s, skipping) }

func isoDateWith(s string, pc precheck) (string, bool) {
	s = cleanSpace(s)
	if s == "" {
		return "", false
	}
	if pc.mayBeDate(s) {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t.Format("2006-01-02"), true
			}
		}
	}
	// Loose forms: ordinals, a trailing time of day, "Posted on".
	loose := ordinalSuffix.ReplaceAllString(s, "$1")
	loose = timeTail.ReplaceAllString(loose, "")
	loose = strings.TrimPrefix(strings.TrimPrefix(loose, "Posted on "), "Published ")
	loose = strings.Trim(loose, " ,#")
	if loose != s && pc.mayBeDate(loose) {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, loose); err == nil {
				return t.Format("2006-01-02"), true
			}
		}
	}
	return "", false
}

// mayBeDate is mayBeDate(s) when skipping, else true.
func (pc precheck) mayBeDate(s string) bool { return !bool(pc) || mayBeDate(s) }

// maxDateWords is the most words a layout of dateLayouts has.
const maxDateWords = 6

// dateStarts are the first three letters of the month and weekday names.
var dateStarts = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
}

// mayBeDate reports whether some layout of dateLayouts could read s.
// Each begins with a number or with a month's or weekday's name, which
// time.Parse reads in any ASCII case, and has at most six words (RFC 1123
// with a zone, "Mon, 02 Jan 2006 15:04:05 -0700"; no element time.Parse
// reads holds a space); trying every layout on a line that starts
// otherwise, or on a sentence that starts with a number, allocated an
// error per layout.
func mayBeDate(s string) bool {
	if s == "" || countWords(s, maxDateWords+1) > maxDateWords {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return true
	}
	if len(s) < 3 {
		return false
	}
	var b [3]byte
	for i := range b {
		b[i] = s[i] | ('a' - 'A') // upper-case ASCII letters to lower; no other byte becomes a letter
	}
	return dateStarts[string(b[:])]
}
