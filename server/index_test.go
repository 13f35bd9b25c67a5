package server

import "github.com/recruitsearch/recruitsearch/index"

// The real index is what the server runs on.
var (
	_ Searcher = (*index.Index)(nil)
	_ Writer   = (*index.Index)(nil)
)
