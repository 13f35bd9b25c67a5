package official

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// builder joins the rows of the official files to profiles by code.
type builder struct {
	current   []*Profile
	abolished []*Profile
	others    map[string]*Profile
	byDfE     map[string]*Profile
	byONS     map[string]*Profile
	regionOf  map[*Profile]string    // profile -> its region's ONS code
	regions   map[string][]Workforce // region ONS code -> series
	england   []Workforce
	// joint maps a DfE code to the codes it makes a joint return with,
	// as the 2017+ file's "314 / 318" rows show.
	joint      map[string][]string
	neighbours map[*Profile][]rawNeighbour
	// fileNames maps the key of each name a file gives a row to the
	// profiles the row's code found ("Bristol, City of"): a lookup key
	// when it finds one profile only, never a join key.
	fileNames map[string][]*Profile
}

type rawNeighbour struct {
	dfe, closeness string
	line           int
	file           string
}

// englishRegions are the nine regions by the gazetteer's names, with the
// ONS codes the DfE files key their regional rows by.
var englishRegions = map[string]string{
	"North East":               "E12000001",
	"North West":               "E12000002",
	"Yorkshire and the Humber": "E12000003",
	"East Midlands":            "E12000004",
	"West Midlands":            "E12000005",
	"East of England":          "E12000006",
	"London":                   "E12000007",
	"South East":               "E12000008",
	"South West":               "E12000009",
}

// londonSubregions are DfE's Inner and Outer London rows, which London
// boroughs' rows name as their region; a borough's region figures are
// London's.
var londonSubregions = map[string]bool{"E13000001": true, "E13000002": true}

// newBuilder makes a profile for every gazetteer council and abolished
// authority, indexed by code. Identity comes from the gazetteer; the
// official files only ever add figures to a profile their codes find.
func newBuilder() (*builder, error) {
	b := &builder{
		others: map[string]*Profile{}, byDfE: map[string]*Profile{}, byONS: map[string]*Profile{},
		regionOf: map[*Profile]string{}, regions: map[string][]Workforce{},
		joint: map[string][]string{}, neighbours: map[*Profile][]rawNeighbour{},
		fileNames: map[string][]*Profile{},
	}
	for _, c := range ingest.Councils() {
		p := &Profile{
			ID: slug(c.Short), Name: c.Name, Short: c.Short, Nation: c.Nation, Region: c.Region, Type: c.Type,
			Codes: c.Codes, FormerNames: append([]string{}, c.FormerNames...), Successors: []Ref{},
		}
		if c.Nation != "England" || c.Codes.DfE == "" {
			p.Note = noFiguresNote(c)
			b.others[c.Name] = p
			continue
		}
		region, ok := englishRegions[c.Region]
		if !ok {
			return nil, fmt.Errorf("official: gazetteer: %s: unknown region %q", c.Name, c.Region)
		}
		b.regionOf[p] = region
		b.current = append(b.current, p)
		if err := b.index(p); err != nil {
			return nil, err
		}
	}
	if err := b.readReorganisations(); err != nil {
		return nil, err
	}
	return b, nil
}

// sawName records a name a file gives the profile its codes found.
func (b *builder) sawName(p *Profile, name string) {
	k := nameKey(name)
	if k != "" && !slices.Contains(b.fileNames[k], p) {
		b.fileNames[k] = append(b.fileNames[k], p)
	}
}

// index files a profile under its DfE and ONS codes.
func (b *builder) index(p *Profile) error {
	if prev, dup := b.byDfE[p.Codes.DfE]; dup {
		return fmt.Errorf("official: DfE code %s names both %s and %s", p.Codes.DfE, prev.Name, p.Name)
	}
	b.byDfE[p.Codes.DfE] = p
	for _, ons := range append([]string{p.Codes.ONS}, p.Codes.FormerONS...) {
		if prev, dup := b.byONS[ons]; dup {
			return fmt.Errorf("official: ONS code %s names both %s and %s", ons, prev.Name, p.Name)
		}
		b.byONS[ons] = p
	}
	return nil
}

// readReorganisations adds the authorities abolished since 2016 from
// data/reorganisations.csv, with links to and from their successors.
func (b *builder) readReorganisations() error {
	const file = "reorganisations.csv"
	data, err := shippedFiles.ReadFile("data/" + file)
	if err != nil {
		return err
	}
	t, err := readTable(file, data, "dfe", "ons", "name", "short", "type", "region", "abolished", "successors", "note")
	if err != nil {
		return err
	}
	for _, r := range t.rows {
		p := &Profile{
			ID: slug(t.get(r, "name")), Name: t.get(r, "name"), Short: t.get(r, "short"),
			Nation: "England", Region: t.get(r, "region"), Type: t.get(r, "type"),
			Codes:       ingest.Codes{ONS: t.get(r, "ons"), DfE: t.get(r, "dfe")},
			FormerNames: []string{}, Successors: []Ref{},
			Abolished: t.get(r, "abolished"), Note: t.get(r, "note"),
		}
		b.regionOf[p] = englishRegions[p.Region]
		for _, code := range strings.Fields(t.get(r, "successors")) {
			s := b.byDfE[code]
			if s == nil {
				return formatErr(file, r.line, "successors", fmt.Errorf("no council has DfE code %s", code))
			}
			p.Successors = append(p.Successors, ref(s))
			s.Predecessors = append(s.Predecessors, ref(p))
		}
		if err := b.index(p); err != nil {
			return err
		}
		b.abolished = append(b.abolished, p)
	}
	return nil
}

