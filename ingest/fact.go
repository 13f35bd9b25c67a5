package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// A Fact is one typed statement a passage makes, such as "an average of
// 17 cases": its type (caseload_average), its value (17), an upper bound
// where the text gives a range or a cap (Max), the unit, and the span of
// text that states it, so a reader can check it against the passage.
//
// Kind narrows the type where one claim comes in kinds (a pay figure is a
// salary, a market supplement, a golden hello or a retention payment);
// Year is the year the fact is about where the text gives one ("rated
// inadequate in 2013").
type Fact struct {
	Type  string    `json:"type"`
	Kind  string    `json:"kind,omitempty"`
	Value FactValue `json:"value"`
	Max   *float64  `json:"max,omitempty"`
	Unit  string    `json:"unit,omitempty"`
	Year  int       `json:"year,omitempty"`
	Text  string    `json:"text"`
}

// FactValue is a figure or, for a fact that names something (a practice
// model, an Ofsted grade), a name. It is a JSON number or a JSON string.
type FactValue struct {
	Number float64
	Name   string
}

// Figure is the value of a fact that states a number.
func Figure(n float64) FactValue { return FactValue{Number: n} }

// Named is the value of a fact that names something.
func Named(name string) FactValue { return FactValue{Name: name} }

func (v FactValue) String() string {
	if v.Name != "" {
		return v.Name
	}
	return strconv.FormatFloat(v.Number, 'f', -1, 64)
}

// MarshalJSON writes a name as a string and a figure as a number.
func (v FactValue) MarshalJSON() ([]byte, error) {
	if v.Name != "" {
		return json.Marshal(v.Name)
	}
	return json.Marshal(v.Number)
}

// UnmarshalJSON reads a string as a name and a number as a figure.
func (v *FactValue) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*v = FactValue{}
		return json.Unmarshal(b, &v.Name)
	}
	var n float64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("fact value: want a number or a string, got %s", b)
	}
	*v = FactValue{Number: n}
	return nil
}

// A FactExtractor finds the facts of some types in a passage's text. A
// new kind of fact is one entry in factExtractors, usually a data file
// of rules, plus its tests: the index stores, filters and counts facts
// of any type without knowing it.
type FactExtractor struct {
	Name    string
	Types   []string // the fact types it produces
	Once    bool     // a passage states each of its values once (a practice model, not each mention)
	Extract func(text string) []Fact

	// extractSentences, where set, does what Extract does on text already
	// split into tokenized sentences, so factsOf splits and tokenizes each
	// part once for every rules extractor instead of once for each.
	extractSentences func([]factSentence) []Fact
}

// factExtractors is the table of extractors, run in order on every
// passage.
var factExtractors = []FactExtractor{
	rulesExtractor("caseload"),
	rulesExtractor("ofsted_judgement"),
	rulesExtractor("practice_model"),
	rulesExtractor("pay"),
	rulesExtractor("supervision_frequency"),
}

// FactExtractors lists the extractors ingest runs.
func FactExtractors() []FactExtractor { return slices.Clone(factExtractors) }

// FactTypes lists every fact type an extractor can produce, in table
// order.
func FactTypes() []string {
	var out []string
	for _, x := range factExtractors {
		for _, t := range x.Types {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// FactsOf runs every extractor over a passage's text and list items.
func FactsOf(text string, items []string) []Fact {
	return factsOf(factExtractors, text, items)
}

func factsOf(extractors []FactExtractor, text string, items []string) []Fact {
	var out []Fact
	seen := map[string]bool{} // type and value of the facts stated once
	for _, part := range append([]string{text}, items...) {
		if part == "" {
			continue
		}
		var sentences []factSentence
		tokenized := false
		for _, x := range extractors {
			var facts []Fact
			if x.extractSentences != nil {
				if !tokenized {
					sentences, tokenized = tokenizeSentences(part), true
				}
				facts = x.extractSentences(sentences)
			} else {
				facts = x.Extract(part)
			}
			for _, f := range facts {
				key := f.Type + "\x00" + f.Value.String()
				if x.Once && seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out
}
