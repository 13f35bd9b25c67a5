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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		list, err := profile.List(r.Context(), s.deps.Searcher, s.official(), profile.ListOptions{Sort: q.Get("sort"), Region: q.Get("region")})
		var bad *profile.OptionError
		if errors.As(err, &bad) {
			err = badParam(bad.Option, "%s", bad.Error())
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, list)
	})
}

// handleCouncilAPI answers GET /api/councils/{id}: the council's profile,
// the JSON `recruitsearch council --json` prints. The id may also be a
// name or an ONS or DfE code; an unknown one is a 404 naming the closest
// councils.
func (s *server) handleCouncilAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		p, err := profile.Find(s.official(), id)
		var nf *official.NotFoundError
		if errors.As(err, &nf) {
			msg := fmt.Sprintf("no council has the id %q", id)
			if len(nf.Closest) > 0 {
				msg += "; closest: " + strings.Join(nf.Closest, ", ")
			}
			err = &messageError{msg: msg, err: index.ErrNotFound}
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		pr, err := profile.Build(r.Context(), s.deps.Searcher, s.official(), p)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, pr)
	})
}
