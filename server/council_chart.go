package server

import (
	"fmt"
	"math"
	"strings"

	"github.com/recruitsearch/recruitsearch/profile"
)

// The chart's drawing box, in SVG user units; CSS scales it to the page.
const (
	chartWidth  = 640
	chartHeight = 280
	chartLeft   = 48 // room for the y labels
	chartRight  = 16
	chartTop    = 16
	chartBottom = 36 // room for the x labels
)

// chartView is a line chart drawn on the server as SVG: no script, a
// title and a description that reads out every number, so the picture
// adds to the table beside it and hides nothing from a screen reader.
type chartView struct {
	ID     string // prefix for the title and desc element ids
	Title  string
	Desc   string
	Width  int
	Height int
	Left   float64 // the plot area
	Right  float64
	Top    float64
	Bottom float64
	XTicks []chartTick
	YTicks []chartTick
	Series []chartSeries
}

// chartTick is one labelled position on an axis.
type chartTick struct {
	Pos   float64
	Label string
}

// chartSeries is one line: its name for the legend, a class for its
// colour and dash pattern, the runs of consecutive years it has figures
// for (a missing year breaks the line) and a marker per figure.
type chartSeries struct {
	Name   string
	Class  string
	Paths  []string
	Points []chartPoint
}

// chartPoint is one figure on the chart, with its label as a tooltip.
type chartPoint struct {
	X, Y  float64
	Label string
}

// chartLine is the input of one series: a name and a figure per year;
// Missing says why a year has none, for the description.
type chartLine struct {
	Name    string
	Class   string
	Values  map[int]figureView
	Missing string
}

// lineChart lays out lines over years on a y axis from zero to a round
// number above the largest figure. unit follows each number in the
// description ("cases", "%").
func lineChart(id, title, unit string, years []int, lines []chartLine) chartView {
	c := chartView{
		ID: id, Title: title, Width: chartWidth, Height: chartHeight,
		Left: chartLeft, Right: chartWidth - chartRight, Top: chartTop, Bottom: chartHeight - chartBottom,
	}
	top := 0.0
	for _, l := range lines {
		for _, f := range l.Values {
			if f.Value != nil {
				top = max(top, *f.Value)
			}
		}
	}
	step, top := niceScale(top)
	y := func(v float64) float64 { return c.Bottom - v/top*(c.Bottom-c.Top) }
	x := func(i int) float64 {
		if len(years) < 2 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + 12 + float64(i)*(c.Right-c.Left-24)/float64(len(years)-1)
	}
	for v := 0.0; v <= top+step/2; v += step {
		c.YTicks = append(c.YTicks, chartTick{Pos: y(v), Label: profile.FigureText(math.Round(v*10) / 10)})
	}
	for i, yr := range years {
		label := ""
		// Every year fits from 640 units down; on a long series label
		// every other year and always the last.
		if len(years) <= 10 || i%2 == (len(years)-1)%2 {
			label = fmt.Sprint(yr)
		}
		c.XTicks = append(c.XTicks, chartTick{Pos: x(i), Label: label})
	}
	var desc []string
	for _, l := range lines {
		s := chartSeries{Name: l.Name, Class: l.Class}
		var run []string
		var said []string
		flush := func() {
			if len(run) > 0 {
				s.Paths = append(s.Paths, "M"+strings.Join(run, " L"))
				run = nil
			}
		}
		for i, yr := range years {
			f, ok := l.Values[yr]
			if !ok || f.Value == nil {
				flush()
				reason := f.Reason
				if !ok {
					reason = "no figure"
				}
				said = append(said, fmt.Sprintf("%d not published (%s)", yr, reason))
				continue
			}
			px, py := x(i), y(*f.Value)
			run = append(run, fmt.Sprintf("%.1f %.1f", px, py))
			s.Points = append(s.Points, chartPoint{X: px, Y: py, Label: fmt.Sprintf("%s, %d: %s", l.Name, yr, f.Text)})
			said = append(said, fmt.Sprintf("%d %s", yr, f.Text))
		}
		flush()
		c.Series = append(c.Series, s)
		desc = append(desc, l.Name+": "+strings.Join(said, ", "))
	}
	c.Desc = title + ", " + unit + ". " + strings.Join(desc, ". ") + "."
	return c
}

// niceScale picks a tick step of 1, 2, 2.5 or 5 times a power of ten
// giving about five ticks, and the top of the axis as a whole number of
// steps at or above max.
func niceScale(max float64) (step, top float64) {
	if max <= 0 {
		return 1, 5
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	return step, math.Ceil(max/step) * step
}
