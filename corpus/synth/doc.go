// Package synth generates synthetic recruitment articles for scale tests
// and benchmarks: council-sponsored features in the genre of the seed
// corpus, with "60 seconds with…" interviews, narrative sections with
// attributed quotes, headings, bulleted lists with a lead-in and reader
// comments.
//
// Sponsors come from the ingest gazetteer (ingest.Councils) and every
// passage is written around a topic of the ingest taxonomy (ingest.Topics),
// so facets, topics and synonyms behave as they do on real articles. The
// running text draws its words with a Zipf distribution from a few
// thousand words of the genre, so term statistics look like a real corpus
// rather than one sentence repeated.
//
// Everything here is fictional and says so: every title starts with
// "Synthetic article", the people are random combinations of common
// given and family names, and file names start with "synthetic-". The
// generator is never used for the default corpus.
//
// Output is deterministic: the same seed and article number always give
// the same bytes, whatever order or goroutine articles are made in.
package synth
