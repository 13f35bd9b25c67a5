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
// common, or how few letters an edit must change. Names far behind the
// best are left out.
func ClosestNames(q string, n int, sets []NameSet) []string {
	qk := CouncilNameKey(q)
	if qk == "" {
		return nil
	}
	type scored struct {
		name  string
		score float64
	}
	var all []scored
	for _, set := range sets {
		best := 0.0
		for _, name := range set.Names {
			best = max(best, similarity(qk, CouncilNameKey(name)))
		}
		if best >= 0.5 {
			all = append(all, scored{set.Name, best})
		}
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
