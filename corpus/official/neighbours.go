package official

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// neighbourCount is how many statistical neighbours DfE lists per council.
const neighbourCount = 10

// readNeighbours reads DfE's statistical neighbours model: for each
// council by DfE code, its ten most similar councils (SN_1 … SN_10) and
// how close each is (SN_1P …). Neighbours are resolved once every file is
// read, since their latest figures are shown with them.
func readNeighbours(b *builder, file string, data []byte) (string, error) {
	cols := []string{"old_la_code"}
	for i := 1; i <= neighbourCount; i++ {
		cols = append(cols, "SN_"+strconv.Itoa(i), "SN_"+strconv.Itoa(i)+"P")
	}
	_, err := eachRow(file, data, cols, func(t *table, r row) error {
		p, err := b.authority(t, r, t.get(r, "old_la_code"), "", "old_la_code")
		if err != nil {
			return err
		}
		b.sawName(p, t.get(r, "la_name"))
		if b.neighbours[p] != nil {
			return formatErr(file, r.line, "old_la_code", fmt.Errorf("a second row for %s", p.Name))
		}
		for i := 1; i <= neighbourCount; i++ {
			n := rawNeighbour{
				dfe:       t.get(r, "SN_"+strconv.Itoa(i)),
				closeness: strings.TrimSpace(t.get(r, "SN_"+strconv.Itoa(i)+"P")),
				file:      file, line: r.line,
			}
			b.neighbours[p] = append(b.neighbours[p], n)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return "DfE statistical neighbours (" + strings.TrimSuffix(filepath.Base(file), ".csv") + ")", nil
}
