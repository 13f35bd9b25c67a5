// Package bench measures how fast recruitsearch indexes and answers at
// scale, on synthetic articles.
//
// Run generates Config.Articles articles with corpus/synth, parses them on
// every core and indexes them into a fresh on-disk index, closes it and
// reopens it read-only, then runs a query mix for Config.Duration twice:
// in-process on one goroutine, and over HTTP (server.New behind a loopback
// listener) from Config.Clients concurrent clients. It returns the figures
// as a Report, whose JSON is what `recruitsearch bench --json` prints.
//
// QueryMix draws the built-in mix from indexed passages, so every query is
// about words the corpus holds; ParseQueries reads a file of one query per
// line instead. An Exporter writes passages as JSON lines so that other
// engines can be measured on the same data; Run streams them out as they
// are indexed, so its memory does not grow with the corpus. With
// Config.ExportQueries, Run draws PlainQueryMix instead (words, phrases,
// broad and misspelt words, nothing a line of text cannot carry) and
// writes the queries it runs with WriteQueries, so other engines run the
// same queries; peers.sh in this directory runs the peers' harnesses
// (../shared/peers) that way, side by side with the bench.
//
// The package sits under corpus beside synth and eval, the other packages
// that feed synthetic or judged material through the engine. It is at the
// end of the data flow, as cmd is: it imports ingest, index and server, and
// nothing imports it.
package bench
