package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/profile"
)

// handleCouncilsAPI answers GET /api/councils[?sort=…][&region=…]: every
// English local authority with children's social care duties, with its
// latest Ofsted judgement and caseload and its number of articles.
func (s *server) handleCouncilsAPI() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		q := r.URL.Query()
		list, err := profile.List(r.Context(), s.deps.Searcher, s.official(), profile.ListOptions{Sort: q.Get("sort"), Region: q.Get("region")})
		if bad := (*profile.OptionError)(nil); errors.As(err, &bad) {
			return nil, badParam(bad.Option, "%s", bad.Error())
		}
		return list, err
	})
}

// handleCouncilAPI answers GET /api/councils/{id}: the council's profile,
// the JSON `recruitsearch council --json` prints. The id may also be a
// name or an ONS or DfE code; an unknown one is a 404 naming the closest
// councils.
func (s *server) handleCouncilAPI() http.Handler {
	return s.answerJSON(func(r *http.Request) (any, error) {
		id := mux.Vars(r)["id"]
		p, err := profile.Find(s.official(), id)
		if nf := (*official.NotFoundError)(nil); errors.As(err, &nf) {
			msg := fmt.Sprintf("no council has the id %q", id)
			if len(nf.Closest) > 0 {
				msg += "; closest: " + strings.Join(nf.Closest, ", ")
			}
			return nil, &messageError{msg: msg, err: index.ErrNotFound}
		}
		if err != nil {
			return nil, err
		}
		return profile.Build(r.Context(), s.deps.Searcher, s.official(), p)
	})
}
