// Package index stores passages of recruitment articles in a Bleve index
// and searches them. It is the only package that imports Bleve.
//
// An index lives in a directory: dir/index holds the Bleve (scorch) index,
// one generation at a time named by dir/index/CURRENT, and dir/sources
// keeps the bytes of every source it was built from, zstd-compressed and
// appended to pack files, with a manifest (source name → checksum → pack
// offset → article ids), so Rebuild and OpenRebuilt can always
// regenerate it. Each article's metadata is a stored document beside its
// passages, not a Bleve internal value, so that writes cost the same
// however large the index grows. Compact merges the index into one
// segment after a bulk load. One process writes at a time: a second writer
// gets ErrLocked at once, naming the PID that holds the index. OpenMemory
// makes the same thing in memory, for the embedded corpus.
//
// The mapping scores with BM25. Text fields (text, question, items, a
// context field holding heading and article title, a speaker field
// holding name and role, a council field holding sponsor and region) are
// analysed for English: possessives dropped, lower case, stop words
// removed, Porter stems. A body field holds all of them again, indexed
// only: a query word is one term there. Searches find, count and first
// rank their matches on body, then order the first rescoreWindow hits of
// each tier again on the separate fields with their weights and the
// whole-query phrase boost (a rescore, as Elasticsearch's); a search whose
// words are rare enough is ranked on the separate fields outright.
// council, topic, kind, speaker, role, region, year and published are
// keyword fields with doc values, for facets, filters and sorting. Facets
// are counted from per-segment columns of those doc values held in
// memory (facetcount.go), which gives Bleve's results at a fraction of
// its cost on large match sets. The
// domain synonyms from ingest.Synonyms are a Bleve synonym source; groups
// holding a multi-word member ("multi-agency safeguarding hub", "case
// load"), which Bleve's synonym source cannot hold, are expanded by the
// query compiler as alternative phrases. A words field keeps every word
// unstemmed, unstored, for "did you mean" and completions.
//
// Search takes the syntax of web search engines: words (the passages
// holding all of them first, then those holding only some, marked
// Hit.Partial; Result.Exact counts the first), "quoted phrases",
// -excluded words, field:value for council, topic, kind, speaker, role,
// region and year, prefix*, and OR. A word the index has never seen
// matches the known words within one or two edits and yields a
// Result.Suggestion. Everything else is text: no regular expressions, no
// boosts, no nesting. Limits (query length, clauses, page window,
// expansions, a deadline) hold for every caller.
//
// Rebuild builds a fresh index aside and swaps it in through a Bleve
// IndexAlias; searches running meanwhile finish on the old index, which
// is closed and removed after them. Replace (ingest --rebuild) does the
// same with a generation and sources of its own: one switch (switchTo,
// CURRENT naming both) serves all three. Rebuild refuses with
// ErrIncomplete rather than drop an article it cannot read back.
//
// A marker file (recruitsearch-index.json) makes a directory an index;
// any other non-empty directory is refused with ErrNotIndex and never
// written to. Each write is numbered in both the manifest and the Bleve
// batch, so the lines of a write the index never received (a crash
// between the two) are dropped at the next open. Every open checks
// quickly that the newest snapshot loads and every live segment matches
// its CRC-32; Check verifies everything. A panic inside Bleve or bbolt
// becomes ErrDamaged.
//
// ExportOpenSearch writes the same passages for OpenSearch 2.x or
// Elasticsearch 8.x: an index template generated from the schema table,
// the facet registry, Bleve's English stop words and the domain synonyms
// (opensearch.go), and bulk NDJSON files of bounded size, into a folder
// that is new, empty or an earlier export (ErrNotExport otherwise).
package index
