package index

import (
	"errors"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// Errors at the index boundary. Callers check them with errors.Is; the
// server maps them to HTTP statuses.
var (
	// ErrNotFound: no article or passage has the requested id.
	ErrNotFound = errors.New("not found")
	// ErrBadQuery: the query or request cannot be run as given (syntax,
	// unknown field, a limit breached). Wrapped by *QueryError.
	ErrBadQuery = errors.New("bad query")
	// ErrTimeout: the search did not finish within its deadline.
	ErrTimeout = errors.New("search timed out")
	// ErrLocked: another process holds the index open for writing.
	ErrLocked = errors.New("index in use by another process")
	// ErrDamaged: the index on disk cannot be opened; rebuild it from the
	// kept source articles with `recruitsearch rebuild`.
	ErrDamaged = errors.New("index cannot be opened")
	// ErrReadOnly: a write was asked of an index opened read-only.
	ErrReadOnly = errors.New("index is read-only")
	// ErrNotIndex: the directory given as an index holds something else;
	// nothing in it was written or removed.
	ErrNotIndex = errors.New("not a recruitsearch index")
	// ErrIncomplete: a rebuild could not read everything it was asked to
	// keep, or would hold fewer articles than the index it replaces; the
	// index was left as it was.
	ErrIncomplete = errors.New("rebuild would lose articles")
	// ErrNothingIndexed: a replacement index would hold no article; the
	// index was left as it was.
	ErrNothingIndexed = errors.New("no article could be indexed")
)

// ArticleSummary is one line of an article listing.
type ArticleSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Council   string `json:"council"`
	Published string `json:"published,omitempty"`
	// PublishedEstimated: the date was guessed from the article's text.
	PublishedEstimated bool   `json:"published_estimated,omitempty"`
	Sponsored          bool   `json:"sponsored,omitempty"`
	Sponsor            string `json:"sponsor,omitempty"`
	Passages           int    `json:"passages"`
}

// PassageContext is a passage with what a reader needs around it.
type PassageContext struct {
	ingest.Passage
	Previous *ingest.Passage `json:"previous,omitempty"`
	Next     *ingest.Passage `json:"next,omitempty"`
}

// Suggestion is one completion for a partly typed query.
type Suggestion struct {
	Text  string `json:"text"`
	Kind  string `json:"kind"` // "term", "council", "speaker" or "topic"
	Count int    `json:"count"`
	// Apply, when set, is what choosing the suggestion puts in the query
	// in place of the word being typed, instead of Text: a topic is
	// applied as a topic: clause (its label as words would find only the
	// passages that happen to say them).
	Apply string `json:"apply,omitempty"`
}

// Stats describes an index.
type Stats struct {
	Articles  int          `json:"articles"`
	Passages  int          `json:"passages"`
	Councils  []FacetValue `json:"councils"`
	Topics    []FacetValue `json:"topics"`
	DiskBytes int64        `json:"disk_bytes"`
	Path      string       `json:"path,omitempty"` // "" for the in-memory index
}

// AddReport counts what an add or ingest changed.
type AddReport struct {
	Added     int `json:"added"`     // new articles
	Replaced  int `json:"replaced"`  // articles whose source changed
	Unchanged int `json:"unchanged"` // articles already indexed as they are
	Passages  int `json:"passages"`  // passages written
}
