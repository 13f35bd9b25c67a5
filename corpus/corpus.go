// Package corpus holds the default corpus: the seed recruitment articles,
// embedded in the binary so every command works with no index at all.
// The judged queries for relevance evaluation live in corpus/eval and the
// synthetic-article generator for scale tests in corpus/synth; synthetic
// articles are never part of the default corpus.
package corpus

import (
	"embed"
	"io/fs"
)

//go:embed articles
var articles embed.FS

// File is one embedded source article.
type File struct {
	Name string // path relative to the corpus, e.g. "articles/000_….txt"
	Data []byte
}

// Files returns the embedded seed articles in name order.
func Files() []File {
	var files []File
	// fs.WalkDir over an embed.FS cannot fail except on a programming error
	// (a bad root), which the tests would catch.
	_ = fs.WalkDir(articles, "articles", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := articles.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, File{Name: path, Data: data})
		return nil
	})
	return files
}

// FS returns the embedded articles as a file system rooted at "articles".
func FS() fs.FS {
	sub, _ := fs.Sub(articles, "articles")
	return sub
}
