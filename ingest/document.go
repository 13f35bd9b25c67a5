package ingest

// Document is the format-neutral form every parser produces: the article's
// metadata as the source states it and its body as a sequence of blocks.
// Build turns a Document into an Article with passages; all the rules about
// furniture, quotes, speakers, lists and comments live there, so they apply
// to every format alike.
type Document struct {
	Name   string // file name or URL, for error messages and Article.Source
	Format Format
	Title  string
	// Standfirst is the summary line under the title, when the format marks it.
	Standfirst string
	// Sponsor is the employer named by the source's metadata (a JSON lines
	// "council" field, an HTML meta tag), if any. Build still reads the text.
	Sponsor string
	// Sponsored: the metadata labels the page as paid for (a schema.org
	// sponsor).
	Sponsored bool
	URL       string
	// FeedGUID is the guid (or Atom id) that feed metadata above the
	// article gives, when it is a web address: the article's url when
	// nothing better (a link, permalink, canonical link, the address it
	// was fetched from) gives one.
	FeedGUID           string
	Published          string // ISO 8601 date when the source gives one
	PublishedEstimated bool
	Blocks             []Block
	Checksum           string
}

// BlockKind is the structural role of a block in a document body.
type BlockKind int

// Block kinds, as a format marks them. Plain text has only paragraphs and
// the lists its bullets show; Build infers the rest.
const (
	BlockParagraph BlockKind = iota
	BlockHeading             // h2–h4 or a Markdown heading; Level says which
	BlockList                // a list: Items hold its items
	BlockQuote               // a blockquote
	BlockCaption             // figcaption, image credit
	BlockComment             // a reader comment: Author, Date, Text
)

// Block is one structural element of a document body, in order.
type Block struct {
	Kind   BlockKind
	Level  int
	Text   string
	Items  []string
	Author string // comments
	Date   string // comments, ISO 8601
	// Bold is the bold text a paragraph opens with, where the format
	// marks it (HTML <strong> or <b>, Markdown **…**).
	Bold string
	// Question: the format shows this paragraph is an interview question
	// though it does not end in "?" (markBoldQuestions).
	Question bool
}
