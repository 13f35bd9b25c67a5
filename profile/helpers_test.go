package profile_test

import (
	"context"
	"sync"
	"testing"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/profile"
)

// seedIndex is the embedded seed corpus indexed in memory, built once
// for the package's tests.
var seedIndex = sync.OnceValues(func() (*index.Index, error) {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		return nil, err
	}
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
			return nil, err
		}
	}
	return ix, nil
})

func mustSeedIndex(tb testing.TB) *index.Index {
	tb.Helper()
	ix, err := seedIndex()
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// mustBuild is the full profile of a council of the shipped release over
// the seed index.
func mustBuild(tb testing.TB, name string) *profile.Profile {
	tb.Helper()
	p, err := profile.Find(official.Shipped(), name)
	if err != nil {
		tb.Fatal(err)
	}
	pr, err := profile.Build(tb.Context(), mustSeedIndex(tb), official.Shipped(), p)
	if err != nil {
		tb.Fatal(err)
	}
	return pr
}
