package ingest

import (
	"encoding/json"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML reads an article page as saved from a news site or a
// council's careers site into a Document: the body of the article (the
// <article> or <main> element, or failing those the element holding the
// most paragraph text), its metadata, and any reader comments. Page
// furniture (scripts, navigation, headers and footers, share bars, cookie
// banners, related-article lists) is left out.
func parseHTML(name, text string) (*Document, error) {
	text = strings.ToValidUTF8(text, "\uFFFD") // Parse decodes first; direct callers may not
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err // x/net/html only fails on reader errors
	}
	removeElements(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Object, atom.Canvas, atom.Button, atom.Select, atom.Input, atom.Textarea:
			return n.DataAtom != atom.Script || !isJSONLD(n)
		}
		return isEditorNote(n)
	})
	doc := &Document{Name: name, Format: FormatHTML}
	readHTMLMeta(root, doc)

	comments := findComments(root)
	body := articleRoot(root)
	w := &blockWriter{doc: doc}
	if label, ok := sponsorLabelAbove(root, body); ok {
		w.add(Block{Kind: BlockParagraph, Text: label})
	}
	if h1 := firstElement(body, atom.H1); h1 != nil && doc.Title == "" {
		doc.Title = inlineText(h1)
	}
	if doc.Title == "" {
		if h1 := firstElement(root, atom.H1); h1 != nil {
			doc.Title = inlineText(h1)
		}
	}
	if doc.Title == "" {
		doc.Title = pageTitle(root)
	}
	if doc.Title == "" {
		// A word processor's export has no <title> or <h1>: its Title
		// style is a paragraph of class "title".
		if t := findElement(body, func(n *html.Node) bool { return hasClassWord(n, "title") }); t != nil {
			doc.Title = inlineText(t)
		}
	}
	w.walk(body)
	w.flush()
	doc.Blocks = markBoldQuestions(doc.Blocks)
	if doc.Published == "" {
		doc.Published = datelineAbove(root, body)
	}
	if doc.Published == "" {
		if t := firstElement(body, atom.Time); t != nil {
			doc.Published, _ = isoDate(attr(t, "datetime"))
		}
	}
	if doc.Published == "" {
		if t := firstElement(root, atom.Time); t != nil && !insideComment(t) {
			doc.Published, _ = isoDate(attr(t, "datetime"))
		}
	}
	for _, c := range comments {
		doc.Blocks = append(doc.Blocks, readComment(c))
	}
	if len(doc.Blocks) == 0 {
		return nil, ErrNoArticle
	}
	return doc, nil
}

// readHTMLMeta fills the document's metadata from <head>: og:title,
// article:published_time, the canonical link, JSON-LD, a council's own
// site name.
func readHTMLMeta(root *html.Node, doc *Document) {
	var ogTitle, ogURL, siteName string
	eachElement(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			if key == "" {
				key = strings.ToLower(attr(n, "itemprop"))
			}
			content := cleanSpace(attr(n, "content"))
			switch key {
			case "og:title", "twitter:title":
				if ogTitle == "" {
					ogTitle = content
				}
			case "og:url":
				ogURL = content
			case "og:site_name":
				siteName = content
			case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publish-date", "sailthru.date", "parsely-pub-date":
				if doc.Published == "" {
					doc.Published, _ = isoDate(content)
				}
			case "description", "og:description":
				// Not the standfirst: sites often fill it with the first
				// paragraph, which would then be indexed twice.
			}
		case atom.Link:
			if hasToken(attr(n, "rel"), "canonical") && doc.URL == "" {
				doc.URL = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			readJSONLD(textContent(n), doc)
		}
		return true
	})
	if doc.URL == "" {
		doc.URL = ogURL
	}
	if doc.Title == "" {
		doc.Title = ogTitle
	}
	if doc.Sponsor == "" && siteName != "" {
		// A council's careers page names the council as the site; a news
		// site's name is not the sponsor.
		if _, ok := LookupCouncil(siteName); ok {
			doc.Sponsor = siteName
		}
	}
	if doc.Sponsor == "" {
		// "Why I stayed | Careers | Hackney Council": the site is the
		// council's own.
		if c, ok := titleSiteCouncil(root); ok {
			doc.Sponsor = c
		}
	}
	if doc.Sponsor == "" {
		if c, ok := siteOwnerCouncil(root); ok {
			doc.Sponsor = c
		}
	}
}

