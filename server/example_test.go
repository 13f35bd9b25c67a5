package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/index"
	"github.com/recruitsearch/recruitsearch/server"
)

// Serve the embedded seed corpus from an in-memory index and ask the JSON
// API for the councils' facet.
func ExampleNew() {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		panic(err)
	}
	defer ix.Close()
	for _, f := range corpus.Files() {
		if _, err := ix.Ingest(context.Background(), f.Name, f.Data); err != nil {
			panic(err)
		}
	}

	h := server.New(server.Deps{Searcher: ix}) // no Writer, no Token: read-only
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/api/search?q=supervision&council=Kent&size=1")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	fmt.Println(strings.Contains(string(body), `"council":"Kent County Council"`))

	// Writes are refused unless the server has a token and a writer.
	resp, err = srv.Client().Post(srv.URL+"/api/admin/rebuild", "", nil)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// 200 application/json; charset=utf-8
	// true
	// 403
}
