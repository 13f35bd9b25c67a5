package bench

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/recruitsearch/recruitsearch/corpus/synth"
	"github.com/recruitsearch/recruitsearch/ingest"
)

// Config says what Run generates, indexes and measures. DefaultConfig
// gives the usual values; Run refuses a Config that Validate refuses.
type Config struct {
	Articles int           // synthetic articles to generate and index
	Seed     uint64        // generator seed: the same seed gives the same articles and mix
	Format   ingest.Format // the format the articles are rendered in (one of synth.Formats)
	Batch    int           // articles per index.Add call; bigger batches cost less CPU per passage
	Clients  int           // concurrent HTTP clients, 1 to MaxClients
	Duration time.Duration // how long each query phase (in-process, HTTP) runs

	// Queries are run instead of the built-in mix when not nil.
	Queries []Query
	// Dir is a directory, which must not exist yet, to build the index in
	// and keep; "" builds it in a temporary directory, removed at the end.
	Dir string
	// KeepSegments leaves the index as loaded, in the segments Bleve
	// wrote and merged so far, instead of compacting it into one after
	// the load as a bulk load should be (index.Index.Compact). Compacting
	// takes part of the ingest time and makes searches cheaper.
	KeepSegments bool

	// Export, when set, receives every indexed passage as a JSON line (see
	// Exporter), in article-number order, written as the articles are
	// indexed.
	Export io.Writer
	// ExportQueries, when set, receives the queries the in-process and
	// HTTP phases run, one per line, as another engine's harness reads
	// them (WriteQueries). Without Queries the bench then draws the plain
	// mix (PlainQueryMix) instead of the built-in one, since a line of
	// text cannot carry a filter or a collapse: the figures are of
	// exactly the queries written.
	ExportQueries io.Writer
	// CPUProfile, when set, receives a CPU profile of the whole run.
	CPUProfile io.Writer
	// HeapProfile, when set, receives a heap profile taken after the query
	// phases, while the index is still open.
	HeapProfile io.Writer

	// Logger is the index's logger; nil discards.
	Logger *slog.Logger
	// Progress receives the details of the run as it goes, one line at a
	// time without a newline: timings of each step, CPU time per passage
	// and per search, latencies per query shape. nil discards them.
	Progress func(line string)
}

// MaxClients is the most concurrent HTTP clients a Config may ask for.
const MaxClients = 1024

// MaxArticles is the most articles a Config may ask for. Run holds every
// generated article in memory, so a count far beyond it would end in the
// runtime's fatal "out of memory" rather than an error.
const MaxArticles = 1_000_000

// DefaultConfig is 2,000 plain-text articles of seed 1, indexed 1,000 at a
// time, and query phases of 5 s each with 32 HTTP clients.
func DefaultConfig() Config {
	return Config{Articles: 2000, Seed: 1, Format: ingest.FormatText, Batch: 1000, Clients: 32, Duration: 5 * time.Second}
}

// ConfigError is a Config that Run cannot run: Field names the Config
// field and Problem says what is wrong with its value.
type ConfigError struct {
	Field   string // e.g. "Articles"
	Problem string // e.g. "must be at least 1, got 0"
}

func (e *ConfigError) Error() string { return "bench: " + e.Field + " " + e.Problem }

// Validate reports the first field of c that Run cannot work with, as a
// *ConfigError.
func (c Config) Validate() error {
	switch {
	case c.Articles < 1 || c.Articles > MaxArticles:
		return &ConfigError{"Articles", fmt.Sprintf("must be between 1 and %d, got %d", MaxArticles, c.Articles)}
	case c.Batch < 1:
		return &ConfigError{"Batch", fmt.Sprintf("must be at least 1, got %d", c.Batch)}
	case c.Clients < 1 || c.Clients > MaxClients:
		return &ConfigError{"Clients", fmt.Sprintf("must be between 1 and %d, got %d", MaxClients, c.Clients)}
	case c.Duration <= 0:
		return &ConfigError{"Duration", fmt.Sprintf("must be positive, got %s", c.Duration)}
	case !slices.Contains(synth.Formats, c.Format):
		names := make([]string, len(synth.Formats))
		for i, f := range synth.Formats {
			names[i] = string(f)
		}
		return &ConfigError{"Format", fmt.Sprintf("%q is not one of %s", c.Format, strings.Join(names, ", "))}
	case c.Queries != nil && len(c.Queries) == 0:
		return &ConfigError{"Queries", "is empty (nil runs the built-in mix)"}
	}
	for i, q := range c.Queries {
		if _, err := q.request(); err != nil {
			return &ConfigError{fmt.Sprintf("Queries[%d]", i), err.Error()}
		}
	}
	return nil
}