// siteOwnerCouncil is the council a page's footer names as the owner of
// the site ("© 2024 London Borough of Ealing") or its header's logo
// names ("Ealing Council logo"): a council's own careers page, which may
// call it only "the borough" in its text. A news site's footer names its
// publisher, which is no council.
func siteOwnerCouncil(root *html.Node) (string, bool) {
	var found []string
	eachElement(root, func(n *html.Node) bool {
		switch {
		case n.DataAtom == atom.Footer || strings.EqualFold(attr(n, "role"), "contentinfo"):
			for _, line := range strings.Split(cleanLines(renderChildren(n)), "\n") {
				if _, after, ok := strings.Cut(line, "©"); ok {
					found = append(found, councilsIn(after)...)
				} else if i := strings.Index(strings.ToLower(line), "copyright"); i >= 0 {
					found = append(found, councilsIn(line[i:])...)
				}
			}
			return false
		case n.DataAtom == atom.Img && strings.Contains(strings.ToLower(attr(n, "alt")), "logo") && insideHeader(n):
			found = append(found, councilsIn(attr(n, "alt"))...)
		}
		return true
	})
	slices.Sort(found)
	if found = slices.Compact(found); len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// councilsIn are the names of the councils text names.
func councilsIn(text string) []string {
	var names []string
	for _, c := range FindCouncils(text) {
		names = append(names, c.Name)
	}
	return names
}

// insideHeader reports whether n sits in a page's <header> or banner.
func insideHeader(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Header || strings.EqualFold(attr(p, "role"), "banner") {
			return true
		}
	}
	return false
}

// renderChildren is renderInline of n's children, for an element that
// renderInline would drop as furniture.
func renderChildren(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(renderInline(c))
		b.WriteString("\n")
	}
	return b.String()
}

// readJSONLD takes the publication date, headline and sponsor from a
// schema.org block, looking through @graph and arrays.
func readJSONLD(src string, doc *Document) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && doc.Published == "" {
				doc.Published, _ = isoDate(s)
			}
			if s, ok := x["headline"].(string); ok && doc.Title == "" {
				doc.Title = cleanSpace(s)
			}
			if s, ok := x["url"].(string); ok && doc.URL == "" && isArticleType(x["@type"]) {
				doc.URL = s
			}
			if sp, ok := x["sponsor"].(map[string]any); ok && doc.Sponsor == "" {
				doc.Sponsored = true
				if s, ok := sp["name"].(string); ok {
					doc.Sponsor = cleanSpace(s)
				}
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
}

func isArticleType(t any) bool {
	s, _ := t.(string)
	return strings.HasSuffix(s, "Article") || s == "BlogPosting" || s == "WebPage"
}

func isJSONLD(n *html.Node) bool {
	return strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json")
}

// articleRoot picks the element that holds the article body: the
// <article> (the one with most paragraph text when there are several, as
// on pages that list related stories as articles), <main> or role=main,
// or else the element with the most text in its own paragraphs.
func articleRoot(root *html.Node) *html.Node {
	var best *html.Node
	bestLen := 0
	eachElement(root, func(n *html.Node) bool {
		if n.DataAtom == atom.Article && !isHTMLFurniture(n) && !isCommentArea(n) {
			if l := paragraphTextLen(n); best == nil || l > bestLen {
				best, bestLen = n, l
			}
		}
		return true
	})
	if best != nil && bestLen > 0 {
		return best
	}
	if m := findElement(root, func(n *html.Node) bool {
		return n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main")
	}); m != nil {
		return m
	}
	// Densest block: the element whose child paragraphs hold most text.
	best, bestLen = nil, 0
	eachElement(root, func(n *html.Node) bool {
		if isHTMLFurniture(n) || isCommentArea(n) {
			return false
		}
		l := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.Blockquote || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || c.DataAtom == atom.H2 || c.DataAtom == atom.H3) {
				l += len(textContent(c))
			}
			if c.Type == html.TextNode {
				l += len(strings.TrimSpace(c.Data))
			}
		}
		if l > bestLen {
			best, bestLen = n, l
		}
		return true
	})
	if best != nil {
		return best
	}
	if b := firstElement(root, atom.Body); b != nil {
		return b
	}
	return root
}

