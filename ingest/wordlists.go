package ingest

import (
	"fmt"
	"sync"
)

// wordLists are the heuristic word lists of data/words.json, as sets.
// Like the councils, topics and roles they are data with tests: each
// entry has a case in wordlists_test.go that fails without it.
type wordLists struct {
	notNames, speechVerbs, roleHeads, honorifics, roleStop, placePrepositions, nameConnectors map[string]bool

	htmlFurniture, htmlFurnitureWhole, htmlStandfirst, htmlDate          map[string]bool
	htmlCommentArea, htmlCommentAuthor, htmlCommentMeta, htmlCommentSkip map[string]bool

	furnitureLines, notCouncilAfter map[string]bool
}

// wordListFile is the layout of data/words.json.
type wordListFile struct {
	Lists map[string]struct {
		Use   string   `json:"use"`
		Words []string `json:"words"`
	} `json:"lists"`
}

var loadWordLists = sync.OnceValue(func() *wordLists {
	var f wordListFile
	mustLoadJSON("data/words.json", &f)
	set := func(name string) map[string]bool {
		l, ok := f.Lists[name]
		if !ok {
			panic(fmt.Sprintf("ingest: data/words.json has no list %q", name))
		}
		m := make(map[string]bool, len(l.Words))
		for _, w := range l.Words {
			m[w] = true
		}
		return m
	}
	return &wordLists{
		notNames: set("not_names"), speechVerbs: set("speech_verbs"), roleHeads: set("role_heads"),
		honorifics: set("honorifics"), roleStop: set("role_stop"), placePrepositions: set("place_prepositions"),
		nameConnectors: set("name_connectors"),
		htmlFurniture:  set("html_furniture_classes"), htmlFurnitureWhole: set("html_furniture_whole_classes"),
		htmlStandfirst: set("html_standfirst_classes"), htmlDate: set("html_date_classes"),
		htmlCommentArea:   set("html_comment_area_classes"),
		htmlCommentAuthor: set("html_comment_author_classes"), htmlCommentMeta: set("html_comment_meta_classes"),
		htmlCommentSkip: set("html_comment_skip_classes"),
		furnitureLines:  set("furniture_lines"), notCouncilAfter: set("not_council_after"),
	}
})
