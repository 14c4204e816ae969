package mapping

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// FgsScope is the region and project one FunctionGraph provider addresses.
// Function and topic URNs of this scope are read as the neutral kinds;
// URNs of another region or project are kept verbatim as ref destinations.
type FgsScope struct {
	Region    string
	ProjectID string
}

// FgsURN is a parsed FunctionGraph function URN,
//
//	urn:fss:REGION:PROJECT:function:PACKAGE:NAME[:VERSION|:!ALIAS]
//
// or one of the short forms the API accepts: NAME (package "default"),
// PACKAGE:NAME, PROJECT:PACKAGE:NAME and PROJECT:PACKAGE:NAME:VERSION|!ALIAS.
// At most one of Version and Alias is set; neither means "latest".
type FgsURN struct {
	Region    string
	ProjectID string
	Package   string
	Function  string
	Version   string
	Alias     string
	// Fields is how many colon-separated fields the URN has: 1, 2, 3, 4, 7
	// or 8. String renders that form.
	Fields int
}

// fgsMaxURN is the longest func_urn the API takes.
const fgsMaxURN = 269

var (
	fgsRegionRE  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`)
	fgsProjectRE = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	fgsTopicRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`)
	// fgsAutoVersionRE matches the names FunctionGraph gives published
	// versions (vYYYYMMDD-HHMMSS).
	fgsAutoVersionRE = regexp.MustCompile(`^v[0-9]{8}-[0-9]{6}$`)
)

// fgsLimits are the FunctionGraph name rules (package, function,
// qualifier) from the embedded limits table.
func fgsLimits() model.Limits {
	l, _ := schemas.Limits(model.TypeHuaweiFG)
	return l
}

// ParseFgsURN parses a function URN in any of the forms the API accepts
// (see FgsURN). Every part is checked against FunctionGraph's name rules;
// the result's String is exactly s.
func ParseFgsURN(s string) (FgsURN, error) {
	if s == "" || len(s) > fgsMaxURN {
		return FgsURN{}, fmt.Errorf("function urn %q must be 1 to %d characters", fgsTruncate(s), fgsMaxURN)
	}
	f := strings.Split(s, ":")
	u := FgsURN{Fields: len(f), Package: "default"}
	var qual string
	switch len(f) {
	case 1:
		u.Function = f[0]
	case 2:
		u.Package, u.Function = f[0], f[1]
	case 3, 4:
		u.ProjectID, u.Package, u.Function = f[0], f[1], f[2]
		if len(f) == 4 {
			qual = f[3]
		}
	case 7, 8:
		if f[0] != "urn" || f[1] != "fss" || f[4] != "function" {
			return FgsURN{}, fmt.Errorf("function urn %q must have the form urn:fss:REGION:PROJECT:function:PACKAGE:NAME[:QUALIFIER]", fgsTruncate(s))
		}
		u.Region, u.ProjectID, u.Package, u.Function = f[2], f[3], f[5], f[6]
		if len(f) == 8 {
			qual = f[7]
		}
		if !fgsRegionRE.MatchString(u.Region) {
			return FgsURN{}, fmt.Errorf("function urn %q: region %q is not a region name", fgsTruncate(s), fgsTruncate(u.Region))
		}
	default:
		return FgsURN{}, fmt.Errorf("function urn %q has %d fields, want 1, 2, 3, 4, 7 or 8", fgsTruncate(s), len(f))
	}
	if u.Fields >= 3 && !fgsProjectRE.MatchString(u.ProjectID) {
		return FgsURN{}, fmt.Errorf("function urn %q: project id %q must be 32 letters and digits", fgsTruncate(s), fgsTruncate(u.ProjectID))
	}
	l := fgsLimits()
	if err := model.CheckName("package", u.Package, l); err != nil {
		return FgsURN{}, fmt.Errorf("function urn %q: %w", fgsTruncate(s), err)
	}
	if err := model.CheckName("function", u.Function, l); err != nil {
		return FgsURN{}, fmt.Errorf("function urn %q: %w", fgsTruncate(s), err)
	}
	if u.Fields == 4 || u.Fields == 8 {
		name, alias := strings.CutPrefix(qual, "!")
		if err := model.CheckName("qualifier", name, l); err != nil {
			return FgsURN{}, fmt.Errorf("function urn %q: %w", fgsTruncate(s), err)
		}
		if alias {
			u.Alias = name
		} else {
			u.Version = name
		}
	}
	return u, nil
}

// String renders u in the form of its Fields.
func (u FgsURN) String() string {
	var b strings.Builder
	switch u.Fields {
	case 1:
		return u.Function
	case 2:
		return u.Package + ":" + u.Function
	case 3, 4:
		b.WriteString(u.ProjectID + ":" + u.Package + ":" + u.Function)
	default:
		b.WriteString("urn:fss:" + u.Region + ":" + u.ProjectID + ":function:" + u.Package + ":" + u.Function)
	}
	if q := u.segment(); q != "" && (u.Fields == 4 || u.Fields == 8 || u.Fields == 0) {
		b.WriteString(":" + q)
	}
	return b.String()
}

