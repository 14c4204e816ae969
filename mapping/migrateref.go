package mapping

import (
	"fmt"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// sourceRef reads a ref destination of the source provider src the way
// plan does, with the provider's own parsers: an FC ARN through
// FCDestinationFromARN, an AWS ARN through LambdaDestinationFromARN, a
// FunctionGraph function or SMN topic URN through
// FgsCanonicalDestination. A ref in src's own account and region (FC) or
// project and region (FunctionGraph) that names a destination kind gives
// that kind. A ref of another account, project or region is foreign: it
// gives nil and foreign says where it points ("account 1, region r").
// Anything else (a memory provider, a local ARN of a service fnasync does
// not map, a string that does not parse) gives nil and "".
func sourceRef(src *model.Provider, ref string) (parsed *model.Destination, foreign string) {
	switch src.Type {
	case model.TypeAliFC2, model.TypeAliFC3:
		scope := fcScope(src)
		if d := FCDestinationFromARN(scope, ref); d != nil && d.Kind != model.KindRef {
			return d, ""
		}
		if a, err := ParseFCARN(ref); err == nil && !a.Local(scope) {
			c := a.Canonical(scope)
			return nil, fmt.Sprintf("account %s, region %s", c.Account, c.Region)
		}
	case model.TypeAWSLambda:
		scope := LambdaScope{Region: src.Region, AccountID: src.AccountID}
		if d := LambdaDestinationFromARN(scope, ref); d != nil && d.Kind != model.KindRef {
			return d, ""
		}
		if a, err := ParseLambdaARN(ref); err == nil && !a.Local(scope) && a.Service != "s3" {
			c := a.Canonical(scope)
			return nil, fmt.Sprintf("account %s, region %s", c.Account, c.Region)
		}
	case model.TypeHuaweiFG:
		scope := FgsScope{Region: src.Region, ProjectID: src.ProjectID}
		if d := FgsCanonicalDestination(scope, &model.Destination{Kind: model.KindRef, Name: ref}); d != nil && d.Kind != model.KindRef {
			return d, ""
		}
		if !strings.HasPrefix(ref, "urn:fss:") {
			if t, err := ParseFgsTopicURN(ref); err == nil && (t.Region != scope.Region || t.ProjectID != scope.ProjectID) {
				return nil, fmt.Sprintf("project %s, region %s", t.ProjectID, t.Region)
			}
		} else if u, err := ParseFgsURN(ref); err == nil && !u.Local(scope) {
			return nil, fmt.Sprintf("project %s, region %s", u.ProjectID, u.Region)
		}
	}
	return nil, ""
}

func fcScope(p *model.Provider) FCScope {
	v := FC2
	if p.Type == model.TypeAliFC3 {
		v = FC3
	}
	return FCScope{Version: v, Region: p.Region, AccountID: p.AccountID}
}

// scopeOf names the source provider's own scope for messages: "provider
// ali's own account and region" and its values ("account 1, region r").
func scopeOf(name string, p *model.Provider) (own, values string) {
	if p.Type == model.TypeHuaweiFG {
		return fmt.Sprintf("provider %s's own project and region", name), fmt.Sprintf("project %s, region %s", p.ProjectID, p.Region)
	}
	return fmt.Sprintf("provider %s's own account and region", name), fmt.Sprintf("account %s, region %s", p.AccountID, p.Region)
}

// sameARN reports whether ref, a ref destination of src, names the same
// thing on the target provider dst: both are AWS Lambda and ref is an
// ARN; or both are Function Compute, ref is an ARN, and it is not a
// function's ARN, whose form differs between FC 2.0 and 3.0, unless both
// have the same API version.
func sameARN(src, dst *model.Provider, ref string) bool {
	if src.Type == model.TypeAWSLambda && dst.Type == model.TypeAWSLambda {
		_, err := ParseLambdaARN(ref)
		return err == nil
	}
	fc := func(p *model.Provider) bool { return p.Type == model.TypeAliFC2 || p.Type == model.TypeAliFC3 }
	if !fc(src) || !fc(dst) {
		return false
	}
	a, err := ParseFCARN(ref)
	return err == nil && (a.Service != "fc" || src.Type == dst.Type)
}