// finish sorts what the files added and fills in what depends on more
// than one file: shared 2016 returns, region and England series,
// neighbours' latest figures, abolished authorities' latest judgement.
func (b *builder) finish(release *Release, attribution string) (*Dataset, error) {
	all := append(append([]*Profile{}, b.current...), b.abolished...)
	for _, p := range all {
		slices.SortFunc(p.Workforce, func(x, y Workforce) int { return x.Year - y.Year })
		slices.SortFunc(p.Ofsted.History, func(x, y Inspection) int { return strings.Compare(x.Inspected, y.Inspected) })
		if p.Ofsted.History == nil {
			p.Ofsted.History = []Inspection{}
		}
		if p.Abolished != "" && len(p.Ofsted.History) > 0 {
			p.Ofsted.Latest = &p.Ofsted.History[len(p.Ofsted.History)-1]
		}
	}
	b.shareJointReturns2016()
	for code, series := range b.regions {
		slices.SortFunc(series, func(x, y Workforce) int { return x.Year - y.Year })
		b.regions[code] = series
	}
	slices.SortFunc(b.england, func(x, y Workforce) int { return x.Year - y.Year })
	for _, p := range all {
		p.RegionWorkforce = orEmpty(b.regions[b.regionOf[p]])
		p.EnglandWorkforce = orEmpty(b.england)
		p.Workforce = orEmpty(p.Workforce)
		p.Neighbours = []Neighbour{}
		for i, n := range b.neighbours[p] {
			q := b.byDfE[n.dfe]
			if q == nil {
				return nil, formatErr(n.file, n.line, fmt.Sprintf("SN_%d", i+1), fmt.Errorf("no council has DfE code %s", n.dfe))
			}
			nb := Neighbour{Rank: i + 1, ID: q.ID, Name: q.Name, Closeness: n.closeness, Latest: Latest(q.Workforce)}
			if q.Ofsted.Latest != nil {
				nb.Ofsted = q.Ofsted.Latest.Overall
			}
			p.Neighbours = append(p.Neighbours, nb)
		}
	}
	d := &Dataset{
		release: release, attribution: attribution,
		current: b.current, abolished: b.abolished, others: b.others,
		byDfE: b.byDfE, byONS: b.byONS, byID: map[string]*Profile{}, byFileName: map[string]*Profile{},
	}
	for k, ps := range b.fileNames {
		if len(ps) == 1 {
			d.byFileName[k] = ps[0]
		}
	}
	for _, p := range b.others {
		p.Ofsted.History = []Inspection{}
		p.Workforce, p.RegionWorkforce, p.EnglandWorkforce = []Workforce{}, []Workforce{}, []Workforce{}
		p.Neighbours = []Neighbour{}
	}
	for _, p := range append(all, othersOf(b.others)...) {
		p.Release = release
		p.Attribution = attribution
		if prev, dup := d.byID[p.ID]; dup {
			return nil, fmt.Errorf("official: profile ID %q names both %s and %s", p.ID, prev.Name, p.Name)
		}
		d.byID[p.ID] = p
	}
	return d, nil
}

func othersOf(m map[string]*Profile) []*Profile {
	var out []*Profile
	for _, p := range m {
		out = append(out, p)
	}
	return out
}

func orEmpty(s []Workforce) []Workforce {
	if s == nil {
		return []Workforce{}
	}
	return s
}

// shareJointReturns2016 handles the 2016 file's form of a joint return:
// DfE's guidance says Kingston upon Thames and Richmond upon Thames return
// together through Achieving for Children, "reported together against
// Kingston upon Thames", so in 2016 Kingston's row holds both and
// Richmond's holds "." (not applicable) throughout. Both get the joint
// figures, each naming the other, as the 2017+ joint rows have it.
func (b *builder) shareJointReturns2016() {
	for code, partners := range b.joint {
		p := b.byDfE[code]
		own := Year(p.Workforce, 2016)
		if own == nil || !allNotApplicable(own) {
			continue
		}
		for _, pc := range partners {
			q := b.byDfE[pc]
			theirs := Year(q.Workforce, 2016)
			if theirs == nil || allNotApplicable(theirs) {
				continue
			}
			shared := *theirs
			shared.Suppressed = theirs.Suppressed
			shared.SharedWith = []Ref{ref(q)}
			*own = shared
			theirs.SharedWith = append(theirs.SharedWith, ref(p))
			break
		}
	}
}

func allNotApplicable(w *Workforce) bool {
	for _, f := range fields {
		if *f.ptr(w) != nil || w.Suppressed[f.JSON] != "z" {
			return false
		}
	}
	return true
}

func ref(p *Profile) Ref { return Ref{ID: p.ID, Name: p.Name} }

// noFiguresNote says plainly why a gazetteer council has no figures.
func noFiguresNote(c ingest.Council) string {
	if c.Nation != "England" {
		return fmt.Sprintf("The official figures recruitsearch ships (DfE children's social work workforce, Ofsted inspections, DfE statistical neighbours) cover English local authorities only; %s is in %s.", c.Name, c.Nation)
	}
	return fmt.Sprintf("%s is a %s, not a local authority: DfE and Ofsted publish their figures for the councils whose children's services it runs.", c.Name, c.Type)
}

// slug is a profile ID: lower-case ASCII words joined by '-'.
func slug(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	folded = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(folded))
	return strings.Join(strings.FieldsFunc(folded, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-")
}
