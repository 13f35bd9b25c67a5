package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// detailShown is how many of the worst queries WriteText explains.
const detailShown = 10

// The query column's width: at most the first, cut to no less than the
// second to fit a narrow terminal.
const (
	maxQueryWidth = 44
	minQueryWidth = 12
)

// WriteText prints the report for a terminal: one line per query, worst
// first, the means, then for each of the worst imperfect queries the best
// passage and what came back instead of it. The table's queries are cut
// so that its lines fit in width columns (0: at most 44 characters).
func (r *Report) WriteText(w io.Writer, width int) error {
	queryWidth := maxQueryWidth
	if width > 0 {
		// The other columns: ids, three figures, "not in top 20", and
		// six gaps of two.
		idWidth := len("MEAN")
		for _, q := range r.Queries {
			idWidth = max(idWidth, len(q.ID))
		}
		others := idWidth + len("nDCG@10") + len("MRR@10") + len("P@5") + len("R@20") + len(rankText(0)) + 6*2
		queryWidth = min(maxQueryWidth, max(minQueryWidth, width-others))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tQUERY\tnDCG@10\tMRR@10\tP@5\tR@20\tBEST AT")
	for _, q := range r.Queries {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.2f\t%.2f\t%s\n",
			q.ID, clip(q.Query, queryWidth), q.NDCG, q.MRR, q.Precision, q.Recall, rankText(q.BestRank))
	}
	fmt.Fprintf(tw, "MEAN\t(%d queries)\t%.3f\t%.3f\t%.2f\t%.2f\t\n",
		r.Count, r.Mean.NDCG, r.Mean.MRR, r.Mean.Precision, r.Mean.Recall)
	if err := tw.Flush(); err != nil {
		return err
	}

	shown := 0
	for _, q := range r.Queries {
		if shown == detailShown || (q.NDCG == 1 && q.MRR == 1) {
			break
		}
		if shown == 0 {
			fmt.Fprintf(w, "\nWorst queries: what came back instead of the best passage\n")
		}
		shown++
		fmt.Fprintf(w, "\n%s %q  nDCG@10 %.3f  MRR@10 %.3f\n", q.ID, q.Query, q.NDCG, q.MRR)
		if q.Error != "" {
			fmt.Fprintf(w, "  search failed: %s\n", q.Error)
		}
		fmt.Fprintf(w, "  wanted %s (grade %d) %s\n", q.Best, q.BestGrade, rankText(q.BestRank))
		for _, h := range q.Instead {
			fmt.Fprintf(w, "  %2d. %s [%s, grade %d] %s\n", h.Rank, h.ID, h.Kind, h.Grade, h.Snippet)
		}
		for _, m := range q.Missed {
			fmt.Fprintf(w, "  missed %s (grade %d, %s) %q\n", m.ID, m.Grade, rankText(m.Rank), m.Span)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

func rankText(rank int) string {
	if rank == 0 {
		return fmt.Sprintf("not in top %d", RecallDepth)
	}
	return fmt.Sprintf("rank %d", rank)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
