package index

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// compiler turns parsed clauses into Bleve queries. It reads the index's
// term dictionaries to tell typos from known words.
type compiler struct {
	ix  *Index
	r   bleveindex.IndexReader
	ctx context.Context
	// err is the first error met while compiling; compile returns it.
	// Clauses compile on after one, as a bufio.Scanner reads on, so that
	// no helper needs an error result of its own.
	err error
	// typing completes the query's last word when it is a plain word
	// (Request.Prefix): the query is being typed.
	typing bool
	// wordless: parseQuery found nothing to search for in the query.
	wordless bool
}

// fail records the first error met.
func (c *compiler) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// part is one text clause in two forms that match the same passages.
// match looks in the body field, where a word is one term: cheap enough
// to run over every passage, and it finds, counts and first ranks the
// matches. rank looks in each searched field with its weight: it orders
// the first hits again (search.go, rescoreWindow), so the weights
// measured in RELEVANCE.md decide what people see.
type part struct {
	match, rank query.Query
	// matches is the number of passages the clause matches, when it is
	// one word whose count the term dictionary gives (synonyms aside);
	// 0 when unknown.
	matches uint64
	// standIn, when set, is what stands for the clause in a passage that
	// is on its subject without holding it: a topic tag, or a name
	// weighed down (concept.go).
	standIn query.Query
}

// samePart is a clause whose one form serves for both.
func samePart(q query.Query) part { return part{match: q, rank: q} }

func (p part) empty() bool { return p.match == nil }

// disjunctionPart matches any of parts, in both forms.
func disjunctionPart(parts []part) part {
	var match, rank []query.Query
	for _, p := range parts {
		match = append(match, p.match)
		rank = append(rank, p.rank)
	}
	return part{match: bleve.NewDisjunctionQuery(match...), rank: bleve.NewDisjunctionQuery(rank...)}
}

// compiledQuery is a query in parts, so the search can relax it (any word
// instead of every word) and leave out one facet's filter at a time.
type compiledQuery struct {
	// required are the text clauses; each must match unless relaxed.
	required []part
	// boosts only raise the score of passages that already match; they
	// take part in ranking, not in matching.
	boosts []query.Query
	// excluded are in match form: they leave out the same passages.
	excluded []query.Query
	// fields are field:value clauses of the query text; always required.
	fields []query.Query
	// typed are the values of those clauses by facet, as typed. A search
	// takes them as filters (typedFilters): council:Kent in the box is
	// the Kent box ticked, counted and combined as ticked boxes are.
	typed map[string][]string
	// concept, when set, also satisfies every text clause: passages on
	// the topics the words name (concept.go); topics are the ids of the
	// topics the words name, whether or not concept is set.
	concept query.Query
	topics  []string
	// topicTail, when set in place of concept, matches the passages
	// holding none of the text clauses that are tagged with a topic the
	// words name: the last of the some-word tier (concept.go).
	// tailMatches is how many passages carry those tags.
	topicTail   query.Query
	tailMatches uint64
	// compounds are the topics of compound phrases the words spell
	// ("well-being"), matched through their tags (compoundPart);
	// compoundsHeld are those phrases, as typed, that some passage may
	// hold as written.
	compounds, compoundsHeld []string
	// corrections maps misspelt words, as typed, to the known spelling
	// the query ran with; guesses maps those too unsure to apply to the
	// spelling "did you mean" offers.
	corrections map[string]string
	guesses     map[string]string
	// notFound are the words, as typed, that no passage holds in any
	// form (synonyms included) and that were not corrected.
	notFound []string
	original string
}

// exhaustiveLimit is the number of matches below which ranking them all
// on the searched fields costs less than the searches that ranking the
// body field and then its first hits takes (BENCHMARKS.md, "Query path
// tuning"): a search of rare words is ranked exactly, in one search.
const exhaustiveLimit = 1000

// few reports whether tier t of the query is known to hold fewer than
// exhaustiveLimit passages.
func (cq *compiledQuery) few(t tier) bool { return cq.fewerThan(t, exhaustiveLimit) }