func paragraphTextLen(n *html.Node) int {
	l := 0
	eachElement(n, func(c *html.Node) bool {
		if c != n && (isHTMLFurniture(c) || isCommentArea(c)) {
			return false
		}
		if c.DataAtom == atom.P {
			l += len(textContent(c))
			return false
		}
		return true
	})
	return l
}

// isFurniture reports whether an element is page furniture, by its tag,
// ARIA role or class and id words ("share-bar" has the word "share").
func isHTMLFurniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Form, atom.Dialog, atom.Menu:
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search":
		return true
	}
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	words := loadWordLists()
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		for _, w := range strings.Fields(strings.ToLower(v)) {
			if words.htmlFurniture[w] || words.htmlFurnitureWhole[w] {
				return true
			}
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '_' }) {
				if words.htmlFurniture[part] {
					return true
				}
			}
		}
	}
	return false
}

// blockWriter turns the article element into blocks, gathering inline
// content into paragraphs.
type blockWriter struct {
	doc  *Document
	line strings.Builder
}

func (w *blockWriter) add(b Block) {
	w.flush()
	if b.Text == "" && len(b.Items) == 0 {
		return
	}
	w.doc.Blocks = append(w.doc.Blocks, b)
}

// flush ends the paragraph being gathered from loose inline content.
func (w *blockWriter) flush() {
	t := cleanLines(w.line.String())
	w.line.Reset()
	if t != "" {
		w.doc.Blocks = append(w.doc.Blocks, Block{Kind: BlockParagraph, Text: t})
	}
}

func (w *blockWriter) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.line.WriteString(c.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		if isCommentArea(c) {
			continue // read separately as comments
		}
		if c.DataAtom == atom.Header && headerHoldsTitle(c) {
			w.readArticleHeader(c)
			continue
		}
		if isHTMLFurniture(c) {
			w.readFurnitureDate(c)
			w.keepSponsorLabel(c)
			continue
		}
		if isStandfirst(c) {
			w.flush()
			if w.doc.Standfirst == "" {
				w.doc.Standfirst = inlineText(c)
			} else {
				w.add(Block{Kind: BlockParagraph, Text: inlineText(c)})
			}
			continue
		}
		switch c.DataAtom {
		case atom.H1:
			w.flush()
			if t := inlineText(c); t != w.doc.Title {
				w.add(Block{Kind: BlockHeading, Level: 2, Text: t})
			}
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(c.Data[1] - '0')
			w.add(Block{Kind: BlockHeading, Level: min(level, 4), Text: inlineText(c)})
		case atom.P, atom.Pre, atom.Address:
			text, bold := inlineText(c), leadingBold(c)
			if q, answer, ok := splitBoldQuestion(text, bold); ok {
				w.add(Block{Kind: BlockParagraph, Text: q, Bold: q})
				w.add(Block{Kind: BlockParagraph, Text: answer})
				continue
			}
			w.add(Block{Kind: BlockParagraph, Text: text, Bold: bold})
		case atom.Ul, atom.Ol:
			w.add(Block{Kind: BlockList, Items: listItems(c)})
		case atom.Blockquote:
			w.add(Block{Kind: BlockQuote, Text: quoteText(c)})
		case atom.Figcaption, atom.Caption:
			w.add(Block{Kind: BlockCaption, Text: inlineText(c)})
		case atom.Figure, atom.Picture:
			w.flush()
			eachElement(c, func(f *html.Node) bool {
				if f.DataAtom == atom.Figcaption {
					w.add(Block{Kind: BlockCaption, Text: inlineText(f)})
					return false
				}
				return true
			})
		case atom.Img, atom.Video, atom.Audio, atom.Hr:
			w.flush()
		case atom.Br:
			w.line.WriteString("\n")
		case atom.Dt, atom.Dd, atom.Tr, atom.Li:
			w.flush()
			w.walk(c)
			w.flush()
		case atom.Div, atom.Section, atom.Article, atom.Main, atom.Body, atom.Html, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Td, atom.Th, atom.Dl, atom.Center, atom.Details, atom.Summary:
			w.flush()
			w.walk(c)
			w.flush()
		default:
			// Inline elements (a, em, strong, span, …): their text joins
			// the paragraph being gathered.
			w.walk(c)
		}
	}
}

