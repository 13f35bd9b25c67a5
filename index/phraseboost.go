package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The phrase boost on a window. A multi-word query rewards passages that
// hold its words as a phrase (wordRun's boosts), and the searches that
// rank a window of hits again (rank.go, collapse.go) carry that boost.
// Restricted to a hundred passages by their ids, the query still pays
// for the whole phrase search: Bleve's phrase searcher, advanced to a
// passage that lacks the phrase, reads on through every passage holding
// all its words until one holds them in order, so a rare phrase of
// common words costs a pass over most of the index (13–19% of a
// multi-word search, BENCHMARKS.md). Here the window's passages that
// hold the phrase are found from their term positions, and the boost
// becomes the conjunction of the phrase's terms restricted to them: the
// score Bleve's phrase searcher gives a match, which is its terms'
// conjunction score, with the same weight in the query norm.

// rankOnly is the rank form of tq restricted to the passages ids, with
// its phrase boosts found within them (see above).
func (ix *Index) rankOnly(ctx context.Context, tq tierQuery, ids []string) (*query.BooleanQuery, error) {
	if len(tq.cq.boosts) > 0 && !ix.scanPhrases {
		boosts, err := ix.windowBoosts(ctx, tq.cq.boosts, ids)
		if err != nil {
			return nil, err
		}
		cq := *tq.cq
		cq.boosts = boosts
		tq.cq = &cq
	}
	return onlyIDs(ix.assemble(tq, formRank, ""), ids), nil
}

// windowBoosts returns boosts with each phrase query replaced by the
// conjunction of its terms restricted to those of ids that hold the
// phrase. A phrase it cannot judge the way Bleve does (synonyms of its
// words, two terms at one position) is kept as it is.
func (ix *Index) windowBoosts(ctx context.Context, boosts []query.Query, ids []string) ([]query.Query, error) {
	adv, err := ix.cur.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return boosts, nil
	}
	out := make([]query.Query, len(boosts))
	for i, b := range boosts {
		out[i] = b
		mp, ok := b.(*query.MatchPhraseQuery)
		if !ok || mp.FieldVal == "" || mp.Analyzer != "" || mp.Fuzziness != 0 {
			continue
		}
		slots, ok := ix.phraseSlots(ctx, snap, mp)
		if !ok {
			continue
		}
		holding, err := phraseHolders(snap, mp.FieldVal, slots, ids)
		if err != nil {
			return nil, err
		}
		conj := bleve.NewConjunctionQuery()
		for _, t := range slots {
			if t == "" {
				continue
			}
			tq := bleve.NewTermQuery(t)
			tq.SetField(mp.FieldVal)
			tq.SetBoost(mp.BoostVal.Value())
			conj.AddQuery(tq)
		}
		only := bleve.NewDocIDQuery(holding)
		only.SetBoost(0)
		conj.AddQuery(only)
		out[i] = conj
	}
	return out, nil
}

// phraseSlots analyses mp's phrase as Bleve's phrase query does: one
// term per position from the first, "" where a stop word was. ok is
// false when a position holds two terms or a term has synonyms in the
// field, which Bleve's phrase searcher matches in ways not copied here.
func (ix *Index) phraseSlots(ctx context.Context, snap *scorch.IndexSnapshot, mp *query.MatchPhraseQuery) ([]string, bool) {
	m := ix.cur.Mapping()
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(mp.FieldVal))
	if an == nil {
		return nil, false
	}
	tokens := an.Analyze([]byte(mp.MatchPhrase))
	if len(tokens) == 0 {
		return nil, false
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([]string, last-first+1)
	for _, t := range tokens {
		if slots[t.Position-first] != "" {
			return nil, false
		}
		slots[t.Position-first] = string(t.Term)
	}
	if sm, ok := m.(interface{ SynonymSourceForPath(string) string }); ok && sm.SynonymSourceForPath(mp.FieldVal) != "" {
		src := sm.SynonymSourceForPath(mp.FieldVal)
		for _, t := range slots {
			if t == "" {
				continue
			}
			tr, err := snap.ThesaurusTermReader(ctx, src, []byte(t))
			if err != nil {
				return nil, false
			}
			syn, err := tr.Next()
			_ = tr.Close()
			if err != nil || syn != "" {
				return nil, false
			}
		}
	}
	return slots, true
}

// phraseHolders returns those of ids whose field holds the terms of
// slots at consecutive positions within one value ("" matching any
// term), as Bleve's phrase searcher finds them with no slop.
func phraseHolders(snap *scorch.IndexSnapshot, field string, slots []string, ids []string) ([]string, error) {
	var out []string
	for _, ss := range snap.Segments() {
		docs, err := ss.DocNumbers(ids)
		if err != nil {
			return nil, err
		}
		if docs.IsEmpty() {
			continue
		}
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		// One postings iterator per slot, advanced through docs in order,
		// and the posting each stands on: an iterator moves on from its
		// last posting, so one already past a document must be kept.
		its := make([]segment.PostingsIterator, len(slots))
		at := make([]segment.Posting, len(slots))
		for i, t := range slots {
			if t == "" {
				continue
			}
			pl, err := dict.PostingsList([]byte(t), nil, nil)
			if err != nil {
				return nil, err
			}
			its[i] = pl.Iterator(false, false, true, nil)
		}
		it := docs.Iterator()
	DOCS:
		for it.HasNext() {
			doc := uint64(it.Next())
			locs := make([][]segment.Location, len(slots))
			for i, pi := range its {
				if pi == nil {
					continue
				}
				if at[i] == nil || at[i].Number() < doc {
					p, err := pi.Advance(doc)
					if err != nil {
						return nil, err
					}
					if p == nil {
						break DOCS // no later document holds this term
					}
					at[i] = p
				}
				if at[i].Number() != doc {
					continue DOCS
				}
				locs[i] = at[i].Locations()
			}
			if holdsPhrase(locs) {
				id, err := ss.DocID(doc)
				if err != nil {
					return nil, err
				}
				out = append(out, string(id))
			}
		}
	}
	return out, nil
}

// holdsPhrase reports whether some location of the first slot's term is
// followed, position by position, by a location of each later slot's
// term in the same value; a nil slot matches any term.
func holdsPhrase(locs [][]segment.Location) bool {
	for _, l0 := range locs[0] {
		ok := true
		for i := 1; i < len(locs) && ok; i++ {
			if locs[i] == nil {
				continue
			}
			ok = false
			for _, l := range locs[i] {
				if l.Pos() == l0.Pos()+uint64(i) && sameArrayPositions(l.ArrayPositions(), l0.ArrayPositions()) {
					ok = true
					break
				}
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func sameArrayPositions(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
