package official

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// ErrNotFound is wrapped by the *NotFoundError of a failed Lookup.
var ErrNotFound = errors.New("no such council")

// NotFoundError is a Lookup that found nothing, with the closest names.
type NotFoundError struct {
	Query   string
	Closest []string // canonical names, closest first; may be empty
}

func (e *NotFoundError) Error() string {
	if len(e.Closest) == 0 {
		return fmt.Sprintf("no council matches %q", e.Query)
	}
	return fmt.Sprintf("no council matches %q; closest: %s", e.Query, strings.Join(e.Closest, ", "))
}

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

var (
	onsCode = regexp.MustCompile(`^[EWSN]\d{8}$`)
	dfeCode = regexp.MustCompile(`^\d{3}$`)
)

// Lookup finds a profile by its ID, an ONS code (current or former, e.g.
// E10000023 for North Yorkshire before 2023), a DfE 3-digit code, or a
// name in any form the gazetteer knows ("Kent", "Kent County Council",
// "London Borough of Hackney", "Somerset County Council"), ignoring case.
// Names resolve as the gazetteer resolves them, so a council's profile and
// its articles agree; names it does not know are tried against the
// authorities abolished since 2016 ("Cumbria", "Bournemouth"), then
// against the names the official files use ("Bristol, City of"). A council
// outside England gets a profile without figures whose Note says why. An
// unknown query is a *NotFoundError listing the closest names.
func (d *Dataset) Lookup(nameOrCode string) (*Profile, error) {
	q := strings.TrimSpace(nameOrCode)
	if p := d.byID[q]; p != nil {
		return p, nil
	}
	if code := strings.ToUpper(q); onsCode.MatchString(code) || dfeCode.MatchString(code) {
		if p := d.byONS[code]; p != nil {
			return p, nil
		}
		if p := d.byDfE[code]; p != nil {
			return p, nil
		}
		for _, p := range d.others {
			if p.Codes.ONS == code {
				return p, nil
			}
		}
	}
	if c, ok := ingest.LookupCouncil(q); ok {
		if p := d.byDfE[c.Codes.DfE]; p != nil && c.Codes.DfE != "" {
			return p, nil
		}
		if p := d.others[c.Name]; p != nil {
			return p, nil
		}
	}
	k := nameKey(q)
	for _, p := range d.abolished {
		if k != "" && (k == nameKey(p.Name) || k == nameKey(p.Short)) {
			return p, nil
		}
	}
	if p := d.byFileName[k]; p != nil {
		return p, nil
	}
	return nil, &NotFoundError{Query: q, Closest: d.closest(q, 5)}
}

// closest returns up to n canonical names nearest to q, scoring each
// council by the best of its names: the share of words in common, or how
// few letters an edit must change. Names far behind the best are left out.
func (d *Dataset) closest(q string, n int) []string {
	qk := nameKey(q)
	if qk == "" {
		return nil
	}
	type scored struct {
		name  string
		score float64
	}
	var all []scored
	consider := func(canonical string, names ...string) {
		best := 0.0
		for _, name := range names {
			best = max(best, similarity(qk, nameKey(name)))
		}
		if best >= 0.5 {
			all = append(all, scored{canonical, best})
		}
	}
	for _, c := range ingest.Councils() {
		consider(c.Name, append([]string{c.Name, c.Short}, append(c.Aliases, c.FormerNames...)...)...)
	}
	for _, p := range d.abolished {
		consider(p.Name, p.Name, p.Short)
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, s := range all {
		if s.score < all[0].score*0.8 {
			break // far behind the best: noise, not a suggestion
		}
		if !slices.Contains(out, s.name) {
			out = append(out, s.name)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// similarity scores two name keys from 0 to 1: the larger of word overlap
// (Jaccard) and edit closeness (1 - distance / longer length).
func similarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	aw, bw := strings.Fields(a), strings.Fields(b)
	common := 0
	for _, w := range aw {
		if slices.Contains(bw, w) {
			common++
		}
	}
	jaccard := float64(common) / float64(len(aw)+len(bw)-common)
	ar, br := []rune(a), []rune(b)
	edit := 1 - float64(levenshtein(ar, br))/float64(max(len(ar), len(br)))
	return max(jaccard, edit)
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// councilWords are the qualifiers that say a name is a council's rather
// than which council it is; nameKey drops them so "Kent County Council"
// and "kent" compare as equals.
var councilWords = map[string]bool{
	"council": true, "county": true, "borough": true, "city": true, "metropolitan": true,
	"district": true, "london": true, "royal": true, "of": true, "the": true, "and": true,
}

// nameKey is a name's distinctive words, lower-cased.
func nameKey(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var keep []string
	for _, w := range words {
		if !councilWords[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}
