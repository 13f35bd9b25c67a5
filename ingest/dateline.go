package ingest

import (
	"regexp"
	"strings"
)

var (
	weekdayPrefix = regexp.MustCompile(`(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
	clockSuffix   = regexp.MustCompile(`(?i)(?:,?\s+at)?,?\s+\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm)?(?:\s+[A-Z]{2,4}|\s+[+-]\d{4})?\s*#?$`)
	// datePattern finds a date inside a longer line ("Posted on 13 January
	// 2014 by …", "1. Imelda January 13, 2014 at 10:41 pm #").
	datePattern = regexp.MustCompile(`(?i)\b(?:\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]+)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+|-)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?(?:\s+|-)\d{4}(?:\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{2,4})?)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`)
)

// parseDate reads one date in any of the forms articles print ("30/10/22",
// "2018-10-30", "Thu, 19 Dec 2024 14:00:15 +0000", "January 13, 2014 at
// 10:41 pm", "thursday 19th december 2024") as an ISO 8601 date. It adds
// to isoDate the looser forms found in bylines and comment headers.
func parseDate(s string) (string, bool) { return parseDateWith(s, skipping) }

func parseDateWith(s string, pc precheck) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "#|·•"))
	// Every form has a year in digits; most lines have none, and trying
	// each layout on them was a fifth of the time to parse short paragraphs.
	if s == "" || len(s) > 64 || !strings.ContainsAny(s, "0123456789") {
		return "", false
	}
	if d, ok := isoDateWith(s, pc); ok {
		return d, plausibleYear(d)
	}
	loose := weekdayPrefix.ReplaceAllString(s, "")
	loose = clockSuffix.ReplaceAllString(loose, "")
	loose = strings.ReplaceAll(titleCaseWords(loose), "Sept ", "Sep ")
	if d, ok := isoDateWith(loose, pc); ok {
		return d, plausibleYear(d)
	}
	return "", false
}

func plausibleYear(iso string) bool {
	return iso >= "1900" && iso < "2101"
}

// findDate returns the first date written anywhere in s, as ISO 8601.
func findDate(s string) (string, bool) {
	for _, m := range datePattern.FindAllString(s, 3) {
		if d, ok := parseDate(m); ok {
			return d, true
		}
	}
	return "", false
}

// titleCaseWords capitalises lower-case words so time.Parse, which matches
// month names case-sensitively, reads "19 december 2024".
func titleCaseWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) > 2 && w[0] >= 'a' && w[0] <= 'z' {
			words[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, " ")
}
