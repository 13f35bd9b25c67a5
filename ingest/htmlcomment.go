package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isCommentArea reports whether n holds reader comments (or is one).
func isCommentArea(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		for _, w := range strings.Fields(strings.ToLower(v)) {
			if loadWordLists().htmlCommentArea[w] {
				return true
			}
		}
	}
	return isSingleComment(n)
}

// isSingleComment reports whether n is one reader comment: class
// "comment" (WordPress li.comment, div.comment) or an id like
// "comment-123".
func isSingleComment(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if hasToken(attr(n, "class"), "comment") {
		return true
	}
	id := strings.ToLower(attr(n, "id"))
	if rest, ok := strings.CutPrefix(id, "comment-"); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
		return n.DataAtom == atom.Li || n.DataAtom == atom.Article || n.DataAtom == atom.Div
	}
	return false
}

func insideComment(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if isCommentArea(p) {
			return true
		}
	}
	return false
}

// findComments returns the page's reader comments in document order,
// replies included. A comment list whose items carry no comment class
// (ol.commentlist > li) counts each item as a comment.
func findComments(root *html.Node) []*html.Node {
	var out []*html.Node
	eachElement(root, func(n *html.Node) bool {
		if isSingleComment(n) {
			out = append(out, n)
			return true
		}
		if isCommentArea(n) && (n.DataAtom == atom.Ol || n.DataAtom == atom.Ul) {
			for li := n.FirstChild; li != nil; li = li.NextSibling {
				if li.Type == html.ElementNode && li.DataAtom == atom.Li && !isSingleComment(li) {
					out = append(out, li)
				}
			}
		}
		return true
	})
	return out
}

// readComment reads one comment's author, date and text, leaving out the
// replies nested inside it.
func readComment(c *html.Node) Block {
	b := Block{Kind: BlockComment}
	var paras []string
	var loose strings.Builder
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch k.Type {
			case html.TextNode:
				loose.WriteString(k.Data)
				continue
			case html.ElementNode:
			default:
				continue
			}
			if k != c && (isSingleComment(k) || k.DataAtom == atom.Img || isHTMLFurniture(k) && k.DataAtom != atom.Footer && k.DataAtom != atom.Header) {
				continue
			}
			class := strings.Fields(strings.ToLower(attr(k, "class")))
			switch {
			case anyWord(class, loadWordLists().htmlCommentSkip):
				continue
			case b.Author == "" && (anyWord(class, loadWordLists().htmlCommentAuthor) || k.DataAtom == atom.Cite || strings.EqualFold(attr(k, "itemprop"), "author")):
				b.Author = strings.TrimSuffix(strings.TrimSuffix(inlineText(k), " says:"), " says")
				continue
			case k.DataAtom == atom.Time:
				if b.Date == "" {
					b.Date, _ = isoDate(attr(k, "datetime"))
					if b.Date == "" {
						b.Date, _ = isoDate(inlineText(k))
					}
				}
				continue
			case anyWord(class, loadWordLists().htmlCommentMeta):
				if b.Date == "" {
					b.Date, _ = isoDate(inlineText(k))
					if t := firstElement(k, atom.Time); t != nil && b.Date == "" {
						b.Date, _ = isoDate(attr(t, "datetime"))
					}
				}
				if b.Author == "" {
					if a := findElement(k, func(e *html.Node) bool {
						return anyWord(strings.Fields(strings.ToLower(attr(e, "class"))), loadWordLists().htmlCommentAuthor) || e.DataAtom == atom.Cite
					}); a != nil {
						b.Author = inlineText(a)
					}
				}
				continue
			case k.DataAtom == atom.P || k.DataAtom == atom.Blockquote:
				if t := cleanSpace(loose.String()); t != "" {
					paras = append(paras, t)
				}
				loose.Reset()
				if t := inlineText(k); t != "" {
					paras = append(paras, t)
				}
				continue
			case k.DataAtom == atom.Br:
				loose.WriteString("\n")
				continue
			}
			rec(k)
		}
	}
	rec(c)
	if t := cleanLines(loose.String()); t != "" {
		paras = append(paras, t)
	}
	b.Text = strings.Join(paras, "\n\n")
	return b
}

func anyWord(words []string, set map[string]bool) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}
