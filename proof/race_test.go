//go:build race

package proof

// raceEnabled reports whether the race detector is on; the binary is then
// built with it too.
const raceEnabled = true