// fewerThan reports whether tier t of the query is known to hold fewer
// than n passages: some word of it is that rare (every word), or all of
// them together are (any word).
func (cq *compiledQuery) fewerThan(t tier, n uint64) bool {
	if len(cq.required) == 0 {
		return false
	}
	var least, sum uint64 = math.MaxUint64, 0
	for _, p := range cq.required {
		if p.matches == 0 {
			sum = math.MaxUint64
			continue
		}
		least = min(least, p.matches)
		sum = min(sum+p.matches, math.MaxUint64-1)
	}
	if t == tierEvery {
		return least < n
	}
	if cq.topicTail != nil {
		sum = min(sum+cq.tailMatches, math.MaxUint64-1)
	}
	return sum < n
}

// rescored reports whether ranking the query on the searched fields can
// order its hits differently from its match form.
func (cq *compiledQuery) rescored() bool {
	if len(cq.boosts) > 0 {
		return true
	}
	for _, p := range cq.required {
		if p.match != p.rank {
			return true
		}
	}
	return false
}

func (c *compiler) compile(q string, clauses []clause) (*compiledQuery, error) {
	cq := &compiledQuery{corrections: map[string]string{}, guesses: map[string]string{}, original: q}
	fields := &fieldClauses{values: map[string][]string{}}
	for i := 0; i < len(clauses); {
		i = c.compileAt(cq, fields, clauses, i)
	}
	for _, f := range fields.order {
		if q := c.fieldQuery(f, fields.values[f]); q != nil {
			cq.fields = append(cq.fields, q)
		}
	}
	cq.typed = fields.values
	if c.err != nil {
		return nil, c.err
	}
	cq.concept = cq.conceptQuery()
	if cq.concept == nil && cq.tiered() {
		cq.topicTail, cq.tailMatches = c.topicTail(cq)
	}
	if c.wordless || len(clauses) > 0 && len(cq.required) == 0 && len(cq.excluded) == 0 && len(cq.fields) == 0 {
		if !c.typing {
			return nil, noWordsError()
		}
		// "a", "(", a quotation mark opening a phrase: being typed, the
		// query may still grow into words. It finds nothing yet, rather
		// than an error, so the page keeps its place (a transient zero).
		cq.required = []part{samePart(bleve.NewMatchNoneQuery())}
	}
	return cq, nil
}

// fieldClauses gathers the field:value clauses of a query by facet, so
// values of one facet OR together (council:Kent council:Medway).
type fieldClauses struct {
	order  []string
	values map[string][]string
}

func (f *fieldClauses) add(facet, value string) {
	if _, seen := f.values[facet]; !seen {
		f.order = append(f.order, facet)
	}
	f.values[facet] = append(f.values[facet], value)
}

// compileAt compiles the clause at i (with the clauses an OR or a run of
// words joins to it) and returns the index of the next one.
func (c *compiler) compileAt(cq *compiledQuery, fields *fieldClauses, clauses []clause, i int) int {
	cl := clauses[i]
	if cl.negate {
		if p := c.excludedPart(cl); !p.empty() {
			cq.excluded = append(cq.excluded, p.match)
		}
		return i + 1
	}
	if j := orGroupEnd(clauses, i); j > i+1 {
		var alts []part
		for _, g := range clauses[i:j] {
			if p := c.requiredPart(cq, g); !p.empty() {
				alts = append(alts, p)
			}
		}
		if len(alts) > 0 {
			cq.required = append(cq.required, disjunctionPart(alts))
		}
		return j
	}
	switch cl.kind {
	case clauseField:
		fields.add(cl.field, cl.text)
		return i + 1
	case clauseWord:
		// A run of plain words: synonyms may span several of them.
		k := wordRunEnd(clauses, i)
		var words []string
		for _, w := range clauses[i:k] {
			words = append(words, w.text)
		}
		c.wordRun(cq, words, c.typing && k == len(clauses))
		return k
	}
	if p := c.requiredPart(cq, cl); !p.empty() {
		cq.required = append(cq.required, p)
	}
	return i + 1
}

