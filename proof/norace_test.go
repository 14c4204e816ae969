//go:build !race

package proof

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
