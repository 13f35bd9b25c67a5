package ingest

import (
	"regexp"
	"strings"
)

// An email saved as text (a council's staff bulletin, a recruitment
// newsletter) starts with its header fields, not with the article: "From:",
// "To:", "Subject:", "Date:", "Message-ID:". The subject is the title and
// the date the article's date; the other fields, the "View this email in
// your browser" line (its address is the article's) and everything below
// the signature separator "--" (unsubscribe lines, the sender's postal
// address) are no part of the article.
var (
	// emailFieldRe matches one header field of an email.
	emailFieldRe = regexp.MustCompile(`(?i)^(from|to|cc|bcc|reply-to|subject|date|sent|message-id|content-type|content-transfer-encoding|mime-version|return-path|received|delivered-to|importance|x-[a-z0-9-]+)\s*:\s*(.*)$`)
	// emailStartRe is the field an email's header opens with.
	emailStartRe = regexp.MustCompile(`(?i)^(?:from|to|subject|date|sent)\s*:\s*\S`)
	// viewInBrowserRe matches a newsletter's link to its web copy.
	viewInBrowserRe = regexp.MustCompile(`(?i)^(?:view|read|open)\s+(?:this\s+(?:email|newsletter|message|bulletin)\s+|it\s+)?(?:in|on)\s+(?:your|a|the)\s+(?:web\s+)?browser\s*[:.\-–—]?\s*(\S*)$`)
	// subjectPrefixRe is a reply's or forward's mark on a subject.
	subjectPrefixRe = regexp.MustCompile(`(?i)^(?:(?:re|fwd?|fw)\s*:\s*)+`)
)

// isEmailHeader reports whether lines open with an email's header: a
// "From:", "To:", "Subject:", "Date:" or "Sent:" field, then at least one
// more header field directly under it.
func isEmailHeader(lines []textLine) bool {
	if len(lines) < 2 || !emailStartRe.MatchString(lines[0].text) {
		return false
	}
	return emailFieldRe.MatchString(lines[1].text) && !lines[1].blankBefore
}

// readEmailHeader reads the header fields at the top of lines into doc
// (the subject as the title, the date) and returns the lines of the body:
// without the header, a "view in browser" line and what follows the
// signature separator.
func readEmailHeader(lines []textLine, doc *Document) (body []textLine, subject string) {
	i := 0
	for ; i < len(lines); i++ {
		m := emailFieldRe.FindStringSubmatch(lines[i].text)
		if m == nil || (i > 0 && lines[i].blankBefore) {
			break
		}
		value := strings.TrimSpace(m[2])
		switch strings.ToLower(m[1]) {
		case "subject":
			subject = strings.TrimSpace(subjectPrefixRe.ReplaceAllString(value, ""))
		case "date", "sent":
			if d, ok := parseDate(value); ok && doc.Published == "" {
				doc.Published = d
			} else if d, ok := findDate(value); ok && doc.Published == "" {
				doc.Published = d
			}
		}
	}
	for _, l := range lines[i:] {
		if l.text == "--" || l.text == "-- " || l.text == "__" {
			break // the signature and the list's footer
		}
		if m := viewInBrowserRe.FindStringSubmatch(l.text); m != nil {
			if u := webURL(m[1]); u != "" && doc.URL == "" {
				doc.URL = u
			}
			continue
		}
		body = append(body, l)
	}
	return body, subject
}
