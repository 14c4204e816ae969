package lambdaemu

import (
	"encoding/json"
	"net/http"
	"slices"
)

// functionConfiguration is the part of Lambda's FunctionConfiguration the
// emulator fills.
type functionConfiguration struct {
	FunctionName string `json:"FunctionName"`
	FunctionArn  string `json:"FunctionArn"`
	Version      string `json:"Version"`
	LastModified string `json:"LastModified"`
}

type functionList struct {
	Functions  []functionConfiguration `json:"Functions"`
	NextMarker string                  `json:"NextMarker,omitempty"`
}

type versionList struct {
	Versions   []functionConfiguration `json:"Versions"`
	NextMarker string                  `json:"NextMarker,omitempty"`
}

type aliasConfiguration struct {
	AliasArn        string `json:"AliasArn"`
	Name            string `json:"Name"`
	FunctionVersion string `json:"FunctionVersion"`
	Description     string `json:"Description"`
	RevisionID      string `json:"RevisionId"`
}

type aliasList struct {
	Aliases    []aliasConfiguration `json:"Aliases"`
	NextMarker string               `json:"NextMarker,omitempty"`
}

// listFunctions is ListFunctions: the functions sorted by name, each as
// its $LATEST configuration, MaxItems 1-10000 (at most 50 returned).
func (s *Server) listFunctions(c *call) reply {
	limit, e := s.maxItems(c, 10000)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for n := range s.st.Functions {
		names = append(names, n)
	}
	slices.Sort(names)
	pg, next, e := page(names, func(n string) string { return n }, c.r.URL.Query().Get("Marker"), min(limit, 50))
	if e != nil {
		return fail(e)
	}
	out := functionList{Functions: []functionConfiguration{}, NextMarker: next}
	for _, n := range pg {
		out.Functions = append(out.Functions, functionConfiguration{FunctionName: n, FunctionArn: functionARN(c.region, n, ""),
			Version: latest, LastModified: s.st.Functions[n].Created.Format(functionTime)})
	}
	return ok(http.StatusOK, out)
}

// listVersions is ListVersionsByFunction: $LATEST, then the published
// versions in order.
func (s *Server) listVersions(c *call) reply {
	limit, e := s.maxItems(c, 10000)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, false)
	if e != nil {
		return fail(e)
	}
	versions := append([]string{latest}, t.fn.Versions...)
	pg, next, e := page(versions, func(v string) string { return v }, c.r.URL.Query().Get("Marker"), min(limit, 50))
	if e != nil {
		return fail(e)
	}
	out := versionList{Versions: []functionConfiguration{}, NextMarker: next}
	for _, v := range pg {
		out.Versions = append(out.Versions, functionConfiguration{FunctionName: t.name, FunctionArn: functionARN(c.region, t.name, v),
			Version: v, LastModified: t.fn.Created.Format(functionTime)})
	}
	return ok(http.StatusOK, out)
}

// listAliases is ListAliases, sorted by name, filtered by FunctionVersion.
func (s *Server) listAliases(c *call) reply {
	limit, e := s.maxItems(c, 10000)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, false)
	if e != nil {
		return fail(e)
	}
	version := c.r.URL.Query().Get("FunctionVersion")
	var names []string
	for a, v := range t.fn.Aliases {
		if version == "" || v == version {
			names = append(names, a)
		}
	}
	slices.Sort(names)
	pg, next, e := page(names, func(n string) string { return n }, c.r.URL.Query().Get("Marker"), min(limit, 50))
	if e != nil {
		return fail(e)
	}
	out := aliasList{Aliases: []aliasConfiguration{}, NextMarker: next}
	for _, a := range pg {
		out.Aliases = append(out.Aliases, aliasConfiguration{AliasArn: functionARN(c.region, t.name, a), Name: a,
			FunctionVersion: t.fn.Aliases[a], RevisionID: "00000000-0000-0000-0000-000000000000"})
	}
	return ok(http.StatusOK, out)
}

// invoke is Invoke. X-Amz-Invocation-Type Event queues the payload (a
// JSON document, at most 256 KB) and answers 202; DryRun checks and
// answers 204; RequestResponse (the default) runs code, which the
// emulator has none of: 400.
func (s *Server) invoke(c *call) reply {
	typ := c.r.Header.Get("X-Amz-Invocation-Type")
	switch typ {
	case "Event", "DryRun":
	case "", "RequestResponse":
		return fail(errInvalid("the emulator runs no function code: invoke with X-Amz-Invocation-Type: Event"))
	default:
		return fail(errInvalid("1 validation error detected: Value '%s' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]", clip(typ)))
	}
	if len(c.body) > 0 && !json.Valid(c.body) {
		return fail(errf(http.StatusBadRequest, "InvalidRequestContentException", "User", "Could not parse request body into json: the payload is not valid JSON"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, true)
	if e != nil {
		return fail(e)
	}
	if typ == "DryRun" {
		return replyStatus(http.StatusNoContent)
	}
	id := newRequestID()
	t.fn.Invocations = append(t.fn.Invocations, &Invocation{RequestID: id, Qualifier: t.qualifier, Time: s.now(), Payload: string(c.body)})
	if n := len(t.fn.Invocations); n > maxInvocations {
		t.fn.Invocations = slices.Delete(t.fn.Invocations, 0, n-maxInvocations)
	}
	version := t.qualifier
	if v, ok := t.fn.Aliases[version]; ok {
		version = v
	}
	rep := reply{status: http.StatusAccepted, changed: true,
		header: map[string]string{"X-Amzn-Requestid": id, "X-Amz-Executed-Version": version}}
	return rep
}
