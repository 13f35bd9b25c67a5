package eval

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// BuiltinName is the file name the built-in set is read from, as errors
// name it.
const BuiltinName = "corpus/eval/queries.json"

// GuardTolerance is how far mean nDCG@10 on the built-in set may fall below
// the recorded value before the regression test fails.
const GuardTolerance = 0.02

//go:embed queries.json
var builtinQueries []byte

//go:embed baseline.json
var baselineJSON []byte

// Builtin returns the judged query set for the embedded seed corpus.
func Builtin() (*Set, error) {
	set, err := ParseQueries(BuiltinName, builtinQueries)
	if err != nil {
		return nil, err
	}
	if err := set.Check(BuiltinName); err != nil {
		return nil, err
	}
	return set, nil
}

// Baseline is the last recorded result of the built-in set on the embedded
// corpus, kept in corpus/eval/baseline.json.
type Baseline struct {
	Queries int    `json:"queries"`
	Mean    Scores `json:"mean"`
	// Note says which ranking produced the figures.
	Note string `json:"note,omitempty"`
}

// Recorded returns the recorded baseline.
func Recorded() (Baseline, error) {
	var b Baseline
	if err := strictJSON(baselineJSON, &b); err != nil {
		return b, fmt.Errorf("corpus/eval/baseline.json: %w", err)
	}
	return b, nil
}

// MarshalBaseline renders a baseline as baseline.json holds it.
func MarshalBaseline(b Baseline) ([]byte, error) {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
