package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/blevesearch/bleve/v2"
)

// CheckReport is what Check found in an index directory.
type CheckReport struct {
	Dir string `json:"dir"`
	// Problems describes each thing found wrong, in words; none means
	// the index and its kept sources are whole and agree.
	Problems []string `json:"problems"`
	// Articles and Passages count what the index holds.
	Articles int `json:"articles"`
	Passages int `json:"passages"`
	// Sources counts the kept sources and SourceArticles the articles
	// the manifest says they produced.
	Sources        int `json:"sources"`
	SourceArticles int `json:"source_articles"`
	// Segments counts the index segments whose checksums were verified.
	Segments int `json:"segments"`
}

// OK reports whether nothing was found wrong.
func (r *CheckReport) OK() bool { return len(r.Problems) == 0 }

func (r *CheckReport) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// Check verifies the index in dir as SQLite's integrity_check does its
// database, without changing anything: the marker and CURRENT, every
// manifest line, every kept source read back and checked against its
// SHA-256, every live segment against its CRC-32, and the index and its
// kept sources holding the same articles with the same passage counts.
// It takes the lock shared, so it waits for no one but is refused
// (ErrLocked) while a writer holds the index. The error is for what
// stopped the check; what is wrong is in the report.
func Check(ctx context.Context, dir string, opts Options) (*CheckReport, error) {
	opts = opts.withDefaults()
	opts.ReadOnly = true
	rep := &CheckReport{Dir: dir, Problems: []string{}}
	if err := claimDir(dir, false); err != nil {
		return nil, err
	}
	lock, err := acquireLock(dir, false)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	cur, err := readCurrent(filepath.Join(dir, "index"))
	if err != nil {
		rep.problem("%v", err)
		return rep, nil
	}
	sources, err := openDirSources(filepath.Join(dir, cur.sources), true, opts.Logger)
	if err != nil {
		rep.problem("%v", err)
		return rep, nil
	}
	defer sources.close()
	ix, err := newIndex(opts, dir, sources)
	if err != nil {
		return nil, err
	}
	if cur.gen == "" {
		checkSources(ctx, sources, rep)
		rep.problem("%s names no generation: the index was never built", filepath.Join(dir, "index", currentName))
		return rep, ctx.Err()
	}
	bi := ix.openForCheck(filepath.Join(dir, "index", cur.gen), rep)
	if bi == nil {
		checkSources(ctx, sources, rep)
		return rep, ctx.Err()
	}
	defer bi.Close()
	// Read the manifest as the next writer will, without the lines of a
	// write the index never received.
	// An index more than one write behind lost acknowledged writes: that
	// is damage, and the lines stay, so the comparison below names the
	// articles it lacks.
	if committed, err := committedSeq(bi); err != nil {
		rep.problem("%v", err)
	} else if err := behindError(dir, committed, sources.maxSeq()); err != nil {
		rep.problem("%v", err)
	} else if err := sources.rollbackAfter(committed); err != nil {
		rep.problem("%v", err)
	}
	listed := checkSources(ctx, sources, rep)
	if err := ix.checkAgreement(ctx, bi, listed, rep); err != nil {
		rep.problem("%v", err)
	}
	return rep, ctx.Err()
}

// checkSources reads back every kept source and returns the articles the
// manifest says they hold, by id, with the source that holds each.
func checkSources(ctx context.Context, s *dirSources, rep *CheckReport) map[string]string {
	rep.Problems = append(rep.Problems, s.problems()...)
	listed := map[string]string{}
	for _, e := range s.entries() {
		if ctx.Err() != nil {
			return listed
		}
		rep.Sources++
		for _, id := range e.Articles {
			listed[id] = e.Name
		}
		if _, err := s.get(e); err != nil {
			rep.problem("%v", err)
		}
	}
	rep.SourceArticles = len(listed)
	return listed
}

// openForCheck opens a generation read-only, noting in rep what is
// wrong with it (every bad segment, not only the first); nil when it
// cannot be used.
func (ix *Index) openForCheck(path string, rep *CheckReport) bleve.Index {
	bi, err := ix.openGeneration(path, true)
	if err == nil {
		return bi
	}
	rep.problem("%v", err)
	rep.Problems = append(rep.Problems, verifyStoreFiles(path)...)
	return nil
}

// checkAgreement compares the articles and passages bi holds with those
// the manifest lists.
func (ix *Index) checkAgreement(ctx context.Context, bi bleve.Index, listed map[string]string, rep *CheckReport) (err error) {
	defer ix.recoverDamage(&err)
	segments, _ := liveSegments(bi)
	rep.Segments = len(segments)
	ix.install(bi, "")
	metas, err := ix.allMeta(ctx)
	if err != nil {
		rep.problem("reading the articles of the index: %v", err)
		return nil
	}
	passages, err := ix.passageCount(ctx)
	if err != nil {
		rep.problem("counting the passages of the index: %v", err)
		return nil
	}
	rep.Articles, rep.Passages = len(metas), int(passages)
	var notKept []string
	sum := 0
	for _, m := range metas {
		sum += m.PassageCount
		if listed[m.ID] != m.SourceName {
			notKept = append(notKept, m.ID)
		}
		delete(listed, m.ID)
	}
	if len(notKept) > 0 {
		slices.Sort(notKept)
		rep.problem("%d articles in the index are in no kept source: a rebuild refuses, and `rebuild --force` keeps them from the index's stored copy, all that is left of them (%s)", len(notKept), sample(notKept))
	}
	if len(listed) > 0 {
		missing := make([]string, 0, len(listed))
		for id := range listed {
			missing = append(missing, id)
		}
		slices.Sort(missing)
		rep.problem("%d articles of the kept sources are not in the index (%s); `recruitsearch rebuild` restores them", len(missing), sample(missing))
	}
	if sum != rep.Passages {
		rep.problem("the index holds %d passages where its articles list %d", rep.Passages, sum)
	}
	return nil
}
