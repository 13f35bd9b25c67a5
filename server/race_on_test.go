//go:build race

package server

// raceEnabled is true when the tests run under the race detector, which
// slows every request several times over.
const raceEnabled = true