// orGroupEnd is the index after the clauses OR joins to clauses[i].
func orGroupEnd(clauses []clause, i int) int {
	j := i + 1
	for j < len(clauses) && clauses[j].orPrev {
		j++
	}
	return j
}

// wordRunEnd is the index after the plain words that follow
// clauses[i], stopping before a word an OR joins to the next.
func wordRunEnd(clauses []clause, i int) int {
	k := i + 1
	for k < len(clauses) && clauses[k].kind == clauseWord && !clauses[k].negate &&
		!(k+1 < len(clauses) && clauses[k+1].orPrev) {
		k++
	}
	return k
}

// requiredPart compiles a clause that must match: a word gets spelling
// correction.
func (c *compiler) requiredPart(cq *compiledQuery, cl clause) part {
	switch cl.kind {
	case clauseWord:
		return c.wordQuery(cq, cl.text)
	case clausePhrase:
		return c.phraseQuery(cl.text)
	}
	return c.otherPart(cl)
}

// excludedPart compiles a -clause: a word is left out as typed, never a
// word it might be a typo of.
func (c *compiler) excludedPart(cl clause) part {
	if cl.kind == clauseWord {
		return c.exactWord(cl.text)
	}
	return c.otherPart(cl)
}

// otherPart compiles a phrase, prefix or field clause.
func (c *compiler) otherPart(cl clause) part {
	switch cl.kind {
	case clausePhrase:
		return c.phraseQuery(cl.text)
	case clausePrefix:
		return c.prefixQuery(cl.text)
	case clauseField:
		if q := c.fieldQuery(cl.field, []string{cl.text}); q != nil {
			return samePart(q)
		}
	}
	return part{}
}

// wordRun compiles consecutive plain words, replacing any that spell a
// multi-word synonym ("case loads", "multi-agency safeguarding hub") by
// the alternatives of its group, noting what stands for words that name
// topics (concept.go), and rewarding passages that hold the words as a
// phrase.
//
// With complete set, the last word is being typed: it also matches the
// words it begins (typedWord).
func (c *compiler) wordRun(cq *compiledQuery, words []string, complete bool) {
	terms := make([][]string, len(words))
	raw := make([][]string, len(words))
	for i, w := range words {
		terms[i] = analyzeTerms(c.ix.textAnalyzer, w)
		raw[i] = analyzeTerms(c.ix.wordsAnalyzer, w)
	}
	compounds := c.ix.compoundSpans(raw)
	var parts []part
	var spans []wordSpan // the words each part stands for
	expanded := false
	meant := slices.Clone(words) // the words as searched: corrections applied
	for pos := 0; pos < len(words); {
		if i := slices.IndexFunc(compounds, func(t topicSpan) bool { return t.from == pos }); i >= 0 {
			sp := compounds[i]
			parts = append(parts, c.compoundPart(cq, words[sp.from:sp.to], raw[sp.from:sp.to], sp.topic))
			spans = append(spans, sp.wordSpan)
			expanded = true
			pos = sp.to
			continue
		}
		if group, end := c.matchSynonym(terms, pos); group != nil {
			parts = append(parts, c.synonymQuery(group))
			spans = append(spans, wordSpan{pos, end})
			expanded = true
			pos = end
			continue
		}
		p := part{}
		if complete && pos == len(words)-1 {
			p = c.typedWord(cq, words[pos], len(words) == 1)
		} else {
			p = c.wordQuery(cq, words[pos])
		}
		if fix, ok := cq.corrections[words[pos]]; ok {
			// "flexible wroking" names its topic as "flexible working" does.
			meant[pos], terms[pos] = fix, analyzeTerms(c.ix.textAnalyzer, fix)
		}
		if !p.empty() {
			parts = append(parts, p)
			spans = append(spans, wordSpan{pos, pos + 1})
		}
		pos++
	}
	topics := compounds
	for _, t := range c.ix.topicSpans(terms) {
		if !slices.ContainsFunc(compounds, func(o topicSpan) bool { return t.from < o.to && o.from < t.to }) {
			topics = append(topics, t)
		}
	}
	slices.SortFunc(topics, func(a, b topicSpan) int { return a.from - b.from })
	if alts := c.conceptAlts(terms, spans, topics); alts != nil {
		for i := range parts {
			parts[i].standIn = alts[i]
		}
	}
	for _, t := range topics {
		if !slices.Contains(cq.topics, t.topic) {
			cq.topics = append(cq.topics, t.topic)
		}
	}
	cq.required = append(cq.required, parts...)
	if len(words) > 1 && !expanded {
		phrase := strings.Join(meant, " ")
		mq := newLiteralPhrase(phrase, fieldText)
		mq.SetBoost(2)
		cq.boosts = append(cq.boosts, mq)
	}
}

