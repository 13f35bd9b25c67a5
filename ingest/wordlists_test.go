package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// wordListCase is the case every entry of one list must decide: given an
// entry, it reports whether ingest read the case right. The test runs it
// with the entry in its list (it must succeed) and without (it must fail),
// so an entry nothing needs is found.
type wordListCase struct {
	list  string
	set   func(*wordLists) map[string]bool
	right func(t *testing.T, word string) (bool, string)
}

var wordListCases = []wordListCase{
	{"not_names", func(w *wordLists) map[string]bool { return w.notNames }, notNameCase},
	{"speech_verbs", func(w *wordLists) map[string]bool { return w.speechVerbs }, speechVerbCase},
	{"role_heads", func(w *wordLists) map[string]bool { return w.roleHeads }, roleHeadCase},
	{"honorifics", func(w *wordLists) map[string]bool { return w.honorifics }, honorificCase},
	{"role_stop", func(w *wordLists) map[string]bool { return w.roleStop }, roleStopCase},
	{"place_prepositions", func(w *wordLists) map[string]bool { return w.placePrepositions }, placePrepositionCase},
	{"name_connectors", func(w *wordLists) map[string]bool { return w.nameConnectors }, nameConnectorCase},
	{"html_furniture_classes", func(w *wordLists) map[string]bool { return w.htmlFurniture }, htmlFurnitureCase},
	{"html_furniture_whole_classes", func(w *wordLists) map[string]bool { return w.htmlFurnitureWhole }, htmlFurnitureCase},
	{"html_standfirst_classes", func(w *wordLists) map[string]bool { return w.htmlStandfirst }, htmlStandfirstCase},
	{"html_date_classes", func(w *wordLists) map[string]bool { return w.htmlDate }, htmlDateCase},
	{"html_comment_area_classes", func(w *wordLists) map[string]bool { return w.htmlCommentArea }, commentAreaCase},
	{"html_comment_author_classes", func(w *wordLists) map[string]bool { return w.htmlCommentAuthor }, commentAuthorCase},
	{"html_comment_meta_classes", func(w *wordLists) map[string]bool { return w.htmlCommentMeta }, commentMetaCase},
	{"html_comment_skip_classes", func(w *wordLists) map[string]bool { return w.htmlCommentSkip }, commentSkipCase},
	{"furniture_lines", func(w *wordLists) map[string]bool { return w.furnitureLines }, furnitureLineCase},
	{"not_council_after", func(w *wordLists) map[string]bool { return w.notCouncilAfter }, notCouncilAfterCase},
}

// TestWordListEntriesAreNeeded holds every entry of data/words.json to a
// case that fails without it (issue 10: several entries existed for one
// seed sentence and nothing tested them).
func TestWordListEntriesAreNeeded(t *testing.T) {
	lists := loadWordLists()
	var f wordListFile
	mustLoadJSON("data/words.json", &f)
	for _, c := range wordListCases {
		t.Run(c.list, func(t *testing.T) {
			set := c.set(lists)
			for _, word := range f.Lists[c.list].Words {
				if ok, got := c.right(t, word); !ok {
					t.Errorf("%q: wrong with the entry: %s", word, got)
					continue
				}
				delete(set, word)
				ok, got := c.right(t, word)
				set[word] = true
				if ok {
					t.Errorf("%q: nothing needs it (right without it too: %s)", word, got)
				}
			}
		})
	}
	var names []string
	for name := range f.Lists {
		names = append(names, name)
	}
	for _, c := range wordListCases {
		names = slices.DeleteFunc(names, func(n string) bool { return n == c.list })
	}
	if len(names) > 0 {
		t.Errorf("lists with no case: %v", names)
	}
}

// mentioned is who the cast finds in text, as "Name (role)".
func mentioned(text string) []string {
	var c cast
	var out []string
	for _, m := range c.mentions(text) {
		out = append(out, m.who.Name)
	}
	return out
}

// A word before a name is not part of it: "However Jean Ross, team manager".
func notNameCase(_ *testing.T, word string) (bool, string) {
	got := mentioned(word + " Jean Ross, team manager, runs the hub.")
	return slices.Equal(got, []string{"Jean Ross"}), fmt.Sprint(got)
}

// A speech verb after a quotation names its speaker: "‹Q› adds Jean Ross."
func speechVerbCase(_ *testing.T, word string) (bool, string) {
	var c cast
	who, explicit := c.attribution(quoteMarker + " " + word + " Jean Ross.")
	if who == nil {
		return false, "nobody"
	}
	return explicit && who.Name == "Jean Ross", who.Name
}

// A role noun after a name makes the name a person: "Jean Ross, team
// leader, runs the hub."
func roleHeadCase(_ *testing.T, word string) (bool, string) {
	got := mentioned("Jean Ross, team " + word + ", runs the hub.")
	return slices.Equal(got, []string{"Jean Ross"}), fmt.Sprint(got)
}

// An honorific is not part of the name: "says Dr Jean Ross".
func honorificCase(_ *testing.T, word string) (bool, string) {
	got := mentioned("“We meet weekly,” says " + word + " Jean Ross.")
	return slices.Equal(got, []string{"Jean Ross"}), fmt.Sprint(got)
}

// A job title read backwards stops at the word: "… and principal social
// worker Jean Ross" is a principal social worker, not an "and principal
// social worker".
func roleStopCase(_ *testing.T, word string) (bool, string) {
	before := roleBefore("We met " + word + " principal social worker ")
	after := roleAfter(", principal social worker " + word + " reviews")
	return before == "principal social worker" && after == "principal social worker", before + " / " + after
}

