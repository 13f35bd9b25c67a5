package index

import (
	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// ofstedGrades are the values of the ofsted facet, best first.
func ofstedGrades() []string {
	return []string{string(official.Outstanding), string(official.Good), string(official.RequiresImprovement), string(official.Inadequate)}
}

// official is the release whose Ofsted judgements passages record.
func (ix *Index) official() *official.Dataset {
	if ix.opts.Official != nil {
		return ix.opts.Official
	}
	return official.Shipped()
}

// councilOfsted is the latest overall Ofsted judgement of a council as
// the passages name it, or "" when it has none (no ILACS judgement on
// record, a council outside England, a name the gazetteer does not
// know). Each name is looked up once per index.
func (ix *Index) councilOfsted(council string) string {
	if council == "" {
		return ""
	}
	if j, ok := ix.ofsted.Load(council); ok {
		return j.(string)
	}
	var j string
	if _, known := ingest.LookupCouncil(council); known {
		if p, err := ix.official().Lookup(council); err == nil && p.Ofsted.Latest != nil {
			j = string(p.Ofsted.Latest.Overall)
		}
	}
	ix.ofsted.Store(council, j)
	return j
}

// derivedField fills the fields of the schema that need more than the
// passage itself.
func (ix *Index) derivedField(field string, p *ingest.Passage) any {
	switch field {
	case fieldOfsted:
		return ix.councilOfsted(p.Council)
	}
	return nil
}
