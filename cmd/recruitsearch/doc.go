// Command recruitsearch indexes and searches UK council social-work
// recruitment articles from the terminal and serves them over HTTP.
//
// Commands:
//
//	parse FILE...          what ingest makes of a file (article fields, passages)
//	ingest PATH...         add files or folders to an index (--index DIR), or to a server (--server URL)
//	rebuild                regenerate an index from the sources it keeps
//	search QUERY           passages that answer QUERY, with filters and facets
//	show ID                an article with its passages, or one passage
//	articles               the indexed articles
//	stats                  counts per council and topic, index size
//	serve                  the web page and JSON API
//	export --out FOLDER    the passages for OpenSearch/Elasticsearch: index template and bulk NDJSON
//	bench                  indexing and search speed on synthetic articles (package corpus/bench)
//	eval                   ranking quality over judged queries (package corpus/eval)
//	completion SHELL       shell completion script
//
// Without --index and RECRUITSEARCH_INDEX every read command uses the
// embedded seed corpus, indexed in memory at start-up.
//
// The package keeps to one shape: main makes a context that ends on
// SIGINT/SIGTERM and turns run's error into an exit status (1, or 2 for a
// usage or query error); each command is a file with a constructor taking
// the app (streams, environment, logger), an options struct for its flags
// and a run function that does the work.
package main
