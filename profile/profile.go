package profile

import (
	"context"
	"net/url"
	"slices"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
)

// Source is what a profile needs from an index: its articles, and the
// passages of a council.
type Source interface {
	Articles(ctx context.Context) ([]index.ArticleSummary, error)
	Search(ctx context.Context, req index.Request) (*index.Result, error)
}

var _ Source = (*index.Index)(nil)

// Profile is a council's official profile with its articles and the
// claims they make: the JSON of DESIGN.md's "Council profiles", which
// `recruitsearch council --json` and GET /api/councils/{id} return.
type Profile struct {
	*official.Profile
	Claims   []Claim   `json:"claims"`
	Articles []Article `json:"articles"`

	// names are the council names the index gives the articles, the
	// filter values of their passages; passages are those passages, in
	// article order.
	names    []string
	passages []index.Hit
}

// Article is one of the council's articles.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"` // as the article gives it: "2018", "2021-03-04"; "" undated
}

// Names are the council names the index gives the council's articles
// (usually one), for filtering searches to its passages.
func (p *Profile) Names() []string { return p.names }

// Passages are the council's passages, in article order.
func (p *Profile) Passages() []index.Hit { return p.passages }

// HasFigures reports whether the official files hold anything for p:
// councils outside England have a profile from the gazetteer alone.
func HasFigures(p *official.Profile) bool {
	return len(p.Workforce) > 0 || len(p.Ofsted.History) > 0 || p.Ofsted.Latest != nil
}

// Find looks up a council as `recruitsearch council NAME` does: by id,
// name, short name, former name, ONS or DfE code. An unknown one is an
// *official.NotFoundError listing the closest names.
func Find(d *official.Dataset, nameOrCode string) (*official.Profile, error) {
	if p, ok := d.ByID(nameOrCode); ok {
		return p, nil
	}
	return d.Lookup(nameOrCode)
}

// Build gathers the articles and passages of p, a profile of d, from src
// and turns the facts they state into claims.
func Build(ctx context.Context, src Source, d *official.Dataset, p *official.Profile) (*Profile, error) {
	out := &Profile{Profile: p, Claims: []Claim{}, Articles: []Article{}}
	all, err := src.Articles(ctx)
	if err != nil {
		return nil, err
	}
	ids := newIDCache(d)
	for _, a := range all {
		if ids.id(a.Council) != p.ID {
			continue
		}
		out.Articles = append(out.Articles, Article{ID: a.ID, Title: a.Title, Published: a.Published})
		if !slices.Contains(out.names, a.Council) {
			out.names = append(out.names, a.Council)
		}
	}
	if len(out.names) == 0 {
		return out, nil
	}
	if out.passages, err = passagesOf(ctx, src, out.names); err != nil {
		return nil, err
	}
	out.Claims = Claims(p, out.passages)
	return out, nil
}

// maxPassages bounds how many passages a profile reads.
const maxPassages = 1000

// passagesOf reads every passage of the councils named, in article
// order, a page of index.MaxSize at a time.
func passagesOf(ctx context.Context, src Source, names []string) ([]index.Hit, error) {
	var out []index.Hit
	req := index.Request{Size: index.MaxSize, Sort: index.SortDocument}
	req.SetFilter("council", names...)
	for len(out) < maxPassages {
		res, err := src.Search(ctx, req)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Hits...)
		if len(res.Hits) == 0 || uint64(len(out)) >= res.Total {
			break
		}
		req.From += len(res.Hits)
	}
	return out, nil
}

// IDOf is the profile ID of a council as the index names it ("Kent
// County Council"), or "" when no profile matches.
func IDOf(d *official.Dataset, council string) string {
	if p, ok := d.Find(council); ok {
		return p.ID
	}
	return ""
}

// idCache looks each council name up once.
type idCache struct {
	d   *official.Dataset
	ids map[string]string
}

func newIDCache(d *official.Dataset) *idCache { return &idCache{d: d, ids: map[string]string{}} }

// id is the profile ID of a council as the index names it.
func (c *idCache) id(council string) string {
	id, ok := c.ids[council]
	if !ok {
		id = IDOf(c.d, council)
		c.ids[council] = id
	}
	return id
}

// URL is the profile page of a profile ID.
func URL(id string) string { return "/councils/" + url.PathEscape(id) }