// readFurnitureDate takes the article's date from a byline or dateline
// that is dropped as furniture ("By Sam Jones, 12th April 2022").
func (w *blockWriter) readFurnitureDate(n *html.Node) {
	if w.doc.Published != "" {
		return
	}
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		for _, word := range strings.Fields(strings.ToLower(v)) {
			if loadWordLists().htmlDate[word] {
				if d, ok := findDate(cleanSpace(renderChildren(n))); ok {
					w.doc.Published = d
				}
				return
			}
		}
	}
	// Furniture of another name ("meta", "page-info") whose short text
	// is only a dateline: "Page last reviewed: 3 February 2025". Not
	// navigation, a sidebar or the page's footer, which date other things.
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Menu, atom.Form:
		return
	}
	if raw, short := shortTextContent(n, 120); short {
		if info := classifyLine(cleanSpace(raw)); (info.kind == lineByline || info.kind == lineDate) && info.value != "" {
			w.doc.Published = info.value
		}
	}
}

// datelineAbove finds the date of a byline or dateline above the article
// element, outside it ("By Jo Bloggs · 14 March 2024" between the title
// and the article's text), as an ISO date, or "". Only an element the page
// marks as a byline or dateline, or a short line that reads as one, says
// when the article was published; navigation, footers and comments do not.
func datelineAbove(root, body *html.Node) string {
	var date string
	reached := false
	eachElement(root, func(n *html.Node) bool {
		if reached || n == body || date != "" {
			reached = reached || n == body
			return false
		}
		if n.DataAtom == atom.Nav || n.DataAtom == atom.Footer || n.DataAtom == atom.Script || n.DataAtom == atom.Head || isCommentArea(n) {
			return false
		}
		for _, v := range []string{attr(n, "class"), attr(n, "id")} {
			for _, word := range strings.Fields(strings.ToLower(v)) {
				if loadWordLists().htmlDate[word] {
					if d, ok := findDate(cleanSpace(renderChildren(n))); ok {
						date = d
					}
					return false
				}
			}
		}
		if holds(n, body) {
			return true // an ancestor of the article: look inside
		}
		raw, short := shortTextContent(n, 120)
		text := cleanSpace(raw)
		if !short || text == "" {
			return true // a long block: look inside
		}
		if info := classifyLine(text); (info.kind == lineByline || info.kind == lineDate) && info.value != "" {
			date = info.value
		}
		return false
	})
	return date
}

// holds reports whether n is an ancestor of d.
func holds(n, d *html.Node) bool {
	for p := d.Parent; p != nil; p = p.Parent {
		if p == n {
			return true
		}
	}
	return false
}

