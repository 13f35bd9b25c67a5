package ingest

import (
	"regexp"
	"strings"
)

// selfRoleRe finds a speaker saying in their own words what they do: "I'm
// a team manager in the east locality", "I am now an advanced
// practitioner", "I work as a senior practitioner", "As a newly qualified
// social worker, I …". The title is read from the words after the match.
// "As a social worker, you …" is anyone's, and "I was a team manager" is
// what they did.
var selfRoleRe = regexp.MustCompile(`(?:^|([\p{L}]+)\s+)I(?:['’]m|\s+am)\s+(?:now\s+|currently\s+)?an?\s|(?:^|([\p{L}]+)\s+)I(?:['’]m\s+(?:now\s+)?working|\s+(?:now\s+)?work)\s+as\s+an?\s|(?:^|[.!?…]\s+)As\s+an?\s+([^,.;:!?]{3,80}),\s+I\b`)

// selfRoleHint finds the verbs selfRoleRe's "I am", "I now work" and "I
// work" forms start with.
var selfRoleHint = regexp.MustCompile(`I\s+(?:am|now|work)\b`)

// maySayOwnRole is a quick test that speech holds a phrase selfRoleRe
// looks for. selfRoleRe may start at any word (the word before "I" is
// read), so the backtracking search of it costs a pass per word of every
// answer and quotation: 20% of a parse until this test went before it.
func maySayOwnRole(speech string) bool {
	return strings.Contains(speech, "I'm") || strings.Contains(speech, "I’m") ||
		strings.Contains(speech, "As a") || selfRoleHint.MatchString(speech)
}

// hypotheticalBefore are the words that make "I'm a team manager" a
// condition or a wish rather than a fact: "when I'm a team manager".
var hypotheticalBefore = map[string]bool{"when": true, "if": true, "once": true, "until": true, "before": true, "unless": true}

// selfDescribedRole is the role a speaker gives themselves in what they
// say, when it is one of the role vocabulary's ("I'm a member of the
// panel" gives none), or "".
func selfDescribedRole(speech string) string {
	if !maySayOwnRole(speech) {
		return ""
	}
	for _, m := range selfRoleRe.FindAllStringSubmatchIndex(speech, -1) {
		var title string
		switch {
		case m[6] >= 0: // "As a …, I"
			title = " a " + speech[m[6]:m[7]]
			if roleAfter(title) != strings.Join(strings.Fields(strings.ToLower(speech[m[6]:m[7]])), " ") {
				continue // "As a social worker in a busy team, I": the title is not all of it
			}
		default:
			before := ""
			if m[2] >= 0 {
				before = speech[m[2]:m[3]]
			} else if m[4] >= 0 {
				before = speech[m[4]:m[5]]
			}
			if hypotheticalBefore[strings.ToLower(before)] {
				continue
			}
			title = " a " + speech[m[1]:]
		}
		if role, ok := vocabularyRole(roleAfter(title)); ok {
			return role
		}
	}
	return ""
}

// spokenText is what a passage's speaker says in it: an answer, or the
// quotations of a quote (all of it when it has no quotation marks, as a
// blockquote may not).
func spokenText(p Passage) string {
	switch p.Kind {
	case KindQA:
		return p.Text
	case KindQuote:
		spans := analyseQuotes(p.Text).spans
		if len(spans) == 0 {
			return p.Text
		}
		parts := make([]string, len(spans))
		for i, s := range spans {
			parts[i] = s.inner
		}
		return strings.Join(parts, "\n")
	}
	return ""
}

// noteSelfRoles gives a speaker the text has not given a role the one
// they give themselves in what they say. A role the narrative gives,
// even later in the article, still wins (person.role).
func (b *builder) noteSelfRoles() {
	for _, d := range b.passages {
		if who := d.who; who != nil && who.selfRole == "" {
			who.selfRole = selfDescribedRole(spokenText(d.Passage))
		}
	}
}
