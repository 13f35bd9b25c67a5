package ingest

import (
	"strings"
	"sync"
)

// roleRule is one entry of data/roles.json: a normalised role and the
// phrases that name it.
type roleRule struct {
	Role    string   `json:"role"`
	Phrases []string `json:"phrases"`
}

type roleData struct {
	roles   []string
	phrases *phraseMatcher
}

var loadRoles = sync.OnceValue(func() *roleData {
	var f struct {
		Roles []roleRule `json:"roles"`
	}
	mustLoadJSON("data/roles.json", &f)
	d := &roleData{phrases: newPhraseMatcher()}
	for i, r := range f.Roles {
		d.roles = append(d.roles, r.Role)
		d.phrases.add(r.Role, i)
		for _, p := range r.Phrases {
			d.phrases.add(p, i)
		}
	}
	return d
})

// NormalizeRole maps a job title as an article gives it ("NQSW",
// "senior practitioner", "director of specialist children's services") to
// the small role vocabulary ("newly qualified social worker", "senior
// social worker", "director"). The title that starts earliest wins, and
// the longest at that point, so "deputy director" is not "director".
// A role outside the vocabulary is kept, lower-cased and trimmed.
func NormalizeRole(raw string) string {
	if role, ok := vocabularyRole(raw); ok {
		return role
	}
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(raw, " \t\n.,;:"))), " ")
}

// vocabularyRole is the role of the vocabulary a job title names, and
// false when it names none ("branch secretary", "member").
func vocabularyRole(raw string) (string, bool) {
	d := loadRoles()
	best := phraseMatch{start: -1}
	for _, m := range d.phrases.find(raw) {
		if best.start < 0 || m.start < best.start || (m.start == best.start && m.end > best.end) {
			best = m
		}
	}
	if best.start < 0 {
		return "", false
	}
	return d.roles[best.value], true
}