func (u FgsURN) segment() string {
	if u.Alias != "" {
		return "!" + u.Alias
	}
	return u.Version
}

// Qualifier returns the version or alias u names; empty when it names
// neither (the API then means "latest").
func (u FgsURN) Qualifier() string {
	if u.Alias != "" {
		return u.Alias
	}
	return u.Version
}

// Name returns the neutral function name, "PACKAGE/NAME".
func (u FgsURN) Name() string { return u.Package + "/" + u.Function }

// Canonical returns u in the full form: region and project filled from
// scope where the URN has none, and version "latest" where it names no
// qualifier.
func (u FgsURN) Canonical(scope FgsScope) FgsURN {
	if u.Region == "" {
		u.Region = scope.Region
	}
	if u.ProjectID == "" {
		u.ProjectID = scope.ProjectID
	}
	if u.Version == "" && u.Alias == "" {
		u.Version = "latest"
	}
	u.Fields = 8
	return u
}

// Local reports whether u names a function of scope's region and project
// (a short form without them always does).
func (u FgsURN) Local(scope FgsScope) bool {
	c := u.Canonical(scope)
	return c.Region == scope.Region && c.ProjectID == scope.ProjectID
}

// FgsIsVersion reports whether the neutral qualifier q names a version
// rather than an alias. A neutral qualifier does not say which it is, and
// a URN must ("…:v1" is a version, "…:!v1" an alias), so fnasync follows
// one rule: "latest", the names FunctionGraph gives published versions
// (vYYYYMMDD-HHMMSS) and names starting with a digit (which an alias
// cannot) are versions; every other name is an alias. The huaweifg
// driver finds a version given a custom name when FunctionGraph answers
// that no such alias exists; as a function destination, such a version
// can only be named in a ref.
func FgsIsVersion(q string) bool {
	return q == "latest" || fgsAutoVersionRE.MatchString(q) || (q != "" && q[0] >= '0' && q[0] <= '9')
}

// FgsQualifierSegment returns the URN's last field for the neutral
// qualifier q under FgsIsVersion's rule: the version itself or "!ALIAS".
// A q that already starts with "!" is returned unchanged; an empty q
// gives "".
func FgsQualifierSegment(q string) string {
	if q == "" || strings.HasPrefix(q, "!") || FgsIsVersion(q) {
		return q
	}
	return "!" + q
}

// FgsFunctionURN returns the full URN of the neutral function fn
// ("[package/]name", package "default") and qualifier (see
// FgsQualifierSegment) in the region and project; an empty qualifier
// gives the 7-field URN that names the function as a whole (used to list
// the configs of all its qualifiers).
func FgsFunctionURN(region, projectID, fn, qualifier string) string {
	pkg, name, ok := strings.Cut(fn, "/")
	if !ok {
		pkg, name = "default", fn
	}
	s := "urn:fss:" + region + ":" + projectID + ":function:" + pkg + ":" + name
	if q := FgsQualifierSegment(qualifier); q != "" {
		s += ":" + q
	}
	return s
}

// FgsTopicURN is a parsed SMN topic URN, "urn:smn:REGION:PROJECT:TOPIC".
type FgsTopicURN struct {
	Region    string
	ProjectID string
	Topic     string
}

// ParseFgsTopicURN parses an SMN topic URN; its String is exactly s.
func ParseFgsTopicURN(s string) (FgsTopicURN, error) {
	f := strings.Split(s, ":")
	if len(f) != 5 || f[0] != "urn" || f[1] != "smn" {
		return FgsTopicURN{}, fmt.Errorf("topic urn %q must have the form urn:smn:REGION:PROJECT:TOPIC", fgsTruncate(s))
	}
	t := FgsTopicURN{Region: f[2], ProjectID: f[3], Topic: f[4]}
	switch {
	case !fgsRegionRE.MatchString(t.Region):
		return FgsTopicURN{}, fmt.Errorf("topic urn %q: region %q is not a region name", fgsTruncate(s), fgsTruncate(t.Region))
	case !fgsProjectRE.MatchString(t.ProjectID):
		return FgsTopicURN{}, fmt.Errorf("topic urn %q: project id %q must be 32 letters and digits", fgsTruncate(s), fgsTruncate(t.ProjectID))
	case !fgsTopicRE.MatchString(t.Topic):
		return FgsTopicURN{}, fmt.Errorf("topic urn %q: topic name %q must be 1 to 255 letters, digits, - and _", fgsTruncate(s), fgsTruncate(t.Topic))
	}
	return t, nil
}

// String renders t as "urn:smn:REGION:PROJECT:TOPIC".
func (t FgsTopicURN) String() string {
	return "urn:smn:" + t.Region + ":" + t.ProjectID + ":" + t.Topic
}

func fgsTruncate(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
