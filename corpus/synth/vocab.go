package synth

import (
	"bufio"
	"embed"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
)

//go:embed data/*.txt
var dataFiles embed.FS

// noun is a noun with its plural.
type noun struct{ one, many string }

// verb is a verb in the forms the templates use.
type verb struct{ base, third, past, ing string }

// words is the embedded vocabulary, each list in rough order of
// frequency so that a Zipf draw over the index favours common words.
type words struct {
	nouns      []noun
	adjectives []string
	verbs      []verb
	adverbs    []string
	firstNames []string
	surnames   []string
	towns      []string
	templates  map[string][]string // [section] of sentences.txt -> templates
}

var loadWords = sync.OnceValue(func() *words {
	w := &words{templates: map[string][]string{}}
	for _, line := range mustLines("nouns.txt") {
		one, many, ok := strings.Cut(line, ":")
		if !ok {
			many = plural(one)
		}
		w.nouns = append(w.nouns, noun{one, many})
	}
	w.adjectives = mustLines("adjectives.txt")
	for _, line := range mustLines("verbs.txt") {
		f := strings.Split(line, ":")
		v := verb{base: f[0], third: thirdPerson(f[0]), past: pastTense(f[0]), ing: ingForm(f[0])}
		if len(f) == 3 {
			v.past, v.ing = f[1], f[2]
		}
		w.verbs = append(w.verbs, v)
	}
	w.adverbs = mustLines("adverbs.txt")
	w.firstNames = mustLines("firstnames.txt")
	w.surnames = mustLines("surnames.txt")
	w.towns = mustLines("towns.txt")
	section := ""
	for _, line := range mustLines("sentences.txt") {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.Trim(line, "[]")
			continue
		}
		w.templates[section] = append(w.templates[section], line)
	}
	return w
})

// mustLines reads an embedded data file: its non-blank lines that are not
// comments, with duplicates dropped. The files ship inside the package and
// the tests load them, so a failure is a build defect.
func mustLines(name string) []string {
	f, err := dataFiles.Open("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("synth: embedded data/%s: %v", name, err))
	}
	defer f.Close()
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || seen[line] {
			continue
		}
		seen[line] = true
		out = append(out, line)
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("synth: embedded data/%s is empty", name))
	}
	return out
}

func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "x"):
		return w + "es"
	case strings.HasSuffix(w, "y") && !strings.ContainsAny(w[len(w)-2:len(w)-1], "aeiou"):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func thirdPerson(v string) string {
	if strings.HasSuffix(v, "o") {
		return v + "es"
	}
	return plural(v)
}

func pastTense(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && !strings.ContainsAny(v[len(v)-2:len(v)-1], "aeiou"):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}

func ingForm(v string) string {
	if strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && len(v) > 2 {
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}

// zipfExponent shapes every word draw: P(rank k) ∝ (k+2)^-1.1, close to the
// exponent of word frequencies in English prose.
const zipfExponent = 1.1

// picker draws indexes into lists of a given length with a Zipf
// distribution, caching one generator per length.
type picker struct {
	r     *rand.Rand
	zipfs map[int]*rand.Zipf
}

func newPicker(r *rand.Rand) *picker {
	return &picker{r: r, zipfs: map[int]*rand.Zipf{}}
}

// zipf returns an index in [0, n), small indexes far more often.
func (p *picker) zipf(n int) int {
	if n <= 1 {
		return 0
	}
	z, ok := p.zipfs[n]
	if !ok {
		z = rand.NewZipf(p.r, zipfExponent, 2, uint64(n-1))
		p.zipfs[n] = z
	}
	return int(z.Uint64())
}

// uniform returns an index in [0, n) with every index equally likely.
func (p *picker) uniform(n int) int { return p.r.IntN(n) }

// between returns an int in [lo, hi].
func (p *picker) between(lo, hi int) int { return lo + p.r.IntN(hi-lo+1) }

// chance is true with probability f.
func (p *picker) chance(f float64) bool { return p.r.Float64() < f }
