package ingest

import "sync"

var loadSynonyms = sync.OnceValue(func() [][]string {
	var f struct {
		Groups [][]string `json:"groups"`
	}
	mustLoadJSON("data/synonyms.json", &f)
	return f.Groups
})

// Synonyms returns groups of equivalent lower-case terms and phrases: the
// field's acronyms with their expansions ("asye", "assessed and supported
// year in employment") and spelling variants ("case load", "caseload").
// Every term in a group means the same as every other.
func Synonyms() [][]string {
	groups := loadSynonyms()
	out := make([][]string, len(groups))
	for i, g := range groups {
		out[i] = append([]string(nil), g...)
	}
	return out
}