// sponsorLabelAbove finds a label above the article element, outside it,
// that names who paid for the article ("In association with Wirral
// Council" in a banner over a newspaper's sponsored feature).
func sponsorLabelAbove(root, body *html.Node) (string, bool) {
	var label string
	reached := false
	eachElement(root, func(n *html.Node) bool {
		if reached || n == body || label != "" {
			reached = reached || n == body
			return false
		}
		if n.DataAtom == atom.Nav || n.DataAtom == atom.Footer || n.DataAtom == atom.Script || n.DataAtom == atom.Head {
			return false
		}
		raw, short := shortTextContent(n, 300)
		text := cleanSpace(raw)
		if !short || text == "" || countWords(text, 15) > 14 {
			return true // an ancestor of the article, or a long block: look inside
		}
		if info := classifyLine(text); info.kind == lineSponsor && info.value != "" {
			label = text
		}
		return false
	})
	return label, label != ""
}

// keepSponsorLabel keeps, as a paragraph for Build to read as metadata,
// a label in an element dropped as furniture that names who paid for the
// article ("In association with Wirral Council" in a sponsor banner). A
// bare "Advertisement" over an ad slot says nothing about the article.
func (w *blockWriter) keepSponsorLabel(n *html.Node) {
	text := cleanSpace(renderChildren(n))
	if countWords(text, 15) > 14 {
		return
	}
	if info := classifyLine(text); info.kind == lineSponsor && info.value != "" {
		w.add(Block{Kind: BlockParagraph, Text: text})
	}
}

// leadingBold is the text of the <strong> or <b> a paragraph opens with,
// or "".
func leadingBold(p *html.Node) string {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		if c.Type == html.ElementNode && (c.DataAtom == atom.Strong || c.DataAtom == atom.B) {
			return inlineText(c)
		}
		return ""
	}
	return ""
}

// readArticleHeader takes the title and standfirst from an article's own
// <header>, leaving out its byline and share links.
func (w *blockWriter) readArticleHeader(h *html.Node) {
	w.flush()
	eachElement(h, func(n *html.Node) bool {
		if n != h && isHTMLFurniture(n) {
			return false
		}
		switch {
		case n.DataAtom == atom.H1:
			if w.doc.Title == "" {
				w.doc.Title = inlineText(n)
			}
			return false
		case isStandfirst(n):
			if w.doc.Standfirst == "" {
				w.doc.Standfirst = inlineText(n)
			}
			return false
		case n.DataAtom == atom.Time:
			if w.doc.Published == "" {
				w.doc.Published, _ = isoDate(attr(n, "datetime"))
			}
		}
		return true
	})
}

func headerHoldsTitle(h *html.Node) bool {
	return firstElement(h, atom.H1) != nil
}

func isStandfirst(n *html.Node) bool {
	if n.DataAtom != atom.P && n.DataAtom != atom.Div && n.DataAtom != atom.H2 && n.DataAtom != atom.Span {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if loadWordLists().htmlStandfirst[w] {
			return true
		}
	}
	return false
}

// listItems returns the text of each item of a list, with the items of
// nested lists following their parent item.
func listItems(list *html.Node) []string {
	var items []string
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		var nested []*html.Node
		var b strings.Builder
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				nested = append(nested, c)
				continue
			}
			b.WriteString(" ")
			b.WriteString(renderInline(c))
		}
		if t := cleanSpace(b.String()); t != "" {
			items = append(items, t)
		}
		for _, n := range nested {
			items = append(items, listItems(n)...)
		}
	}
	return items
}

// quoteText is a blockquote's paragraphs, one per line, with its <cite>
// or <footer> as a closing "– Name" attribution.
func quoteText(q *html.Node) string {
	var paras []string
	var cite string
	var loose strings.Builder
	for c := q.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && (c.DataAtom == atom.Cite || c.DataAtom == atom.Footer):
			// A quotation's own <footer> is its attribution, not page
			// furniture: read its children, which renderInline would
			// otherwise drop with the footer.
			cite = cleanSpace(renderChildren(c))
		case c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.Div):
			if t := inlineText(c); t != "" {
				paras = append(paras, t)
			}
		default:
			loose.WriteString(renderInline(c))
		}
	}
	if t := cleanSpace(loose.String()); t != "" {
		paras = append([]string{t}, paras...)
	}
	if cite != "" {
		if !strings.HasPrefix(cite, "–") && !strings.HasPrefix(cite, "—") && !strings.HasPrefix(cite, "-") {
			cite = "– " + cite
		}
		paras = append(paras, cite)
	}
	return strings.Join(paras, "\n")
}

