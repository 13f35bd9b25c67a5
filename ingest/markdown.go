package ingest

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// markdownParser is goldmark's CommonMark parser; parsing keeps no state
// between documents, so one serves every call.
// GitHub's tables are read too: agency profiles and blogs put an "at a
// glance" box in one.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()

// parseMarkdown reads a Markdown article: an optional front matter block
// (title, council or sponsor, date or published, url, standfirst), the
// first level-one heading as the title when the front matter has none,
// then headings, paragraphs, lists and block quotes.
func parseMarkdown(name, src string) (*Document, error) {
	src = strings.ToValidUTF8(src, "\uFFFD") // Parse decodes first; direct callers may not
	doc := &Document{Name: name, Format: FormatMarkdown}
	src = readFrontMatter(src, doc)
	src, feedTitle := skipFeedHeader(src, doc)
	source := []byte(src)
	root := markdownParser.Parse(text.NewReader(source))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		addMarkdownBlock(doc, n, source)
	}
	doc.Blocks = markBoldQuestions(doc.Blocks)
	if doc.Title == "" && feedTitle != "" {
		doc.Title = feedTitle
	}
	if doc.Title == "" && len(doc.Blocks) > 1 && doc.Blocks[0].Kind == BlockHeading {
		// No level-one heading: the heading the article opens with is
		// its title ("## Hull's children's services are recruiting").
		doc.Title = doc.Blocks[0].Text
		doc.Blocks = doc.Blocks[1:]
	}
	if len(doc.Blocks) == 0 {
		return nil, ErrNoArticle
	}
	return doc, nil
}

func addMarkdownBlock(doc *Document, n ast.Node, src []byte) {
	add := func(b Block) {
		if b.Text != "" || len(b.Items) > 0 {
			doc.Blocks = append(doc.Blocks, b)
		}
	}
	switch n := n.(type) {
	case *ast.Heading:
		t := markdownInline(n, src)
		if n.Level == 1 && (doc.Title == "" || strings.EqualFold(t, doc.Title)) {
			if doc.Title == "" {
				doc.Title = t
			}
			return
		}
		add(Block{Kind: BlockHeading, Level: min(max(n.Level, 2), 4), Text: t})
	case *ast.Paragraph, *ast.TextBlock:
		t := markdownInline(n, src)
		if t == "" && hasImage(n) {
			return // an image on its own: furniture
		}
		bold := ""
		if e, ok := n.FirstChild().(*ast.Emphasis); ok && e.Level == 2 {
			bold = markdownInline(e, src)
			if q, answer, ok := splitBoldQuestion(t, bold); ok {
				add(Block{Kind: BlockParagraph, Text: q, Bold: q})
				add(Block{Kind: BlockParagraph, Text: answer})
				return
			}
		}
		add(Block{Kind: BlockParagraph, Text: t, Bold: bold})
	case *ast.List:
		add(Block{Kind: BlockList, Items: markdownItems(n, src)})
	case *ast.Blockquote:
		var paras []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t := markdownBlockText(c, src); t != "" {
				paras = append(paras, t)
			}
		}
		add(Block{Kind: BlockQuote, Text: strings.Join(paras, "\n")})
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		add(Block{Kind: BlockParagraph, Text: cleanLines(string(n.Lines().Value(src)))})
	case *ast.HTMLBlock:
		// Raw HTML in Markdown: keep its words, not its tags.
		raw := string(n.Lines().Value(src))
		if n.HasClosure() {
			raw += string(n.ClosureLine.Value(src))
		}
		add(Block{Kind: BlockParagraph, Text: htmlFragmentText(raw)})
	case *east.Table:
		add(Block{Kind: BlockList, Items: markdownTableRows(n, src)})
	case *ast.ThematicBreak:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			addMarkdownBlock(doc, c, src)
		}
	}
}

// markdownTableRows reads a table as list items, one a row: "Key: value"
// for a table of two columns without a header ("| **Ofsted** | Good |"),
// else each cell after its column's header ("Team: Assessment; Base:
// Stevenage"), or the cells alone.
func markdownTableRows(t *east.Table, src []byte) []string {
	var header []string
	var items []string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, cleanSpace(markdownInline(c, src)))
		}
		if _, ok := r.(*east.TableHeader); ok {
			header = cells
			continue
		}
		named := slices.ContainsFunc(header, func(h string) bool { return h != "" })
		var parts []string
		if !named && len(cells) == 2 && cells[0] != "" && cells[1] != "" {
			parts = append(parts, strings.TrimRight(cells[0], ": ")+": "+cells[1])
		} else {
			for i, cell := range cells {
				switch {
				case cell == "":
				case named && i < len(header) && header[i] != "":
					parts = append(parts, header[i]+": "+cell)
				default:
					parts = append(parts, cell)
				}
			}
		}
		if len(parts) > 0 {
			items = append(items, strings.Join(parts, "; "))
		}
	}
	return items
}

