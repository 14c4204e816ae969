package mapping

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// FCVersion is a Function Compute API version.
type FCVersion string

// The Function Compute API versions fnasync speaks.
const (
	// FC2 is Function Compute 2.0 (API 2021-04-06): functions live in
	// services and the status flag is statefulInvocation.
	FC2 FCVersion = "2021-04-06"
	// FC3 is Function Compute 3.0 (API 2023-03-30): no services, and the
	// status flag is asyncTask.
	FC3 FCVersion = "2023-03-30"
)

// FCScope is the provider a mapping happens for: the API version and the
// account and region that fill the empty fields of ARNs and decide which
// ARNs are this provider's own.
type FCScope struct {
	Version   FCVersion
	Region    string
	AccountID string
}

// FCARN is an Alibaba Cloud resource name,
// "acs:SERVICE:REGION:ACCOUNT:RESOURCE". Region and Account may be empty;
// Resource keeps its colons and slashes verbatim.
type FCARN struct {
	Service  string
	Region   string
	Account  string
	Resource string
}

// ParseFCARN parses s as "acs:SERVICE:REGION:ACCOUNT:RESOURCE". The
// service and resource must not be empty; region and account may be. The
// result's String is exactly s.
func ParseFCARN(s string) (FCARN, error) {
	parts := strings.SplitN(s, ":", 5)
	if len(parts) != 5 || parts[0] != "acs" {
		return FCARN{}, fmt.Errorf("arn %q does not have the form acs:SERVICE:REGION:ACCOUNT:RESOURCE", fcTruncate(s))
	}
	a := FCARN{Service: parts[1], Region: parts[2], Account: parts[3], Resource: parts[4]}
	switch {
	case a.Service == "":
		return FCARN{}, fmt.Errorf("arn %q has no service", fcTruncate(s))
	case a.Resource == "":
		return FCARN{}, fmt.Errorf("arn %q has no resource", fcTruncate(s))
	case !utf8.ValidString(s) || strings.IndexFunc(s, fcBadRune) >= 0:
		return FCARN{}, fmt.Errorf("arn %q has whitespace, control characters or invalid UTF-8", fcTruncate(s))
	}
	return a, nil
}

func fcBadRune(r rune) bool { return r <= ' ' || r == 0x7f }