// matchSynonym finds the longest multi-word synonym group member spelt by
// the words from start on; it returns the group and the index after the
// last word used.
func (c *compiler) matchSynonym(terms [][]string, start int) ([]synMember, int) {
	var best []synMember
	bestEnd := 0
	for _, g := range c.ix.multiSynonyms {
		for _, m := range g {
			if end := spelt(terms, start, m.terms); end > bestEnd {
				best, bestEnd = g, end
			}
		}
	}
	return best, bestEnd
}

// synonymQuery matches any member of a synonym group, each as a phrase.
func (c *compiler) synonymQuery(group []synMember) part {
	var alts []part
	for _, m := range group {
		if len(m.terms) == 1 {
			alts = append(alts, c.exactWord(m.text))
		} else {
			alts = append(alts, samePart(c.plainPhrase(m.text)))
		}
	}
	return disjunctionPart(alts)
}

// exactWord matches a word in any searched field, stemmed and with the
// single-word synonyms Bleve's synonym source adds.
func (c *compiler) exactWord(word string) part {
	terms := analyzeTerms(c.ix.textAnalyzer, word)
	switch len(terms) {
	case 0:
		return part{} // a stop word or punctuation
	case 1:
		// A term query of the analysed word: a match query would wrap
		// the term in a disjunction of one, which costs a searcher.
		one := func(f string, _ bool) query.Query {
			q := bleve.NewTermQuery(terms[0])
			q.SetField(f)
			return q
		}
		p := part{match: one(fieldBody, false), rank: fieldsQuery(one, 1),
			matches: c.docFreq(fieldBody, terms[0])}
		return c.heldWithStopWords(p, word)
	default:
		// "multi-agency", "13/01/2014": the parts in order.
		return samePart(c.plainPhrase(word))
	}
}

// wordQuery is exactWord plus spelling correction. A word the index
// holds in some form is taken as typed. One it lacks is corrected only
// when it is no English word (nor one of the field's: isRealWord) and
// one known word is clearly the likeliest it was meant for
// (correction); the query then runs with that word, and the result says
// so. A real word the corpus lacks, or a typo with no clear correction,
// finds what it finds as typed and is reported as not found; a
// correction too unsure to apply is offered as "did you mean".
func (c *compiler) wordQuery(cq *compiledQuery, word string) part {
	exact := c.exactWord(word)
	if exact.empty() {
		return part{}
	}
	known, lower := c.known(word)
	if known {
		return exact
	}
	if !isRealWord(lower) {
		fix, sure := c.correction(lower)
		fix = likeTyped(word, fix)
		fixed := c.exactWord(fix)
		if fixed.empty() {
			// A stop word ("atfer" is a typo of "after") would drop
			// the word: no correction.
			fix = ""
		}
		if fix != "" && sure {
			cq.corrections[word] = fix
			if !c.matchesAny(fixed.match) {
				// A word of the field's vocabulary the corpus lacks
				// ("wellbeing"): found, if at all, through its topic.
				cq.notFound = append(cq.notFound, fix)
			}
			return fixed
		}
		if fix == "" {
			// No word is a typo away: the start of one, searched before
			// it was finished ("superv")?
			fix = c.likeliestCompletion(lower)
		}
		if fix != "" {
			cq.guesses[word] = fix
		}
	}
	if !c.matchesAny(exact.match) {
		cq.notFound = append(cq.notFound, word)
	}
	return exact
}

