package fgemu

import (
	"regexp"
	"strings"
)

// Region is the region the emulator names in URNs it makes up (in
// ListFunctions, and for requests that address a function by a short
// URN). The emulator serves every region alike.
const Region = "cn-north-4"

// latest is the version every function has.
const latest = "latest"

// Name rules, from the FunctionGraph documents: a function name starts
// with a letter, ends with a letter or digit, at most 60 characters of
// letters, digits, - and _; aliases and versions at most 64; project ids
// letters and digits; a func_urn at most 269 characters.
var (
	reProject   = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	reRegion    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`)
	rePackage   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	reFunction  = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_-]{0,58}[A-Za-z0-9])?$`)
	reQualifier = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$`)
	reRequestID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)
	reTopicURN  = regexp.MustCompile(`^urn:smn:[a-z0-9-]{1,64}:[A-Za-z0-9]{32}:[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`)
	reAutoVer   = regexp.MustCompile(`^v[0-9]{8}-[0-9]{6}$`)
)

const maxURN = 269

// urn is a function URN as the emulator reads it.
type urn struct {
	region, project, pkg, name string
	// qualifier is the URN's last field: a version, "!alias", or empty
	// (the function as a whole, which means latest).
	qualifier string
}

// parseURN reads a func_urn in any form the API accepts: NAME, PKG:NAME,
// PROJECT:PKG:NAME[:QUAL] or urn:fss:REGION:PROJECT:function:PKG:NAME[:QUAL].
func parseURN(s string) (urn, bool) {
	if s == "" || len(s) > maxURN {
		return urn{}, false
	}
	f := strings.Split(s, ":")
	u := urn{pkg: "default"}
	switch len(f) {
	case 1:
		u.name = f[0]
	case 2:
		u.pkg, u.name = f[0], f[1]
	case 3, 4:
		u.project, u.pkg, u.name = f[0], f[1], f[2]
		if len(f) == 4 {
			u.qualifier = f[3]
		}
	case 7, 8:
		if f[0] != "urn" || f[1] != "fss" || f[4] != "function" || !reRegion.MatchString(f[2]) {
			return urn{}, false
		}
		u.region, u.project, u.pkg, u.name = f[2], f[3], f[5], f[6]
		if len(f) == 8 {
			u.qualifier = f[7]
		}
	default:
		return urn{}, false
	}
	if (len(f) >= 3 && !reProject.MatchString(u.project)) || !rePackage.MatchString(u.pkg) || !reFunction.MatchString(u.name) {
		return urn{}, false
	}
	if len(f) == 4 || len(f) == 8 {
		if !reQualifier.MatchString(strings.TrimPrefix(u.qualifier, "!")) {
			return urn{}, false
		}
	}
	return u, true
}

// key is the function's key in a project: "pkg/name".
func (u urn) key() string { return u.pkg + "/" + u.name }

// full renders the 8-field URN of qualifier q (a version or "!alias") in
// project; the region is u's, or Region.
func (u urn) full(project, q string) string {
	region := u.region
	if region == "" {
		region = Region
	}
	return functionURN(region, project, u.pkg, u.name) + ":" + q
}

func functionURN(region, project, pkg, name string) string {
	return "urn:fss:" + region + ":" + project + ":function:" + pkg + ":" + name
}

// qualifierSegment turns a qualifier given to AddFunction into a URN's
// last field: "!NAME" is an alias; a plain name follows the rule the
// adapter (mapping.FgsIsVersion) uses for neutral qualifiers, so that a
// document's qualifiers seed what its requests address: "latest",
// published-version names (vYYYYMMDD-HHMMSS) and names starting with a
// digit are versions, other names aliases.
func qualifierSegment(q string) string {
	if strings.HasPrefix(q, "!") || q == latest || reAutoVer.MatchString(q) || (q != "" && q[0] >= '0' && q[0] <= '9') {
		return q
	}
	return "!" + q
}
