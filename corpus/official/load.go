package official

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

//go:embed data/README.md data/reorganisations.csv data/csww_indicators_2017_to_2025.csv data/csww_2016_SFR08_2017_UD.csv data/ofsted_judgements_as_at_2025-03-31.csv data/ofsted_ilacs_history_2018_2025.csv data/sn_model_2025_wide.csv
var shippedFiles embed.FS

// Dataset is one release of the official figures joined into profiles.
// It is immutable once loaded and safe for concurrent use.
type Dataset struct {
	release     *Release
	attribution string
	current     []*Profile          // English local authorities with children's social care duties
	abolished   []*Profile          // authorities reorganised away since 2016
	others      map[string]*Profile // gazetteer councils without official figures, by name
	byDfE       map[string]*Profile
	byONS       map[string]*Profile
	byID        map[string]*Profile // every profile, current, abolished or without figures
	byFileName  map[string]*Profile // by the key of a name the files alone use ("Bristol, City of")
}

// source is one kind of official file: how to find a newer copy in a
// directory, the shipped copy, and how to read it into the builder. The
// order matters: Ofsted's history is read before the latest judgements,
// which take their inspection type from it.
type source struct {
	kind    string
	pattern string // glob for newer files of the same format
	shipped string // under data/
	// read reads one file into the builder. file is the path a newer
	// file was found at (the name alone for a shipped one), which its
	// errors name so that the file can be found.
	read func(b *builder, file string, data []byte) (title string, err error)
}

var sources = []source{
	{"workforce", "csww_indicators_*.csv", "csww_indicators_2017_to_2025.csv", readWorkforce},
	{"workforce_2016", "csww_2016*.csv", "csww_2016_SFR08_2017_UD.csv", readWorkforce2016},
	{"ofsted_history", "ofsted_ilacs_history_*.csv", "ofsted_ilacs_history_2018_2025.csv", readOfstedHistory},
	{"ofsted", "ofsted_judgements_*.csv", "ofsted_judgements_as_at_2025-03-31.csv", readOfstedLatest},
	{"neighbours", "sn_model_*.csv", "sn_model_2025_wide.csv", readNeighbours},
}

// shipped loads the embedded release once, on first use, so a command
// that never shows a profile never pays for parsing.
var shipped = sync.OnceValues(func() (*Dataset, error) { return load("", openShipped) })

// openShipped opens a source's embedded file.
func openShipped(s source) (string, []byte, bool, error) {
	data, err := shippedFiles.ReadFile("data/" + s.shipped)
	return s.shipped, data, true, err
}

// Shipped returns the release embedded in the binary. It panics if the
// embedded files do not parse: they ship with the binary and the tests
// read them, so that is a build defect.
func Shipped() *Dataset {
	d, err := shipped()
	if err != nil {
		panic(fmt.Sprintf("official: embedded release: %v", err))
	}
	return d
}

// Profiles returns the shipped profile of every English local authority
// with children's social care duties, in gazetteer order.
func Profiles() []*Profile { return Shipped().Profiles() }

// Lookup finds a shipped profile by name, short name, former name, ONS or
// DfE code; see Dataset.Lookup.
func Lookup(nameOrCode string) (*Profile, error) { return Shipped().Lookup(nameOrCode) }

// Load reads a directory of newer official files in the shipped formats
// (DfE publishes each February, Ofsted each autumn). Each kind of file it
// finds replaces the shipped one and the rest come from the binary, so a
// directory may hold just this year's workforce file. The directory must
// hold at least one, and no kind twice. A file whose format has changed
// is a *FormatError naming the file and column.
func Load(dir string) (*Dataset, error) {
	found := map[string]string{}
	for _, s := range sources {
		matches, err := filepath.Glob(filepath.Join(dir, s.pattern))
		if err != nil {
			return nil, err
		}
		switch len(matches) {
		case 0:
		case 1:
			found[s.kind] = matches[0]
		default:
			return nil, fmt.Errorf("official: %s holds %d %s files (%s): keep one", dir, len(matches), s.kind, baseNames(matches))
		}
	}
	if len(found) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("official: %w", err)
		}
		var want []string
		for _, s := range sources {
			want = append(want, s.pattern)
		}
		return nil, fmt.Errorf("official: %s holds no official files (looked for %s)", dir, strings.Join(want, ", "))
	}
	return load(dir, func(s source) (string, []byte, bool, error) {
		path, ok := found[s.kind]
		if !ok {
			return openShipped(s)
		}
		data, err := os.ReadFile(path)
		return path, data, false, err
	})
}

func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return strings.Join(names, ", ")
}

// load builds a Dataset from the file each source opens: its path (the
// name alone for a shipped file) and its bytes.
func load(dir string, open func(source) (file string, data []byte, shipped bool, err error)) (*Dataset, error) {
	b, err := newBuilder()
	if err != nil {
		return nil, err
	}
	release := &Release{Dir: dir}
	for _, s := range sources {
		file, data, isShipped, err := open(s)
		if err != nil {
			return nil, fmt.Errorf("official: %s: %w", s.kind, err)
		}
		title, err := s.read(b, file, data)
		if err != nil {
			return nil, fmt.Errorf("official: %w", err)
		}
		release.Files = append(release.Files, Source{Kind: s.kind, File: filepath.Base(file), Title: title, Shipped: isShipped})
	}
	attribution, err := readAttribution()
	if err != nil {
		return nil, err
	}
	return b.finish(release, attribution)
}

// readAttribution takes the line the data README asks to be shown with
// the figures: the quoted line that names the licence.
func readAttribution() (string, error) {
	readme, err := shippedFiles.ReadFile("data/README.md")
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if quote, ok := strings.CutPrefix(strings.TrimSpace(line), "> "); ok && strings.Contains(quote, "Open Government Licence") {
			return strings.TrimSpace(quote), nil
		}
	}
	return "", errors.New("official: data/README.md has no attribution line")
}

// ByID returns the profile with the given ID ("kent", "cumbria-county-council").
func (d *Dataset) ByID(id string) (*Profile, bool) {
	p, ok := d.byID[id]
	return p, ok
}

// ByID returns the shipped profile with the given ID.
func ByID(id string) (*Profile, bool) { return Shipped().ByID(id) }

// Release names the files the dataset was read from.
func (d *Dataset) Release() *Release { return d.release }

// Attribution is the line to show wherever the figures are shown.
func (d *Dataset) Attribution() string { return d.attribution }

// Profiles returns every English local authority with children's social
// care duties (153 in the shipped release), in gazetteer order.
func (d *Dataset) Profiles() []*Profile {
	return append([]*Profile(nil), d.current...)
}

// Abolished returns the authorities reorganised away since 2016 (Cumbria,
// Northamptonshire, Bournemouth, Poole, the old Dorset County Council),
// whose figures up to their abolition stay under their own names.
func (d *Dataset) Abolished() []*Profile {
	return append([]*Profile(nil), d.abolished...)
}
