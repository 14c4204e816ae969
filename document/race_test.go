//go:build race

package document

// raceEnabled reports whether the race detector is on: it pads small
// allocations, so allocation totals run higher than in a normal build.
const raceEnabled = true
