// Package ingest turns recruitment articles into searchable passages.
//
// Parse (or ParseContext, which stops when its context ends) is the entry
// point: it takes one file's name and bytes, refuses what it cannot read
// (too large, empty, binary, an unsupported format, an article of more
// than Options.MaxPassages passages — each a *FileError naming the file),
// repairs the text encoding (byte order marks, UTF-16, Windows-1252, CRLF
// line endings; bytes that are still not UTF-8 become U+FFFD) and picks a
// front end by extension or content:
//
//   - plain text in the seed articles' genre;
//   - HTML as saved from a news or council site (golang.org/x/net/html):
//     the article body without navigation, share bars, cookie banners
//     or related links, its metadata from <meta>, JSON-LD and <time>,
//     and reader comments with author and date;
//   - Markdown (github.com/yuin/goldmark), with optional front matter;
//   - JSON lines, one article per line, bad lines reported by number.
//
// Every front end produces a Document, a format-neutral list of blocks,
// and Build applies the passage rules of DESIGN.md to it, so furniture,
// quotes, speakers, lists and comments are handled alike for all formats.
// The cost of both is linear in the input. Stored text is in one Unicode
// form (NormalizeText, which the index also applies to queries), and an
// article's url is kept only when it is an http(s) address.
//
// The vocabularies are data files embedded in the binary: a gazetteer of
// UK councils and children's trusts (LookupCouncil, FindCouncils), a
// topic taxonomy (Topics, TopicsOf), a role vocabulary (NormalizeRole),
// synonym groups for the index (Synonyms) and the word lists the
// heuristics use (data/words.json), each entry with a test that needs it.
//
// The package does no I/O beyond the bytes it is given.
package ingest
