package index

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/recruitsearch/recruitsearch/ingest"
)

// A query that names a topic — its label ("Wellbeing and support") or
// one of the phrases that tag passages with it ("wellbeing", "flexible
// working") — means the topic as well as the words: it also matches the
// passages tagged with the topic, ranked with the passages that hold the
// words. Without that, "wellbeing" finds the two passages that say
// "well" and misses the fourteen the topic tags.

// topicPhrase is one way of naming a topic, as analysed terms.
type topicPhrase struct {
	topic string // the topic's id
	terms []string
	// words is set instead of terms for a compound the text analyzer
	// cannot hold as written: stop-word removal shrinks "well-being" and
	// "burn out" to "well" and "burn", which would find "as well as". It
	// holds the words as the words analyzer reads them ("well", "being"),
	// and a query that says them means the topic (compoundPart).
	words []string
}

// topicPhrases lists every topic's label and signal phrases as the text
// analyzer reads them, or as the words analyzer does those stop-word
// removal would shrink to another word; a phrase of stop words alone
// ("IT") is left out.
func topicPhrases(text, words analysis.Analyzer) []topicPhrase {
	var out []topicPhrase
	for _, t := range ingest.Topics() {
		for _, phrase := range append([]string{t.Label}, t.Phrases...) {
			terms := analyzeTerms(text, phrase)
			switch ws := analyzeTerms(words, phrase); {
			case faithful(phrase, terms):
				out = append(out, topicPhrase{topic: t.ID, terms: terms})
			case len(terms) > 0 && len(ws) > 1:
				out = append(out, topicPhrase{topic: t.ID, words: ws})
			}
		}
	}
	return out
}

// topicBoost weighs a match through the topic tag alone: so low that a
// passage tagged with the topic but lacking the words ranks below every
// passage that holds them (BM25 scores of a word match stay well above
// it), and passages with few topics rank first among the tagged.
const topicBoost = 1e-4

// wordSpan is a run of query words, [from, to).
type wordSpan struct{ from, to int }

// topicSpan is a run of query words that names topic.
type topicSpan struct {
	wordSpan
	topic string
}

// topicSpans finds, left to right, the longest runs of the words (as
// analysed terms) that name a topic.
func (ix *Index) topicSpans(terms [][]string) []topicSpan {
	return ix.spansOf(terms, func(tp topicPhrase) []string { return tp.terms })
}

// compoundSpans finds, left to right, the longest runs of the words (as
// the words analyzer reads them) that spell a compound topic phrase.
func (ix *Index) compoundSpans(words [][]string) []topicSpan {
	return ix.spansOf(words, func(tp topicPhrase) []string { return tp.words })
}

// spansOf finds, left to right, the longest runs of the words that spell
// a topic phrase as form reads it; phrases form gives nothing for are
// skipped.
func (ix *Index) spansOf(terms [][]string, form func(topicPhrase) []string) []topicSpan {
	var out []topicSpan
	for pos := 0; pos < len(terms); {
		best := topicSpan{wordSpan: wordSpan{pos, pos}}
		for _, tp := range ix.topicPhrases {
			want := form(tp)
			if len(want) == 0 {
				continue
			}
			if end := spelt(terms, pos, want); end > best.to {
				best = topicSpan{wordSpan{pos, end}, tp.topic}
			}
		}
		if best.topic == "" {
			pos++
			continue
		}
		out = append(out, best)
		pos = best.to
	}
	return out
}

// spelt returns the index after the words, from start on, whose terms
// spell want in order (words without terms, stop words, pass), or 0 when
// they do not.
func spelt(terms [][]string, start int, want []string) int {
	if len(terms[start]) == 0 {
		return 0
	}
	var acc []string
	for end := start; end < len(terms); end++ {
		acc = append(acc, terms[end]...)
		if len(acc) > len(want) || !slices.Equal(acc, want[:len(acc)]) {
			return 0
		}
		if len(acc) == len(want) {
			return end + 1
		}
	}
	return 0
}

// nameBoost weighs a council, region or speaker name in the concept
// alternative, so that a passage standing for the topic by its tag ranks
// below one holding the words.
const nameBoost = 0.01

