package ingest

// Kind says what sort of passage a piece of an article is.
type Kind string

// The passage kinds DESIGN.md defines.
const (
	KindIntro   Kind = "intro"   // title, standfirst or lead paragraph
	KindSection Kind = "section" // narrative paragraph
	KindQA      Kind = "qa"      // one interview question with its answer
	KindQuote   Kind = "quote"   // paragraph whose substance is a direct quotation
	KindList    Kind = "list"    // a lead-in line and its items
	KindComment Kind = "comment" // one reader comment
)

// Kinds lists every passage kind in display order.
var Kinds = []Kind{KindIntro, KindSection, KindQA, KindQuote, KindList, KindComment}

// Article is one recruitment feature, parsed.
type Article struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Standfirst string `json:"standfirst,omitempty"`
	Banner     string `json:"banner,omitempty"`
	Column     string `json:"column,omitempty"`
	// Council is the canonical name of the sponsoring employer: a gazetteer
	// name when the sponsor is a council or trust, otherwise the name the
	// article gives it.
	Council string `json:"council,omitempty"`
	// CouncilSource says where Council was found, and so how sure it is:
	// "metadata" (the source's own fields), "banner" (a sponsor line or
	// the banner stack), "title", "standfirst" or "body".
	CouncilSource string `json:"council_source,omitempty"`
	// Sponsored is true when the article is labelled as paid for ("A
	// sponsored feature from X", "Employer Zone"): a council's advert,
	// not reporting. Sponsor names who paid, when the label or the banner
	// says.
	Sponsored bool   `json:"sponsored,omitempty"`
	Sponsor   string `json:"sponsor,omitempty"`
	Region    string `json:"region,omitempty"`
	Nation    string `json:"nation,omitempty"`
	// Source is the path or URL the article was read from.
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	// Published is an ISO 8601 date (2014-01-13) when known.
	Published          string `json:"published,omitempty"`
	PublishedEstimated bool   `json:"published_estimated,omitempty"`
	Format             Format `json:"format,omitempty"`
	// Checksum is the hex SHA-256 of the source bytes the article came from,
	// so an unchanged file can be recognised on re-ingest.
	Checksum string    `json:"checksum,omitempty"`
	Passages []Passage `json:"passages"`
}

// Passage is the unit that is indexed, searched and returned.
type Passage struct {
	ID        string   `json:"id"` // article id + "#" + ordinal
	ArticleID string   `json:"article_id"`
	Ordinal   int      `json:"ordinal"`
	Kind      Kind     `json:"kind"`
	Heading   string   `json:"heading,omitempty"`
	Text      string   `json:"text"`
	Question  string   `json:"question,omitempty"`
	Items     []string `json:"items,omitempty"`
	Speaker   string   `json:"speaker,omitempty"`
	Role      string   `json:"role,omitempty"`
	Date      string   `json:"date,omitempty"`
	Topics    []string `json:"topics,omitempty"`
	// Facts are typed statements the text makes, such as a caseload
	// figure (fact.go).
	Facts []Fact `json:"facts,omitempty"`

	// Article fields a hit needs to be shown on its own.
	ArticleTitle string `json:"article_title"`
	Council      string `json:"council,omitempty"`
	Region       string `json:"region,omitempty"`
	Published    string `json:"published,omitempty"`
	// Sponsored and Sponsor are the article's: a hit on its own must say
	// it comes from a council's paid-for feature.
	Sponsored bool   `json:"sponsored,omitempty"`
	Sponsor   string `json:"sponsor,omitempty"`
}

// Format is an input format ingest can read.
type Format string

// The formats ingest reads.
const (
	FormatText     Format = "text"
	FormatHTML     Format = "html"
	FormatMarkdown Format = "markdown"
	FormatJSONL    Format = "jsonl"
)

// Extension is the file extension ingest reads as f.
func (f Format) Extension() string {
	switch f {
	case FormatHTML:
		return ".html"
	case FormatMarkdown:
		return ".md"
	case FormatJSONL:
		return ".jsonl"
	}
	return ".txt"
}