// likeTyped is fix, a lower-cased word, capitalised as typed was: "Medwya"
// is shown corrected as "Medway", "ASYEE" as "ASYE".
func likeTyped(typed, fix string) string {
	first, _ := utf8.DecodeRuneInString(typed)
	switch {
	case fix == "" || !unicode.IsUpper(first):
		return fix
	case utf8.RuneCountInString(typed) > 1 && strings.ToUpper(typed) == typed:
		return strings.ToUpper(fix)
	}
	r, n := utf8.DecodeRuneInString(fix)
	return string(unicode.ToUpper(r)) + fix[n:]
}

// correction returns the known word lower is most likely a typo of —
// within one edit up to five letters, two beyond, first letter fixed —
// and whether it is clearly the likeliest: no other candidate is as
// close, or it is in at least twice as many passages as the next. The
// words of the index are tried first, then the field's vocabularies.
func (c *compiler) correction(lower string) (string, bool) {
	maxEdits := 1
	if utf8.RuneCountInString(lower) > 5 {
		maxEdits = 2
	}
	cands := c.fuzzyCandidates(lower, maxEdits)
	if len(cands) == 0 {
		// No word of the index is near: a word of the field's own
		// vocabulary the corpus lacks ("wellbeeing", "burnot") may be,
		// and reaches its topic. With no counts to tell them apart,
		// only one nearest is sure.
		near := domainCandidates(lower, maxEdits)
		if len(near) == 0 {
			return "", false
		}
		return near[0].term, len(near) == 1 || near[1].dist > near[0].dist
	}
	best := cands[0]
	sure := len(cands) == 1 || cands[1].dist > best.dist || best.freq >= 2*cands[1].freq
	return best.term, sure
}

// matchesAny reports whether any passage matches q; an error is recorded
// as the compiler's.
func (c *compiler) matchesAny(q query.Query) bool {
	res, err := c.ix.searchBleve(c.ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		c.fail(err)
		return false
	}
	return res.Total > 0
}

// known reports whether the index holds word as typed (lower-cased) or
// its stem; it also says yes for words too short or too odd to correct.
func (c *compiler) known(word string) (bool, string) {
	toks := analyzeTerms(c.ix.wordsAnalyzer, word)
	if len(toks) != 1 {
		return true, ""
	}
	w := toks[0]
	if utf8.RuneCountInString(w) < 4 || strings.IndexFunc(w, notLetter) >= 0 {
		return true, w
	}
	if c.docFreq(fieldWords, w) > 0 {
		return true, w
	}
	// Another form of a word the index holds ("supervising" beside
	// "supervision", "award" beside "awards") is no typo: its stem
	// matches as it is, and "did you mean" would be wrong.
	for _, stem := range analyzeTerms(c.ix.textAnalyzer, word) {
		if c.docFreq(fieldBody, stem) > 0 {
			return true, w
		}
	}
	return false, w
}

func notLetter(r rune) bool { return !('a' <= r && r <= 'z') && r < 0x80 }

// phraseQuery matches the words of text in order in any field with
// positions. A quoted phrase that is a synonym ("case loads") matches its
// whole group.
func (c *compiler) phraseQuery(text string) part {
	terms := analyzeTerms(c.ix.textAnalyzer, text)
	if len(terms) == 0 {
		return part{}
	}
	if group, end := c.matchSynonym([][]string{terms}, 0); group != nil && end == 1 {
		return c.synonymQuery(group)
	}
	if len(terms) == 1 {
		return c.exactWord(text)
	}
	return samePart(c.plainPhrase(text))
}

