package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRoleAfter checks that reading a job title after a name never
// panics, and that a title it finds is made of the input's own words.
func FuzzRoleAfter(f *testing.F) {
	for _, s := range []string{
		", principal social worker, said", ", consultant social worker in a frontline safeguarding team",
		", the operations manager for Taunton’s team, agrees", " a newly qualified social worker – say",
		", our director of specialist children’s services, is great", ", the agency's lead practice consultant.",
		" (team manager) says", " and advanced practitioners are meeting", ", who is great",
		", who joined the council as a team manager", "", ",", " the", " (",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rest string) {
		role := roleAfter(rest)
		if !utf8.ValidString(role) && utf8.ValidString(rest) {
			t.Fatalf("roleAfter(%q) = %q: invalid UTF-8", rest, role)
		}
		if role != strings.TrimSpace(role) {
			t.Fatalf("roleAfter(%q) = %q: surrounding space", rest, role)
		}
		lower := strings.ToLower(rest)
		for _, w := range strings.Fields(role) {
			if !strings.Contains(lower, w) {
				t.Fatalf("roleAfter(%q) = %q: %q is not in the input", rest, role, w)
			}
		}
	})
}
