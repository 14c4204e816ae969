package lambdaemu

import (
	"slices"
	"strconv"
	"strings"
)

// The API versions in Lambda's paths: functions and invocations, and
// event invoke configs.
const (
	apiFunctions = "/2015-03-31"
	apiConfigs   = "/2019-09-25"
)

// routes lists the operations with the paths of Lambda's API reference.
func (s *Server) routes() []*route {
	fn := apiFunctions + "/functions/{function}"
	cfg := apiConfigs + "/functions/{function}/event-invoke-config"
	return []*route{
		{"GET " + cfg, "GetFunctionEventInvokeConfig", (*Server).getConfig},
		{"PUT " + cfg, "PutFunctionEventInvokeConfig", (*Server).putConfig},
		{"POST " + cfg, "UpdateFunctionEventInvokeConfig", (*Server).updateConfig},
		{"DELETE " + cfg, "DeleteFunctionEventInvokeConfig", (*Server).deleteConfig},
		{"GET " + cfg + "/list", "ListFunctionEventInvokeConfigs", (*Server).listConfigs},
		{"GET " + apiFunctions + "/functions", "ListFunctions", (*Server).listFunctions},
		{"GET " + apiFunctions + "/functions/{$}", "ListFunctions", (*Server).listFunctions},
		{"GET " + fn + "/versions", "ListVersionsByFunction", (*Server).listVersions},
		{"GET " + fn + "/aliases", "ListAliases", (*Server).listAliases},
		{"POST " + fn + "/invocations", "Invoke", (*Server).invoke},
	}
}

// target is the function and qualifier a request addresses.
type target struct {
	name      string
	qualifier string
	fn        *function
}

// arn is the target's qualified ARN in region.
func (t *target) arn(region string) string { return functionARN(region, t.name, t.qualifier) }

// resolve validates the function name in c's path and the Qualifier in
// its query ($LATEST when absent) and finds them. Call it with s.mu held.
func (s *Server) resolve(c *call, qualified bool) (*target, *apiError) {
	raw := c.r.PathValue("function")
	name, inName, elsewhere, ok := splitFunctionName(raw, c.region)
	if !ok {
		return nil, errInvalid("1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?", clip(raw))
	}
	if elsewhere {
		return nil, errNotFound("Function not found: %s", clip(raw))
	}
	if inName != "" && !qualified {
		return nil, errInvalid("the function name %q names a qualifier, which this operation does not take", clip(raw))
	}
	t := &target{name: name, fn: s.st.Functions[name]}
	if qualified {
		t.qualifier = latest
		if inName != "" {
			t.qualifier = inName
		}
		if q, set := c.r.URL.Query()["Qualifier"]; set {
			if len(q) != 1 || !reQualifier.MatchString(q[0]) {
				return nil, errInvalid("1 validation error detected: Value '%s' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9$_-]+", clip(strings.Join(q, ",")))
			}
			if inName != "" && q[0] != inName {
				return nil, errInvalid("The derived qualifier from the function name does not match the specified qualifier.")
			}
			t.qualifier = q[0]
		}
	}
	c.key = name
	if t.fn == nil || (qualified && !t.fn.has(t.qualifier)) {
		arn := functionARN(c.region, name, "")
		if qualified && t.qualifier != latest {
			arn += ":" + t.qualifier
		}
		return nil, errNotFound("Function not found: %s", arn)
	}
	return t, nil
}

// splitFunctionName reads FunctionName in the forms of Lambda's API
// reference: name, account:function:name (a partial ARN) or
// arn:PARTITION:lambda:REGION:ACCOUNT:function:name, each optionally
// followed by :QUALIFIER. elsewhere reports an ARN of another region than
// region or of another account than the emulator's one; ok is false for a
// value in none of the forms.
func splitFunctionName(v, region string) (name, qualifier string, elsewhere, ok bool) {
	parts := strings.Split(v, ":")
	switch {
	case parts[0] == "arn":
		if len(parts) < 7 || len(parts) > 8 || !strings.HasPrefix(parts[1], "aws") || parts[2] != "lambda" || parts[5] != "function" {
			return "", "", false, false
		}
		elsewhere = parts[3] != region || parts[4] != DefaultAccountID
		parts = parts[6:]
	case len(parts) >= 3 && parts[1] == "function":
		if len(parts) > 4 || !reAccount.MatchString(parts[0]) {
			return "", "", false, false
		}
		elsewhere = parts[0] != DefaultAccountID
		parts = parts[2:]
	case len(parts) > 2:
		return "", "", false, false
	}
	name = parts[0]
	if len(parts) == 2 {
		qualifier = parts[1]
		if !reQualifier.MatchString(qualifier) {
			return "", "", false, false
		}
	}
	return name, qualifier, elsewhere, reFunction.MatchString(name)
}

// maxItems reads MaxItems (within 1..most) or gives the default page size.
func (s *Server) maxItems(c *call, most int) (int, *apiError) {
	v := c.r.URL.Query().Get("MaxItems")
	if v == "" {
		return min(s.opts.PageSize, most), nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, errInvalid("1 validation error detected: Value '%s' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and %d", clip(v), most)
	}
	return n, nil
}

// page returns the items from the one whose key is marker (the first when
// marker is empty), at most limit, and the next marker.
func page[T any](items []T, key func(T) string, marker string, limit int) ([]T, string, *apiError) {
	start := 0
	if marker != "" {
		start = slices.IndexFunc(items, func(it T) bool { return key(it) == marker })
		if start < 0 {
			return nil, "", errInvalid("Marker %q is not valid", clip(marker))
		}
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = key(items[end])
	}
	return items[start:end], next, nil
}

// Lambda's LastModified of a function: ISO 8601 with milliseconds.
const functionTime = "2006-01-02T15:04:05.000-0700"

// replyStatus is an empty reply with a status.
func replyStatus(status int) reply { return reply{status: status} }
