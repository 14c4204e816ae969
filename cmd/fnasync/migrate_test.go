package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrateEndToEnd moves live configs from one cloud to another:
// export from the source provider, migrate onto the target, apply to the
// target's emulator, then plan the migrated document, which must show no
// changes. Every provider of the document points at the same listener.
// A destination the target cloud lacks fails the migration at its line
// and column until the map file replaces it.
func TestMigrateEndToEnd(t *testing.T) {
	setKeys(t)
	tests := []struct {
		from, to string
		mapFile  string // "" when the migration needs none
		unmapped string // the located error without the map file
		api      string // the path prefix of the target cloud's API
	}{
		{"hw", "ali3", "map-to-fc.yaml", "<stdin>:25:5: error: /functions/0/onFailure: a bucket destination (async-failures) has no equivalent on alifc3", "/2023-03-30/"},
		{"hw", "ali", "map-to-fc.yaml", "<stdin>:25:5: error: /functions/0/onFailure: a bucket destination (async-failures) has no equivalent on alifc", "/2021-04-06/"},
		{"ali", "hw", "map-to-fg.yaml", "<stdin>:26:5: error: /functions/0/onFailure: a queue destination (dead-letters) has no equivalent on huaweifg", "/v2/"},
		{"ali3", "hw", "map-to-fg.yaml", "<stdin>:26:5: error: /functions/0/onFailure: an eventBus destination (default) has no equivalent on huaweifg", "/v2/"},
		{"ali", "ali3", "", "", "/2023-03-30/"},
	}
	for _, tt := range tests {
		name := tt.from + "-to-" + tt.to
		t.Run(name, func(t *testing.T) {
			e, doc := startSeeded(t, "migrate", "clouds.yaml")
			e.seed(t, testdata("migrate", "targets.yaml"))
			mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
			sc := func(r result) string { return scrub(r.String(), filepath.Dir(doc), "DIR", e.URL, "ENDPOINT") }

			exported := mustRun(t, 0, "", "export", "-f", doc, "--provider", tt.from, "--all")
			golden(t, "migrate/export-"+tt.from, sc(exported))

			args := []string{"migrate", "-f", "-", "--to", tt.to}
			if tt.mapFile != "" {
				r := mustRun(t, 1, exported.stdout, args...)
				if !strings.Contains(r.stderr, tt.unmapped) {
					t.Errorf("migrate without the map file does not say\n%s\n%s", tt.unmapped, r)
				}
				golden(t, "migrate/"+name+"-unmapped", sc(r))
				args = append(args, "--map", testdata("migrate", tt.mapFile))
			}
			migrated := mustRun(t, 0, exported.stdout, args...)
			golden(t, "migrate/"+name, sc(migrated))

			mark := e.mark()
			applied := mustRun(t, 0, migrated.stdout, "apply", "-f", "-", "--auto-approve")
			sent := writes(e.since(mark))
			if len(sent) == 0 {
				t.Errorf("apply of the migrated document sent no write:\n%s", applied)
			}
			for _, w := range sent {
				if _, path, _ := strings.Cut(w, " "); !strings.HasPrefix(path, tt.api) {
					t.Errorf("apply of the migrated document wrote outside %s: %s", tt.api, w)
				}
			}
			r := mustRun(t, 0, migrated.stdout, "plan", "-f", "-", "--detailed-exitcode")
			if !strings.Contains(r.stdout, "No changes.") {
				t.Errorf("plan of the applied migration:\n%s", r)
			}
		})
	}
}
