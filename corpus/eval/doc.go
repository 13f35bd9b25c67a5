// Package eval measures search relevance the way Elasticsearch's
// rank-evaluation API does: a set of judged queries, each with graded
// passages (0–3), and the standard ranking metrics over what a search
// returned.
//
// Judgements name a passage by its article (the seed file name or the
// article id) and a short quoted span of the passage's text, so they
// survive changes to passage numbering; Resolve turns them into passage
// ids against parsed articles and refuses a span that matches no passage or
// more than one.
//
// The package is pure: it never imports the index. A caller runs the
// queries through whatever search it has (a SearchFunc) and Run scores the
// rankings. The built-in set for the embedded corpus is Builtin; the mean
// nDCG@10 it last reached is Recorded.
package eval
