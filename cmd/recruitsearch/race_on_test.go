//go:build race

package main

// raceEnabled is true when the tests run with -race, which slows Bleve's
// segment merging several times over; the crash test sizes itself by it.
const raceEnabled = true