// String renders a as "acs:SERVICE:REGION:ACCOUNT:RESOURCE".
func (a FCARN) String() string {
	return "acs:" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// Canonical returns a with an empty region or account filled from scope.
func (a FCARN) Canonical(scope FCScope) FCARN {
	if a.Region == "" {
		a.Region = scope.Region
	}
	if a.Account == "" {
		a.Account = scope.AccountID
	}
	return a
}

// Local reports whether the canonical form of a is in scope's account and
// region.
func (a FCARN) Local(scope FCScope) bool {
	c := a.Canonical(scope)
	return c.Region == scope.Region && c.Account == scope.AccountID
}

// FCFunctionARN returns the ARN of an FC function in scope: FC 2.0
// "acs:fc:R:A:services/SERVICE[.QUALIFIER]/functions/FUNCTION" for a
// function "SERVICE/FUNCTION", FC 3.0 "acs:fc:R:A:functions/FUNCTION" for a
// function "FUNCTION". FC 3.0 function ARNs carry no qualifier: a non-empty
// one is an error.
func FCFunctionARN(scope FCScope, function, qualifier string) (string, error) {
	if qualifier != "" {
		if err := checkFCPart("qualifier", qualifier); err != nil {
			return "", err
		}
	}
	var res string
	switch scope.Version {
	case FC2:
		svc, fn, err := SplitFC2Function(function)
		if err != nil {
			return "", err
		}
		if qualifier != "" {
			svc += "." + qualifier
		}
		res = "services/" + svc + "/functions/" + fn
	case FC3:
		if err := checkFCPart("function", function); err != nil {
			return "", err
		}
		if qualifier != "" {
			return "", fmt.Errorf("function destination %s: FC 3.0 function ARNs carry no qualifier (got %q)", function, qualifier)
		}
		res = "functions/" + function
	default:
		return "", fmt.Errorf("unknown FC API version %q", scope.Version)
	}
	return FCARN{Service: "fc", Region: scope.Region, Account: scope.AccountID, Resource: res}.String(), nil
}

// SplitFC2Function splits an FC 2.0 neutral function name
// "SERVICE/FUNCTION" into its parts.
func SplitFC2Function(name string) (service, function string, err error) {
	svc, fn, ok := strings.Cut(name, "/")
	if !ok {
		return "", "", fmt.Errorf("FC 2.0 function %q must have the form service/function", fcTruncate(name))
	}
	if err := checkFCPart("service", svc); err != nil {
		return "", "", err
	}
	if err := checkFCPart("function", fn); err != nil {
		return "", "", err
	}
	return svc, fn, nil
}

// checkFCPart refuses a service, function or qualifier name that would not
// survive inside an ARN or a URL path: empty, or with '.', '/', ':', '%',
// '?', '#', '\\', whitespace or control characters. It is not the cloud's
// full name rule (that is the limits table's); it is what keeps ARN round
// trips exact ('.' separates a service from its qualifier).
func checkFCPart(kind, s string) error {
	if strings.Contains(s, ".") {
		return fmt.Errorf("%s name %q has characters FC names cannot have", kind, fcTruncate(s))
	}
	return checkFCSegment(kind, s)
}

// checkFCSegment is checkFCPart for the name of a queue, topic or event
// bus, which may contain '.'.
func checkFCSegment(kind, s string) error {
	if s == "" {
		return fmt.Errorf("%s name is empty", kind)
	}
	if strings.ContainsAny(s, "/:%?#\\") || !utf8.ValidString(s) || strings.IndexFunc(s, fcBadRune) >= 0 {
		return fmt.Errorf("%s name %q has characters FC names cannot have", kind, fcTruncate(s))
	}
	return nil
}

var errNotFCFunction = errors.New("not an FC function ARN")

// fcFunctionResource parses the resource of an FC function ARN in the
// given version's style into a neutral function name and qualifier. An
// FC 2.0 qualifier LATEST reads as none: both name the same code, and
// ARNs with ".LATEST" are common, so there is one canonical form.
func fcFunctionResource(v FCVersion, res string) (function, qualifier string, err error) {
	parts := strings.Split(res, "/")
	switch {
	case v == FC2 && len(parts) == 4 && parts[0] == "services" && parts[2] == "functions":
		svc := parts[1]
		if s, q, ok := strings.Cut(parts[1], "."); ok {
			svc, qualifier = s, q
			if err := checkFCPart("qualifier", q); err != nil {
				return "", "", err
			}
			if q == fcLatest {
				qualifier = ""
			}
		}
		if checkFCPart("service", svc) != nil || checkFCPart("function", parts[3]) != nil {
			return "", "", errNotFCFunction
		}
		return svc + "/" + parts[3], qualifier, nil
	case v == FC3 && len(parts) == 2 && parts[0] == "functions":
		if checkFCPart("function", parts[1]) != nil {
			return "", "", errNotFCFunction
		}
		return parts[1], "", nil
	}
	return "", "", errNotFCFunction
}

func fcTruncate(s string) string {
	const n = 100
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// FC3ConfigIdentity reads the function and qualifier of an FC 3.0
// AsyncConfig from its functionArn, the only field that names them there
// (FC 2.0's service, function and qualifier became functionArn). It
// accepts the colon form "acs:fc:REGION:ACCOUNT:functions/FUNCTION" and
// the API document's example form "acs:fc:REGION:ACCOUNT/functions/FUNCTION",
// each with an optional qualifier suffix "/aliases/Q", "/versions/Q" or
// ":Q"; qualifier is "LATEST" when there is none. Region and account are
// not checked. ok is false for anything else, including names that
// checkFCPart refuses. How FC 3.0 writes a qualified config's ARN is not
// documented: the suffixes are the forms other FC 3.0 ARNs take.
func FC3ConfigIdentity(arn string) (function, qualifier string, ok bool) {
	rest, found := strings.CutPrefix(arn, "acs:fc:")
	if !found {
		return "", "", false
	}
	if _, rest, found = strings.Cut(rest, ":"); !found { // region
		return "", "", false
	}
	i := strings.IndexAny(rest, ":/") // the end of the account
	if i < 0 {
		return "", "", false
	}
	res, found := strings.CutPrefix(rest[i+1:], "functions/")
	if !found {
		return "", "", false
	}
	function, qualifier, found = res, fcLatest, false
	if fn, tail, slash := strings.Cut(res, "/"); slash {
		kind, q, two := strings.Cut(tail, "/")
		if !two || (kind != "aliases" && kind != "versions") {
			return "", "", false
		}
		function, qualifier, found = fn, q, true
	} else if fn, q, colon := strings.Cut(res, ":"); colon {
		function, qualifier, found = fn, q, true
	}
	if checkFCPart("function", function) != nil || (found && checkFCPart("qualifier", qualifier) != nil) {
		return "", "", false
	}
	return function, qualifier, true
}

// fcLatest is FC's name of the unpublished code and configuration of a
// function, the qualifier of a request that names none.
const fcLatest = "LATEST"
