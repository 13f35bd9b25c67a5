package server

import (
	"context"
	"errors"

	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// fakeSearcher is a Searcher made of function fields; a nil field fails
// loudly so a test cannot pass by accident.
type fakeSearcher struct {
	SearchFunc   func(ctx context.Context, req index.Request) (*index.Result, error)
	ArticlesFunc func(ctx context.Context) ([]index.ArticleSummary, error)
	ArticleFunc  func(ctx context.Context, id string) (*ingest.Article, error)
	PassageFunc  func(ctx context.Context, id string) (*index.PassageContext, error)
	FacetsFunc   func(ctx context.Context) (map[string][]index.FacetValue, error)
	SuggestFunc  func(ctx context.Context, prefix string, n int) ([]index.Suggestion, error)
	StatsFunc    func(ctx context.Context) (*index.Stats, error)
	// CouncilTopicsFunc answers CouncilTopics.
	CouncilTopicsFunc func(ctx context.Context) ([]index.CouncilTopicRow, error)
}

var errFakeUnset = errors.New("fake: method not set")

func (f *fakeSearcher) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	if f.SearchFunc == nil {
		return nil, errFakeUnset
	}
	return f.SearchFunc(ctx, req)
}

func (f *fakeSearcher) Articles(ctx context.Context) ([]index.ArticleSummary, error) {
	if f.ArticlesFunc == nil {
		return nil, errFakeUnset
	}
	return f.ArticlesFunc(ctx)
}

func (f *fakeSearcher) Article(ctx context.Context, id string) (*ingest.Article, error) {
	if f.ArticleFunc == nil {
		return nil, errFakeUnset
	}
	return f.ArticleFunc(ctx, id)
}

func (f *fakeSearcher) Passage(ctx context.Context, id string) (*index.PassageContext, error) {
	if f.PassageFunc == nil {
		return nil, errFakeUnset
	}
	return f.PassageFunc(ctx, id)
}

func (f *fakeSearcher) Facets(ctx context.Context) (map[string][]index.FacetValue, error) {
	if f.FacetsFunc == nil {
		return nil, errFakeUnset
	}
	return f.FacetsFunc(ctx)
}

func (f *fakeSearcher) Suggest(ctx context.Context, prefix string, n int) ([]index.Suggestion, error) {
	if f.SuggestFunc == nil {
		return nil, errFakeUnset
	}
	return f.SuggestFunc(ctx, prefix, n)
}

func (f *fakeSearcher) Stats(ctx context.Context) (*index.Stats, error) {
	if f.StatsFunc == nil {
		return nil, errFakeUnset
	}
	return f.StatsFunc(ctx)
}

func (f *fakeSearcher) CouncilTopics(ctx context.Context) ([]index.CouncilTopicRow, error) {
	if f.CouncilTopicsFunc == nil {
		return nil, errFakeUnset
	}
	return f.CouncilTopicsFunc(ctx)
}

// fakeWriter is a Writer made of function fields.
type fakeWriter struct {
	IngestFunc  func(ctx context.Context, name string, data []byte) (index.AddReport, error)
	DeleteFunc  func(ctx context.Context, articleID string) error
	RebuildFunc func(ctx context.Context) error
}

func (f *fakeWriter) Ingest(ctx context.Context, name string, data []byte) (index.AddReport, error) {
	if f.IngestFunc == nil {
		return index.AddReport{}, errFakeUnset
	}
	return f.IngestFunc(ctx, name, data)
}

func (f *fakeWriter) Delete(ctx context.Context, id string) error {
	if f.DeleteFunc == nil {
		return errFakeUnset
	}
	return f.DeleteFunc(ctx, id)
}

func (f *fakeWriter) Rebuild(ctx context.Context) error {
	if f.RebuildFunc == nil {
		return errFakeUnset
	}
	return f.RebuildFunc(ctx)
}
