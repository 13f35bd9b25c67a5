package ingest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// TestEveryFactRuleIsNeeded removes each phrase (and clears each flag) of
// every rules file in turn and expects some fact case to change what it
// yields: a fact's value or the span a reader is shown. An entry no case
// needs is a guess nobody checked.
func TestEveryFactRuleIsNeeded(t *testing.T) {
	var cases []factCase
	for _, x := range factExtractors {
		cases = append(cases, loadFactCases(t, x.Name)...)
	}
	yields := func(xs []FactExtractor, c factCase) string {
		b, _ := json.Marshal(factsOf(xs, c.Text, nil))
		return string(b)
	}
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = yields(factExtractors, c)
	}
	for k, x := range factExtractors {
		b, err := factData.ReadFile("data/facts/" + x.Name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		for _, entry := range ruleEntries(doc, x.Name) {
			undo := entry.remove()
			b, _ := json.Marshal(doc)
			undo()
			var r factRules
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			xs := slices.Clone(factExtractors)
			xs[k] = newRulesExtractor(x.Name, &r)
			needed := false
			for i, c := range cases {
				needed = needed || yields(xs, c) != want[i]
			}
			if !needed {
				t.Errorf("no fact case needs %s", entry.name)
			}
		}
	}
}

// ruleEntry is one phrase or flag of a rules file, with a way to take it
// out and put it back.
type ruleEntry struct {
	name   string
	remove func() (undo func())
}

// ruleEntries lists the strings in the lists of a decoded rules file, and
// its true flags.
func ruleEntries(v any, at string) []ruleEntry {
	var out []ruleEntry
	switch v := v.(type) {
	case map[string]any:
		for key, child := range v {
			if b, ok := child.(bool); ok && b {
				out = append(out, ruleEntry{fmt.Sprintf("%s.%s", at, key), func() func() {
					v[key] = false
					return func() { v[key] = true }
				}})
			}
			if list, ok := child.([]any); ok {
				for i, item := range list {
					if s, ok := item.(string); ok {
						out = append(out, ruleEntry{fmt.Sprintf("%s.%s %q", at, key, s), func() func() {
							v[key] = slices.Delete(slices.Clone(list), i, i+1)
							return func() { v[key] = list }
						}})
					}
				}
			}
			out = append(out, ruleEntries(child, at+"."+key)...)
		}
	case []any:
		for i, item := range v {
			out = append(out, ruleEntries(item, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return out
}
