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

// TestMigrateRefs: refs in the source provider's own account and region
// are read as their kinds, as plan reads them: a topic carries over to
// FunctionGraph, a queue takes its map-file replacement under its kind's
// key, and each is reported on standard error. A ref of another account
// is an error that says it is foreign.
func TestMigrateRefs(t *testing.T) {
	const providers = `version: 1
providers:
  ali:
    type: alifc
    region: cn-hangzhou
    accountId: "1234567890123456"
  hw:
    type: huaweifg
    region: cn-north-4
    projectId: 0123456789abcdef0123456789abcdef
functions:
`
	local := providers + `  - provider: ali
    function: shop/orders
    onSuccess: {ref: "acs:mns:cn-hangzhou:1234567890123456:/queues/audit-dl/messages"}
    onFailure: {ref: "acs:mns:cn-hangzhou:1234567890123456:/topics/t1/messages"}
`
	doc := writeFile(t, "doc.yaml", local)
	mapFile := writeFile(t, "map.yaml", "version: 1\ndestinations:\n  \"queue:audit-dl\": {topic: audit}\n")

	r := mustRun(t, 0, "", "migrate", "-f", doc, "--to", "hw", "--map", mapFile)
	for _, want := range []string{"    onSuccess:\n      topic: audit\n", "    onFailure:\n      topic: t1\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("migrated document lacks %q\n%s", want, r)
		}
	}
	for _, want := range []string{
		`doc.yaml:14:5: warning: /functions/0/onSuccess: queue destination audit-dl (read from ref acs:mns:cn-hangzhou:1234567890123456:/queues/audit-dl/messages in provider ali's own account and region) replaced by topic:audit from the map file`,
		`doc.yaml:15:5: warning: /functions/0/onFailure: ref destination acs:mns:cn-hangzhou:1234567890123456:/topics/t1/messages is read as topic:t1 (it is in provider ali's own account and region) and carried over as topic:t1`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("migrate does not report\n%s\n%s", want, r)
		}
	}
	// The migrated document is itself valid.
	mustRun(t, 0, r.stdout, "validate", "-")

	foreign := writeFile(t, "foreign.yaml", providers+`  - provider: ali
    function: shop/orders
    onFailure: {ref: "acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages"}
`)
	r = mustRun(t, 1, "", "migrate", "-f", foreign, "--to", "hw")
	want := `foreign.yaml:14:5: error: /functions/0/onFailure: a ref destination (acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages) is foreign: it names account 9999999999999999, region cn-hangzhou, not provider ali's own account and region (account 1234567890123456, region cn-hangzhou), and has no equivalent on huaweifg: add a replacement under destinations: {"ref:acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages": {...}} in the map file`
	if !strings.Contains(r.stderr, want) || r.stdout != "" {
		t.Errorf("migrate of a foreign ref does not fail with\n%s\n%s", want, r)
	}
}

// TestMigrateServiceReplacesPackage: the map file's service replaces a
// FunctionGraph package on the way to FC 2.0, and says so.
func TestMigrateServiceReplacesPackage(t *testing.T) {
	doc := writeFile(t, "doc.yaml", `version: 1
providers:
  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}
  ali: {type: alifc, region: cn-hangzhou, accountId: "1234567890123456"}
functions:
  - {provider: hw, function: billing/invoice, absent: true}
`)
	mapFile := writeFile(t, "map.yaml", "version: 1\nservice: shop\n")
	r := mustRun(t, 0, "", "migrate", "-f", doc, "--to", "ali", "--map", mapFile)
	want := `doc.yaml:6:30: warning: /functions/0/function: service "shop" from the map file replaces package "billing" of billing/invoice`
	if !strings.Contains(r.stdout, "function: shop/invoice") || !strings.Contains(r.stderr, want) {
		t.Errorf("migrate with service: shop does not give shop/invoice and report\n%s\n%s", want, r)
	}
}

// TestMigrateRefusesWhatTheTargetRefuses: what the migrated document could
// not hold fails the migration at the line of the source entry: a
// destination qualifier the target's rule refuses, a map-file replacement
// that is not valid on the target as written (named by its key), and an
// entry that becomes a function the target entries already declare.
func TestMigrateRefusesWhatTheTargetRefuses(t *testing.T) {
	const providers = `version: 1
providers:
  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}
  ali: {type: alifc, region: cn-hangzhou, accountId: "1234567890123456"}
functions:
`
	doc := writeFile(t, "doc.yaml", providers+`  - provider: hw
    function: shop/orders
    onSuccess: {function: shop/notify, qualifier: 1a}
    onFailure: {bucket: logs}
`)
	mapFile := writeFile(t, "map.yaml", "version: 1\ndestinations:\n  \"bucket:logs\": {function: audit}\n")
	r := mustRun(t, 1, "", "migrate", "-f", doc, "--to", "ali", "--map", mapFile)
	for _, want := range []string{
		`doc.yaml:8:51: error: /functions/0/onSuccess/qualifier: destination qualifier name "1a" is not valid on alifc (must match LATEST|[0-9]{1,20}|[A-Za-z_][A-Za-z0-9_-]{0,127}): rename it under qualifiers: in the map file`,
		`doc.yaml:9:5: error: /functions/0/onFailure: map file replacement for "bucket:logs"`,
		`map.yaml:3:18): function "audit" must have the form service/function on alifc`,
	} {
		if !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("migrate does not fail with\n%s\n%s", want, r)
		}
	}

	// The qualifier renames of the map file apply to destinations too.
	fixed := writeFile(t, "fixed.yaml", "version: 1\nqualifiers: {1a: v1a}\ndestinations:\n  \"bucket:logs\": {function: shop/audit}\n")
	r = mustRun(t, 0, "", "migrate", "-f", doc, "--to", "ali", "--map", fixed)
	for _, want := range []string{"    onSuccess:\n      function: shop/notify\n      qualifier: v1a\n", "    onFailure:\n      function: shop/audit\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("migrated document lacks %q\n%s", want, r)
		}
	}
	mustRun(t, 0, r.stdout, "validate", "-")

	twice := writeFile(t, "twice.yaml", providers+`  - {provider: ali, function: shop/orders, absent: true}
  - {provider: hw, function: shop/orders, absent: true}
`)
	r = mustRun(t, 1, "", "migrate", "-f", twice, "--to", "ali")
	want := `twice.yaml:7:5: error: /functions/1: hw:shop/orders@latest becomes ali:shop/orders@LATEST on ali, which the entry at /functions/0, line 6 already declares: rename it under functions: in the map file, or remove one of the two`
	if !strings.Contains(r.stderr, want) || r.stdout != "" {
		t.Errorf("migrate onto a function the target already declares does not fail with\n%s\n%s", want, r)
	}
}
