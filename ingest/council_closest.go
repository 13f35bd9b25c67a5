package ingest

import (
	"slices"
	"strings"
	"unicode"
)

// NameSet is a canonical name with every name it goes by.
type NameSet struct {
	Name  string
	Names []string
}

// CouncilNameSets lists the gazetteer's councils, each with its name,
// short name, aliases and former names.
func CouncilNameSets() []NameSet {
	var out []NameSet
	for _, c := range Councils() {
		out = append(out, NameSet{Name: c.Name, Names: append([]string{c.Name, c.Short}, append(c.Aliases, c.FormerNames...)...)})
	}
	return out
}

// ClosestCouncils returns up to n gazetteer council names nearest to q,
// closest first, for "did you mean" messages.
func ClosestCouncils(q string, n int) []string { return ClosestNames(q, n, CouncilNameSets()) }

// ClosestNames returns up to n canonical names of sets nearest to q,
// scoring each set by the best of its names: the share of words in
// common, or how few letters an edit must change. Names not plausibly
// meant (see similarity) and names far behind the best are left out, so
// a query like no council's name gets no suggestion.
func ClosestNames(q string, n int, sets []NameSet) []string {
	qk := CouncilNameKey(q)
	if qk == "" {
		return nil
	}
	type scored struct {
		name  string
		score float64
		part  bool // the score is of a run of the name's words, not the whole name
	}
	var all []scored
	for _, set := range sets {
		var best scored
		for _, name := range set.Names {
			key := CouncilNameKey(name)
			if s := similarity(qk, key); s > best.score || s == best.score && best.part {
				best = scored{set.Name, s, false}
			}
			if s := partSimilarity(qk, key); s > best.score {
				best = scored{set.Name, s, true}
			}
		}
		if best.score > 0 {
			all = append(all, best)
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		switch {
		case a.score != b.score && a.score > b.score:
			return -1
		case a.score != b.score:
			return 1
		case a.part != b.part && !a.part:
			return -1 // "Worcestershir": the county council before Worcestershire Children First
		case a.part != b.part:
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

// similarity scores how plausibly the name key b is what the query key
// a meant, from 0 (not plausibly) to 1: the share of words in common
// (Jaccard), when at least half the words are shared ("Medway Towns":
// Medway), or the edit closeness (1 - distance / longer length), when an
// edit changes at most one letter in three ("Walsal": Walsall). Below
// both, a name is a coincidence of letters ("Narnia" and Barnet share
// four of six), not a suggestion.
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
	score := 0.0
	if union := len(aw) + len(bw) - common; 2*common >= union {
		score = float64(common) / float64(union)
	}
	return max(score, editCloseness(a, b))
}

// partSimilarity is the edit closeness of the query key a to the closest
// run of as many of b's words, for a query naming part of a longer name
// ("Sussex": East Sussex, "Westmoreland": Westmorland and Furness).
func partSimilarity(a, b string) float64 {
	aw, bw := strings.Fields(a), strings.Fields(b)
	best := 0.0
	for i := 0; len(aw) < len(bw) && i+len(aw) <= len(bw); i++ {
		best = max(best, editCloseness(a, strings.Join(bw[i:i+len(aw)], " ")))
	}
	return best
}

// editCloseness is 1 - distance / longer length, or 0 when an edit must
// change more than one letter in three.
func editCloseness(a, b string) float64 {
	ar, br := []rune(a), []rune(b)
	longer := max(len(ar), len(br))
	d := levenshtein(ar, br)
	if longer == 0 || 3*d > longer {
		return 0
	}
	return 1 - float64(d)/float64(longer)
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
// than which council it is; CouncilNameKey drops them so "Kent County Council"
// and "kent" compare as equals.
var councilWords = map[string]bool{
	"council": true, "county": true, "borough": true, "city": true, "metropolitan": true,
	"district": true, "london": true, "royal": true, "of": true, "the": true, "and": true,
}

// CouncilNameKey is a name's distinctive words, lower-cased: "Kent
// County Council" and "kent" have the same key.
func CouncilNameKey(name string) string {
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
