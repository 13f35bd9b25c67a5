// Package profile puts a council's official figures beside what the
// articles in an index claim about it: one home for the council profile
// that the CLI (recruitsearch council, councils), the JSON API
// (/api/councils) and the pages (/councils/{id}) all show.
//
// A Profile is an official.Profile (identity, Ofsted, workforce series,
// neighbours, release and attribution) with the council's articles and
// its claims. A Claim is a fact the facts layer found in one of the
// council's passages (ingest.Fact: caseload_average, caseload_max,
// ofsted_judgement, practice_model, pay, supervision_frequency), citing
// that passage, with the official figure of the same kind for the
// reporting year nearest the article's date and a sentence saying how
// the two compare, or why the official figures cannot check it.
//
// The package reads the index through Source, which *index.Index and the
// server's Searcher both satisfy.
package profile
