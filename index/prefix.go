package index

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Completing a word as it is typed (prefix*, and the last word of a
// Request with Prefix set) reaches the analysed fields through the words
// that start with what was typed. A prefix query on the stems alone
// misses words whose stem is shorter than the prefix: "supervisi" starts
// "supervision", whose stem is "supervis", so the results went to
// nothing between "superv" and "supervision" as the word was typed.

// Bounds on one completion: the dictionary entries read, and the terms a
// prefix expands to (the most frequent), each searched on every searched
// field when ranking.
const (
	maxPrefixScan  = 2000
	maxPrefixTerms = 64
)

// prefixQuery matches words starting with p: the last word of p is
// completed, any before it must match as words.
func (c *compiler) prefixQuery(p string) part {
	toks := analyzeTerms(c.ix.wordsAnalyzer, p)
	if len(toks) == 0 {
		return part{}
	}
	completion := c.completion(toks[len(toks)-1])
	if completion.empty() || len(toks) == 1 {
		return completion
	}
	match, rank := []query.Query{completion.match}, []query.Query{completion.rank}
	for _, t := range toks[:len(toks)-1] {
		if w := c.exactWord(t); !w.empty() {
			match, rank = append(match, w.match), append(rank, w.rank)
		}
	}
	return part{match: bleve.NewConjunctionQuery(match...), rank: bleve.NewConjunctionQuery(rank...)}
}

// completion matches the terms of the words starting with last, a
// lower-cased word; it is empty when last is too short to complete.
func (c *compiler) completion(last string) part {
	if utf8.RuneCountInString(last) < minPrefixRunes {
		return part{}
	}
	terms := c.prefixTerms(last)
	if len(terms) == 0 {
		// Nothing starts so: a prefix that matches nothing, so the
		// clause finds nothing rather than vanishing.
		terms = []string{last}
	}
	one := func(f string, _ bool) query.Query {
		alts := make([]query.Query, len(terms))
		for i, t := range terms {
			q := bleve.NewTermQuery(t)
			q.SetField(f)
			alts[i] = q
		}
		if len(alts) == 1 {
			return alts[0]
		}
		return bleve.NewDisjunctionQuery(alts...)
	}
	return part{match: one(fieldBody, false), rank: fieldsQuery(one, 1)}
}

// prefixTerms are the body terms a typed prefix reaches: the stems of
// the words starting with it, and the stems starting with it or with its
// own stem (words of article titles are in the body but not the words
// field; synonyms reach the stems alone), the most
// frequent first, at most maxPrefixTerms.
func (c *compiler) prefixTerms(lower string) []string {
	freq := map[string]uint64{}
	c.scanPrefix(fieldWords, lower, func(word string) {
		for _, t := range analyzeTerms(c.ix.textAnalyzer, word) {
			freq[t] = 0
		}
	})
	// The stem of the prefix as a word: "recruitment*" reaches "recruit".
	starts := []string{lower}
	if st := analyzeTerms(c.ix.textAnalyzer, lower); len(st) == 1 && st[0] != lower {
		starts = append(starts, st[0])
	}
	for _, s := range starts {
		c.scanPrefix(fieldBody, s, func(stem string) { freq[stem] = 0 })
	}
	terms := make([]string, 0, len(freq))
	for t := range freq {
		freq[t] = c.docFreq(fieldBody, t)
		if freq[t] > 0 {
			terms = append(terms, t)
		}
	}
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(freq[b], freq[a]), cmp.Compare(a, b)) })
	return terms[:min(len(terms), maxPrefixTerms)]
}

// scanPrefix calls fn with the terms of field starting with prefix, at
// most maxPrefixScan of them; an error is recorded as the compiler's.
func (c *compiler) scanPrefix(field, prefix string, fn func(term string)) {
	dict, err := c.r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		c.fail(err)
		return
	}
	defer dict.Close()
	for n := 0; n < maxPrefixScan; n++ {
		e, err := dict.Next()
		if err != nil {
			c.fail(err)
			return
		}
		if e == nil {
			return
		}
		fn(e.Term)
	}
}

// typedWord is the last word of a query being typed: the word and the
// words it begins ("superv" finds supervision), the word itself ranking
// first. A word the index lacks is not corrected while it may still be
// growing; it is reported not found only when no word begins with it. A
// stop word is completed only when it is the whole query ("the" may be
// becoming "therapy"); after other words it is dropped, as it would be
// once typed.
func (c *compiler) typedWord(cq *compiledQuery, word string, whole bool) part {
	toks := analyzeTerms(c.ix.wordsAnalyzer, word)
	if len(toks) != 1 {
		return c.wordQuery(cq, word)
	}
	exact := c.exactWord(word)
	if exact.empty() && !whole {
		return part{}
	}
	comp := c.completion(toks[0])
	if comp.empty() {
		return c.wordQuery(cq, word)
	}
	if known, _ := c.known(word); known && !exact.empty() {
		return disjunctionPart([]part{exact, comp})
	}
	if !c.matchesAny(comp.match) {
		cq.notFound = append(cq.notFound, word)
	}
	return comp
}

// likeliestCompletion is the word of the index, longer than lower, that
// starts with it and that the most passages hold, or "": what "did you
// mean" offers for a word searched before it was finished.
func (c *compiler) likeliestCompletion(lower string) string {
	dict, err := c.r.FieldDictPrefix(fieldWords, []byte(lower))
	if err != nil {
		c.fail(err)
		return ""
	}
	defer dict.Close()
	best, most := "", uint64(0)
	for n := 0; n < maxPrefixScan; n++ {
		e, err := dict.Next()
		if err != nil {
			c.fail(err)
			return ""
		}
		if e == nil {
			break
		}
		if e.Term != lower && e.Count > most {
			best, most = e.Term, e.Count
		}
	}
	return best
}