// inlineText is an element's text with white space collapsed, keeping
// <br> as a line break.
func inlineText(n *html.Node) string {
	return cleanLines(renderInline(n))
}

func renderInline(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteString("\n")
				return
			}
			if isHTMLFurniture(n) && n.DataAtom != atom.Header {
				return
			}
			if n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li {
				b.WriteString(" ")
				defer b.WriteString(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// cleanLines collapses white space within each line and drops empty lines.
func cleanLines(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = cleanSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// pageTitle is the <title> without a trailing " | Site" or " - Site".
func pageTitle(root *html.Node) string {
	t := firstElement(root, atom.Title)
	if t == nil {
		return ""
	}
	s := cleanSpace(textContent(t))
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// titleSiteCouncil is the council a page's <title> names as its site
// after a separator ("… | Hackney Council"), if any.
func titleSiteCouncil(root *html.Node) (string, bool) {
	t := firstElement(root, atom.Title)
	if t == nil {
		return "", false
	}
	s := cleanSpace(textContent(t))
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		parts := strings.Split(s, sep)
		for _, part := range parts[1:] {
			if c, ok := LookupCouncil(strings.TrimSpace(part)); ok {
				return c.Name, true
			}
		}
	}
	return "", false
}

// Tree helpers.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// eachElement visits element nodes depth-first; visit returns false to
// skip an element's children.
func eachElement(n *html.Node, visit func(*html.Node) bool) {
	if n.Type == html.ElementNode && !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		eachElement(c, visit)
	}
}

func findElement(n *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	eachElement(n, func(e *html.Node) bool {
		if found != nil {
			return false
		}
		if match(e) {
			found = e
			return false
		}
		return true
	})
	return found
}

func firstElement(n *html.Node, a atom.Atom) *html.Node {
	return findElement(n, func(e *html.Node) bool { return e.DataAtom == a })
}

// shortTextContent is textContent when it is at most limit bytes; it
// stops reading, and reports false, once the text is longer, so that
// asking of every ancestor of a large article stays linear.
func shortTextContent(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	var rec func(*html.Node) bool
	rec = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if b.Len()+len(n.Data) > limit {
				return false
			}
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !rec(c) {
				return false
			}
		}
		return true
	}
	ok := rec(n)
	return b.String(), ok
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// removeElements detaches every element drop matches.
func removeElements(n *html.Node, drop func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && drop(c) {
			n.RemoveChild(c)
		} else {
			removeElements(c, drop)
		}
		c = next
	}
}

// isEditorNote reports whether n is a reviewer's comment a word
// processor's export keeps: a Google Docs comment (its anchors link
// "#cmnt_ref1" and "#cmnt1") or a Word one (class "msocomtxt",
// "msocomanchor"). They are notes on the draft, not the article.
func isEditorNote(n *html.Node) bool {
	if n.DataAtom == atom.A {
		href, id := attr(n, "href"), attr(n, "id")
		if strings.HasPrefix(href, "#cmnt") || strings.HasPrefix(id, "cmnt") || strings.HasPrefix(href, "#_msocom_") {
			return true
		}
	}
	if hasClassWord(n, "msocomtxt") || hasClassWord(n, "msocomanchor") {
		return true
	}
	// A Google Docs comment is a <div> whose paragraph opens with the
	// anchor back to where it was made.
	if n.DataAtom == atom.Div {
		if a := findElement(n, func(c *html.Node) bool {
			return c.DataAtom == atom.A && strings.HasPrefix(attr(c, "href"), "#cmnt_ref")
		}); a != nil {
			return true
		}
	}
	return false
}

// hasClassWord reports whether n's class attribute has word.
func hasClassWord(n *html.Node, word string) bool {
	for _, w := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}