// conceptAlts returns, for each part of a run of words, what stands for
// it in a passage that does not hold the words: the tag of the topic
// its words name (topics, from topicSpans), or for a word naming a
// council, region or speaker ("Medway wellbeing") the word itself,
// weighed down. It returns nil unless some part names a topic and every
// other part is such a name: in "strengths-based approach" a passage on
// practice models that merely says "approach" is no answer, though it
// comes last among the passages holding some of the words (topicTail).
func (c *compiler) conceptAlts(terms [][]string, spans []wordSpan, topics []topicSpan) []query.Query {
	if len(topics) == 0 {
		return nil
	}
	alts := make([]query.Query, len(spans))
	for i, sp := range spans {
		t := slices.IndexFunc(topics, func(t topicSpan) bool { return sp.from >= t.from && sp.to <= t.to })
		switch {
		case t >= 0:
			alts[i] = taggedQuery(topics[t].topic)
		case sp.to == sp.from+1 && c.isName(terms[sp.from]):
			q := bleve.NewTermQuery(terms[sp.from][0])
			q.SetField(fieldBody)
			q.SetBoost(nameBoost)
			alts[i] = q
		default:
			return nil
		}
	}
	return alts
}

// taggedQuery matches the passages tagged with topic, at topicBoost.
func taggedQuery(topic string) *query.TermQuery {
	q := bleve.NewTermQuery(topic)
	q.SetField(fieldTopic)
	q.SetBoost(topicBoost)
	return q
}

// topicTail is what a query of several text clauses whose words name
// topics, but which has no concept query ("Taunton wellbeing",
// "strengths-based approach"), matches beyond its words: the passages
// tagged with those topics that hold none of the clauses, and how many
// passages carry the tags. They join the some-word tier only, at
// topicBoost, so they rank after every passage holding a word. As they
// hold no clause, they never match beside one: Bleve's coordination
// scales every other passage of the tier alike, and their order stands.
func (c *compiler) topicTail(cq *compiledQuery) (query.Query, uint64) {
	if len(cq.topics) == 0 {
		return nil, 0
	}
	tags := make([]query.Query, len(cq.topics))
	var n uint64
	for i, t := range cq.topics {
		tags[i] = taggedQuery(t)
		n += c.docFreq(fieldTopic, t)
	}
	words := make([]query.Query, len(cq.required))
	for i, p := range cq.required {
		words[i] = p.match
	}
	q := bleve.NewBooleanQuery()
	q.AddMust(bleve.NewDisjunctionQuery(tags...))
	q.AddMustNot(bleve.NewDisjunctionQuery(words...))
	return q, n
}

// isName reports whether a word's terms are one that names a passage's
// council or region, or its speaker or their role.
func (c *compiler) isName(terms []string) bool {
	return len(terms) == 1 && (c.docFreq(fieldCouncilText, terms[0]) > 0 || c.docFreq(fieldSpeakerText, terms[0]) > 0)
}

// conceptQuery is the query's alternative to holding every text clause:
// passages that stand for each of them by a topic tag or a name
// (conceptAlts) but do not hold them all. It is nil unless every text
// clause has such a stand-in (part.standIn). The alternatives never both match a
// passage: Bleve scales a disjunction by the share of its clauses that
// match, so a passage with the words and the tag would otherwise score
// twice one with the words alone.
func (cq *compiledQuery) conceptQuery() query.Query {
	if len(cq.required) == 0 {
		return nil
	}
	q := bleve.NewBooleanQuery()
	var every []query.Query
	for _, p := range cq.required {
		if p.standIn == nil {
			return nil
		}
		q.AddMust(p.standIn)
		every = append(every, p.match)
	}
	q.AddMustNot(bleve.NewConjunctionQuery(every...))
	return q
}

// compoundPart is the clause of words that spell a compound topic phrase
// (topicPhrase.words, "well-being", "burn out"). The index holds them
// only as what stop-word removal leaves ("well"), so they are matched
// through the topic's tag, which ingest gives every passage saying them;
// they are reported not found unless some passage holds each of their
// words: the stem of a word the text analyzer keeps ("stepped" for
// "step"), the word itself of a stop word ("down").
func (c *compiler) compoundPart(cq *compiledQuery, typed []string, words [][]string, topic string) part {
	tagged := bleve.NewTermQuery(topic)
	tagged.SetField(fieldTopic)
	var each []query.Query
	for _, ws := range words {
		for _, w := range ws {
			q := bleve.NewTermQuery(w)
			q.SetField(fieldWords)
			if stem := analyzeTerms(c.ix.textAnalyzer, w); len(stem) == 1 {
				q = bleve.NewTermQuery(stem[0])
				q.SetField(fieldBody)
			}
			each = append(each, q)
		}
	}
	if text := strings.Join(typed, " "); !c.matchesAny(bleve.NewConjunctionQuery(each...)) {
		cq.notFound = append(cq.notFound, text)
	} else {
		cq.compoundsHeld = append(cq.compoundsHeld, text)
	}
	if !slices.Contains(cq.compounds, topic) {
		cq.compounds = append(cq.compounds, topic)
	}
	return part{match: tagged, rank: tagged, matches: c.docFreq(fieldTopic, topic)}
}
