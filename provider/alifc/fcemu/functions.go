package fcemu

import (
	"net/http"
	"slices"
	"strings"
)

// listServices is FC 2.0's ListServices: the services that have at least
// one function, sorted, filtered by ?prefix=.
func (s *Server) listServices(c *call) reply {
	limit, e := s.pageLimit(c)
	if e != nil {
		return fail(e)
	}
	prefix := c.r.URL.Query().Get("prefix")
	s.mu.Lock()
	defer s.mu.Unlock()
	created := map[string]string{}
	for name, f := range s.st.functions(c.account, Version2, false) {
		svc, _, _ := strings.Cut(name, "/")
		if t := fmtTime(f.Created); strings.HasPrefix(svc, prefix) && (created[svc] == "" || t < created[svc]) {
			created[svc] = t
		}
	}
	var names []string
	for svc := range created {
		names = append(names, svc)
	}
	slices.Sort(names)
	pg, next, e := page(names, func(n string) string { return n }, c.r.URL.Query().Get("nextToken"), limit)
	if e != nil {
		return fail(e)
	}
	out := serviceList{Services: []serviceOutput{}, NextToken: next}
	for _, svc := range pg {
		out.Services = append(out.Services, serviceOutput{ServiceName: svc, CreatedTime: created[svc], LastModifiedTime: created[svc]})
	}
	return ok(http.StatusOK, out)
}

// listFunctions is ListFunctions: a 2.0 service's functions, or (3.0) the
// account's, sorted, filtered by ?prefix=.
func (s *Server) listFunctions(c *call) reply {
	limit, e := s.pageLimit(c)
	if e != nil {
		return fail(e)
	}
	prefix := c.r.URL.Query().Get("prefix")
	s.mu.Lock()
	defer s.mu.Unlock()
	svc := ""
	if c.version == Version2 {
		svc = c.r.PathValue("service")
		if !reService.MatchString(svc) {
			return fail(errInvalid("invalid service name %q", clip(svc)))
		}
		if !s.serviceExists(c.account, svc) {
			return fail(errServiceNotFound(svc))
		}
		svc += "/"
	}
	fns := s.st.functions(c.account, c.version, false)
	var names []string
	for name := range fns {
		if short, found := strings.CutPrefix(name, svc); found && strings.HasPrefix(short, prefix) {
			names = append(names, short)
		}
	}
	slices.Sort(names)
	pg, next, e := page(names, func(n string) string { return n }, c.r.URL.Query().Get("nextToken"), limit)
	if e != nil {
		return fail(e)
	}
	out := functionList{Functions: []functionOutput{}, NextToken: next}
	for _, n := range pg {
		f := fns[svc+n]
		fo := functionOutput{FunctionName: n, CreatedTime: fmtTime(f.Created), LastModifiedTime: fmtTime(f.Created)}
		if c.version == Version3 {
			fo.FunctionArn = s.functionARN(c, n)
		}
		out.Functions = append(out.Functions, fo)
	}
	return ok(http.StatusOK, out)
}

// HasFunction reports whether the function name exists on accountID
// (DefaultAccountID when empty) under apiVersion with qualifier (empty:
// LATEST). It changes nothing.
func (s *Server) HasFunction(apiVersion, accountID, name, qualifier string) bool {
	if accountID == "" {
		accountID = DefaultAccountID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.st.functions(accountID, apiVersion, false)[name]
	return f != nil && (qualifier == "" || qualifier == latest || slices.Contains(f.Qualifiers, qualifier))
}
