package index_test

import (
	"context"
	"fmt"
	"log"

	"github.com/recruitsearch/recruitsearch/corpus"
	"github.com/recruitsearch/recruitsearch/index"
)

// Ingest many files at once; each is acknowledged, in order, once the
// batch holding it is durable. A file that cannot be parsed is
// acknowledged with its error and the others go on.
func ExampleIndex_IngestFiles() {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	var files []index.SourceFile
	for _, f := range corpus.Files()[:2] {
		files = append(files, index.SourceFile{Name: f.Name, Data: f.Data})
	}
	files = append(files, index.SourceFile{Name: "empty.txt"})

	total, err := ix.IngestFiles(context.Background(), files, func(r index.FileResult) {
		if r.Err != nil {
			fmt.Println("failed:", r.Err)
			return
		}
		fmt.Printf("%s: %d added\n", r.Name, r.Report.Added)
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(total.Added, "articles in all")
	// Output:
	// articles/000_911ea07976163ea1.txt: 1 added
	// articles/001_1c527e1c27de98fd.txt: 1 added
	// failed: empty.txt: empty file
	// 2 articles in all
}
