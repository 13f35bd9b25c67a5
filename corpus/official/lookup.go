package official

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

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
	if p, ok := d.Find(q); ok {
		return p, nil
	}
	return nil, &NotFoundError{Query: q, Closest: d.closest(q, 5)}
}

// Find is Lookup without the closest names of a failed lookup, which
// cost a ranking of every name: for a caller asking of any words whether
// they name a council.
func (d *Dataset) Find(nameOrCode string) (*Profile, bool) {
	q := strings.TrimSpace(nameOrCode)
	if p := d.byID[q]; p != nil {
		return p, true
	}
	if code := strings.ToUpper(q); onsCode.MatchString(code) || dfeCode.MatchString(code) {
		if p := d.byONS[code]; p != nil {
			return p, true
		}
		if p := d.byDfE[code]; p != nil {
			return p, true
		}
		for _, p := range d.others {
			if p.Codes.ONS == code {
				return p, true
			}
		}
	}
	if c, ok := ingest.LookupCouncil(q); ok {
		if p := d.byDfE[c.Codes.DfE]; p != nil && c.Codes.DfE != "" {
			return p, true
		}
		if p := d.others[c.Name]; p != nil {
			return p, true
		}
	}
	k := nameKey(q)
	for _, p := range d.abolished {
		if k != "" && (k == nameKey(p.Name) || k == nameKey(p.Short)) {
			return p, true
		}
	}
	if p := d.byFileName[k]; p != nil {
		return p, true
	}
	return nil, false
}

// closest returns up to n canonical names nearest to q among the
// gazetteer's councils and the abolished authorities.
func (d *Dataset) closest(q string, n int) []string {
	sets := ingest.CouncilNameSets()
	for _, p := range d.abolished {
		sets = append(sets, ingest.NameSet{Name: p.Name, Names: []string{p.Name, p.Short}})
	}
	return ingest.ClosestNames(q, n, sets)
}

// nameKey is a name's distinctive words, lower-cased.
func nameKey(name string) string { return ingest.CouncilNameKey(name) }