// markdownItems flattens a list: each item's own text, then the items of
// any list nested in it.
func markdownItems(list *ast.List, src []byte) []string {
	var items []string
	for li := list.FirstChild(); li != nil; li = li.NextSibling() {
		var parts []string
		var nested []string
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				nested = append(nested, markdownItems(l, src)...)
				continue
			}
			if t := markdownBlockText(c, src); t != "" {
				parts = append(parts, t)
			}
		}
		if t := cleanSpace(strings.Join(parts, " ")); t != "" {
			items = append(items, t)
		}
		items = append(items, nested...)
	}
	return items
}

// markdownBlockText is the text of a block inside a list item or quote.
func markdownBlockText(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return markdownInline(n, src)
	case *ast.List:
		return strings.Join(markdownItems(n, src), "\n")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return cleanLines(string(n.Lines().Value(src)))
	case *ast.HTMLBlock:
		return htmlFragmentText(string(n.Lines().Value(src)))
	}
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t := markdownBlockText(c, src); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

// markdownInline is the text of a block's inline content: soft line
// breaks become spaces, hard ones line breaks; images and raw HTML tags
// are dropped; entities and backslash escapes are resolved.
func markdownInline(n ast.Node, src []byte) string {
	var b bytes.Buffer
	var rec func(ast.Node)
	rec = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			switch {
			case n.HardLineBreak():
				b.WriteByte('\n')
			case n.SoftLineBreak():
				b.WriteByte(' ')
			}
			return
		case *ast.String:
			b.Write(n.Value)
			return
		case *ast.AutoLink:
			b.Write(n.Label(src))
			return
		case *ast.Image:
			return
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				first := n.Segments.At(0)
				if bytes.HasPrefix(bytes.ToLower(first.Value(src)), []byte("<br")) {
					b.WriteByte('\n')
				}
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			rec(c)
		}
	}
	rec(n)
	out := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b.Bytes())))
	return cleanLines(string(out))
}

func hasImage(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := c.(*ast.Image); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// htmlFragmentText is the visible text of an HTML fragment.
func htmlFragmentText(raw string) string {
	nodes, err := html.ParseFragment(strings.NewReader(raw), nil)
	if err != nil {
		return ""
	}
	var parts []string
	for _, n := range nodes {
		if n.Type == html.ElementNode && (isHTMLFurniture(n) || n.Data == "script" || n.Data == "style") {
			continue
		}
		parts = append(parts, renderInline(n))
	}
	return cleanLines(strings.Join(parts, " "))
}

// readFrontMatter takes a leading "---" block of "key: value" lines,
// fills the document fields it names and returns the rest of the text.
// Only flat keys are read; a block that is not closed is left as text.
func readFrontMatter(src string, doc *Document) string {
	if !strings.HasPrefix(src, "---\n") {
		return src
	}
	end := strings.Index(src[4:], "\n---")
	if end < 0 {
		return src
	}
	block := src[4 : 4+end]
	rest := src[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
		rest = rest[i+1:]
	} else if strings.TrimSpace(rest) == "" {
		rest = ""
	}
	for _, line := range strings.Split(block, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '"' && value[len(value)-1] == '"' || value[0] == '\'' && value[len(value)-1] == '\'') {
			value = value[1 : len(value)-1]
		}
		value = cleanSpace(value)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			doc.Title = value
		case "council", "sponsor", "employer":
			doc.Sponsor = value
		case "date", "published", "published_at", "publishdate", "pubdate", "date_published", "published_date":
			// Hugo's publishDate, Ghost's published_at, an export's pubdate.
			if d, ok := isoDate(value); ok || doc.Published == "" {
				doc.Published = d
			}
		case "url", "canonical", "link", "canonical_url", "canonicalurl", "permalink", "source_url", "original_url":
			// A Jekyll permalink is often a path: webURL keeps only an
			// absolute address.
			if webURL(value) != "" || doc.URL == "" {
				doc.URL = value
			}
		case "standfirst", "summary", "description":
			doc.Standfirst = value
		}
	}
	return rest
}