// Capitalised words after a place preposition are a place: "a social
// worker in Taunton explains" introduces nobody.
func placePrepositionCase(_ *testing.T, word string) (bool, string) {
	got := mentioned("“We meet weekly,” a social worker " + word + " Taunton explains.")
	return len(got) == 0, fmt.Sprint(got)
}

// An organisation's name may hold the connector: "Vale of Harbourside Council".
func nameConnectorCase(_ *testing.T, word string) (bool, string) {
	name := "Vale " + word + " Harbourside Council"
	return looksLikeOrgName(name), name
}

// parseHTMLArticle parses an HTML page and returns its article.
func parseHTMLArticle(t *testing.T, page string) *Article {
	t.Helper()
	arts, err := ParseContext(context.Background(), "case.html", []byte(page), Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("%d articles, %v", len(arts), err)
	}
	return arts[0]
}

func allPassageText(a *Article) string {
	b, _ := json.Marshal(a.Passages)
	return string(b)
}

const caseBody = `<h1>Pods in Medway</h1><p>Medway has small pods with a practice manager in each of them.</p>`

// An element with a furniture class is left out: <div class="share">.
func htmlFurnitureCase(t *testing.T, word string) (bool, string) {
	a := parseHTMLArticle(t, `<html><body><article>`+caseBody+`<div class="`+word+`"><p>Furniture marker that is no part of the article.</p></div></article></body></html>`)
	text := allPassageText(a)
	return !strings.Contains(text, "Furniture marker"), text
}

// A byline dropped as furniture still gives the article's date.
// (A line that reads as a byline or dateline on its own, "By Sam Jones, 12th
// April 2022", is read from any furniture; the class is needed for one that
// does not.)
func htmlDateCase(t *testing.T, word string) (bool, string) {
	a := parseHTMLArticle(t, `<html><body><article><h1>Pods in Medway</h1><p class="`+word+`">Sam Jones, workforce team, <span>12th April 2022</span></p>`+caseBody+`</article></body></html>`)
	return a.Published == "2022-04-12" && !a.PublishedEstimated, a.Published
}

// A paragraph with a standfirst class is the standfirst.
func htmlStandfirstCase(t *testing.T, word string) (bool, string) {
	a := parseHTMLArticle(t, `<html><body><article><h1>Pods in Medway</h1><p class="`+word+`">How small pods keep caseloads down in Medway.</p><p>Medway has small pods with a practice manager in each of them.</p></article></body></html>`)
	return a.Standfirst == "How small pods keep caseloads down in Medway.", a.Standfirst
}

// commentPage is an article followed by a comment list of one comment.
func commentPage(areaClass, comment string) string {
	return `<html><body><article>` + caseBody + `</article><ol class="` + areaClass + `"><li>` + comment + `</li></ol></body></html>`
}

// comments returns an article's comment passages as "author|date|text".
func comments(a *Article) []string {
	var out []string
	for _, p := range passagesOf(a, KindComment) {
		out = append(out, p.Speaker+"|"+p.Date+"|"+p.Text)
	}
	return out
}

// A list with a comment-area class holds the reader comments.
func commentAreaCase(t *testing.T, word string) (bool, string) {
	got := comments(parseHTMLArticle(t, commentPage(word, `<span class="fn">Ann Lee</span><p>Great piece about pods.</p>`)))
	return slices.Equal(got, []string{"Ann Lee||Great piece about pods."}), fmt.Sprint(got)
}

// An element with an author class names the comment's author.
func commentAuthorCase(t *testing.T, word string) (bool, string) {
	got := comments(parseHTMLArticle(t, commentPage("commentlist", `<div class="`+word+`">Ann Lee</div><p>Great piece about pods.</p>`)))
	return slices.Equal(got, []string{"Ann Lee||Great piece about pods."}), fmt.Sprint(got)
}

// An element with a meta class holds the comment's date.
func commentMetaCase(t *testing.T, word string) (bool, string) {
	got := comments(parseHTMLArticle(t, commentPage("commentlist", `<span class="fn">Ann Lee</span><div class="`+word+`">13 January 2014</div><p>Great piece about pods.</p>`)))
	return slices.Equal(got, []string{"Ann Lee|2014-01-13|Great piece about pods."}), fmt.Sprint(got)
}

// An element with a skip class is no part of the comment's text.
func commentSkipCase(t *testing.T, word string) (bool, string) {
	got := comments(parseHTMLArticle(t, commentPage("commentlist", `<span class="fn">Ann Lee</span><p>Great piece about pods.</p><span class="`+word+`">Skipped words</span>`)))
	return slices.Equal(got, []string{"Ann Lee||Great piece about pods."}), fmt.Sprint(got)
}

// A furniture line between paragraphs is neither a passage nor a heading.
func furnitureLineCase(t *testing.T, word string) (bool, string) {
	line := strings.ToUpper(word[:1]) + word[1:]
	text := "Pods in Medway\n\nMedway has small pods with a practice manager in each.\n\n" + line +
		"\n\nEvery pod meets weekly to talk about its families.\n"
	arts, err := Parse("case.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(arts[0].Passages)
	return !strings.Contains(strings.ToLower(string(b)), `"`+word), string(b)
}

// A place followed by the word is not the council: "Kent Police".
func notCouncilAfterCase(_ *testing.T, word string) (bool, string) {
	got := FindCouncils("We work closely with Kent " + strings.ToUpper(word[:1]) + word[1:] + " every day.")
	return len(got) == 0, fmt.Sprint(got)
}