// heldWithStopWords is p, the clause of the one word the text analyzer
// keeps of text, restricted to passages that also hold the stop words it
// drops: "well-being" in quotes, or beside -, is "well" in the index,
// and "as well as" is no match for it.
func (c *compiler) heldWithStopWords(p part, text string) part {
	var stops []query.Query
	for _, w := range analyzeTerms(c.ix.wordsAnalyzer, text) {
		if len(analyzeTerms(c.ix.textAnalyzer, w)) == 0 {
			q := bleve.NewTermQuery(w)
			q.SetField(fieldWords)
			stops = append(stops, q)
		}
	}
	if len(stops) == 0 || p.empty() {
		return p
	}
	held := func(q query.Query) query.Query {
		b := bleve.NewBooleanQuery()
		b.AddMust(q)
		b.AddFilter(bleve.NewConjunctionQuery(stops...))
		return b
	}
	return part{match: held(p.match), rank: held(p.rank)}
}

// plainPhrase matches the words of text in order, without synonyms.
func (c *compiler) plainPhrase(text string) query.Query {
	var alts []query.Query
	for _, f := range searchFields {
		if !hasPositions(f.name) {
			continue
		}
		q := newLiteralPhrase(text, f.name)
		q.SetBoost(f.boost)
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// fieldsQuery ORs one query per searched field, each weighted by the
// field's boost times boost.
func fieldsQuery(one func(field string, phrases bool) query.Query, boost float64) query.Query {
	alts := make([]query.Query, 0, len(searchFields))
	for _, f := range searchFields {
		q := one(f.name, hasPositions(f.name))
		if b, ok := q.(query.BoostableQuery); ok {
			b.SetBoost(f.boost * boost)
		}
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// fieldQuery matches any of values of a facet, each value first put in
// the form the index holds ("Kent" → "Kent County Council"). A value the
// facet refuses is recorded as the compiler's error.
func (c *compiler) fieldQuery(facet string, values []string) query.Query {
	spec, ok := LookupFacet(facet)
	if !ok {
		c.fail(unknownFacet(facet))
		return nil
	}
	var alts []query.Query
	for _, v := range values {
		canon, err := c.ix.canonical(c.ctx, spec, v)
		if err != nil {
			c.fail(&QueryError{Message: err.Error()})
			return nil
		}
		q := bleve.NewTermQuery(canon)
		q.SetField(spec.field)
		alts = append(alts, q)
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// docFreq is the number of documents holding term in field; an error
// reading the dictionary is recorded as the compiler's error.
func (c *compiler) docFreq(field, term string) uint64 {
	tfr, err := c.r.TermFieldReader(c.ctx, []byte(term), field, false, false, false)
	if err != nil {
		c.fail(err)
		return 0
	}
	if tfr == nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// maxFuzzyTerms caps the known words a misspelt word expands to;
// maxFuzzyScan caps the dictionary entries read to find them.
const (
	maxFuzzyTerms = 8
	maxFuzzyScan  = 500
)

type fuzzyCandidate struct {
	term string
	dist uint8
	freq uint64
}

// fuzzyCandidates returns the known words within maxEdits of word that
// share its first letter: fewest edits first, then the most documents,
// then alphabetical.
func (c *compiler) fuzzyCandidates(word string, maxEdits int) []fuzzyCandidate {
	fr, ok := c.r.(bleveindex.IndexReaderFuzzy)
	if !ok || word == "" {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(word)
	dict, fa, err := fr.FieldDictFuzzyAutomaton(fieldWords, word, maxEdits, string(first))
	if err != nil {
		return nil
	}
	defer dict.Close()
	var out []fuzzyCandidate
	for n := 0; n < maxFuzzyScan; n++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		_, dist := fa.MatchAndDistance(e.Term)
		if dist == 0 || int(dist) > maxEdits {
			continue
		}
		out = append(out, fuzzyCandidate{term: e.Term, dist: dist, freq: c.docFreq(fieldWords, e.Term)})
	}
	slices.SortFunc(out, func(a, b fuzzyCandidate) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.freq, a.freq), cmp.Compare(a.term, b.term))
	})
	if len(out) > maxFuzzyTerms {
		out = out[:maxFuzzyTerms]
	}
	return out
}
