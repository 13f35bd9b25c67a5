package server

import (
	"context"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Searcher is what the server needs from an index. *index.Index satisfies
// it; tests use a small fake with function fields.
type Searcher interface {
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	Articles(ctx context.Context) ([]index.ArticleSummary, error)
	Article(ctx context.Context, id string) (*ingest.Article, error)
	Passage(ctx context.Context, id string) (*index.PassageContext, error)
	Facets(ctx context.Context) (map[string][]index.FacetValue, error)
	Suggest(ctx context.Context, prefix string, n int) ([]index.Suggestion, error)
	Stats(ctx context.Context) (*index.Stats, error)
	// CouncilTopics counts every council's passages per topic in one
	// pass, for the /compare heat map.
	CouncilTopics(ctx context.Context) ([]index.CouncilTopicRow, error)
}

// Writer is what the server needs to change an index (the live-update API).
// It is optional: without one, every write answers 403.
type Writer interface {
	// Ingest parses one source file (text, HTML, Markdown or JSON lines;
	// name is a filename hint for the format), keeps it and indexes it.
	Ingest(ctx context.Context, name string, data []byte) (index.AddReport, error)
	Delete(ctx context.Context, articleID string) error
	Rebuild(ctx context.Context) error
}
