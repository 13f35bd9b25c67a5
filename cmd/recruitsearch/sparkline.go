package main

import (
	"math"
	"strings"
)

// sparkBars are the eighths of a block, lowest first.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values as a row of bars scaled between their smallest
// and largest; a missing value (nil) is a space.
func sparkline(values []*float64) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if v != nil {
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case v == nil:
			b.WriteRune(' ')
		case hi == lo:
			b.WriteRune(sparkBars[len(sparkBars)/2])
		default:
			b.WriteRune(sparkBars[int(math.Round((*v-lo)/(hi-lo)*float64(len(sparkBars)-1)))])
		}
	}
	return b.String()
}
