package fcemu

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// routes lists the operations, with the paths of the Tea SDK and the
// current documents; FC 2.0 is also served under fc-go-sdk's /2016-08-15.
func (s *Server) routes() []*route {
	var out []*route
	for _, p := range []string{"/" + Version2, "/" + version2Old} {
		fn := p + "/services/{service}/functions/{function}"
		out = append(out,
			&route{"GET " + p + "/services", "ListServices", Version2, (*Server).listServices},
			&route{"GET " + p + "/services/{service}/functions", "ListFunctions", Version2, (*Server).listFunctions},
			&route{"PUT " + fn + "/async-invoke-config", "PutFunctionAsyncInvokeConfig", Version2, (*Server).putConfig},
			&route{"GET " + fn + "/async-invoke-config", "GetFunctionAsyncInvokeConfig", Version2, (*Server).getConfig},
			&route{"DELETE " + fn + "/async-invoke-config", "DeleteFunctionAsyncInvokeConfig", Version2, (*Server).deleteConfig},
			&route{"GET " + fn + "/async-invoke-configs", "ListFunctionAsyncInvokeConfigs", Version2, (*Server).listConfigs},
			&route{"POST " + fn + "/invocations", "InvokeFunction", Version2, (*Server).invoke},
			&route{"GET " + fn + "/stateful-async-invocations", "ListStatefulAsyncInvocations", Version2, (*Server).listInvocations},
			&route{"GET " + fn + "/stateful-async-invocations/{id}", "GetStatefulAsyncInvocation", Version2, (*Server).getInvocation},
			&route{"PUT " + fn + "/stateful-async-invocations/{id}", "StopStatefulAsyncInvocation", Version2, (*Server).stopInvocation},
		)
	}
	p := "/" + Version3
	fn := p + "/functions/{function}"
	return append(out,
		&route{"GET " + p + "/functions", "ListFunctions", Version3, (*Server).listFunctions},
		&route{"PUT " + fn + "/async-invoke-config", "PutAsyncInvokeConfig", Version3, (*Server).putConfig},
		&route{"GET " + fn + "/async-invoke-config", "GetAsyncInvokeConfig", Version3, (*Server).getConfig},
		&route{"DELETE " + fn + "/async-invoke-config", "DeleteAsyncInvokeConfig", Version3, (*Server).deleteConfig},
		&route{"GET " + p + "/async-invoke-configs", "ListAsyncInvokeConfigs", Version3, (*Server).listConfigs},
		&route{"POST " + fn + "/invocations", "InvokeFunction", Version3, (*Server).invoke},
		&route{"GET " + fn + "/async-tasks", "ListAsyncTasks", Version3, (*Server).listInvocations},
		&route{"GET " + fn + "/async-tasks/{id}", "GetAsyncTask", Version3, (*Server).getInvocation},
		&route{"PUT " + fn + "/async-tasks/{id}/stop", "StopAsyncTask", Version3, (*Server).stopInvocation},
	)
}

// target is the function (and qualifier) a request addresses.
type target struct {
	name      string // "service/function" (2.0) or "function" (3.0)
	qualifier string
	fn        *function
}

// resolve validates the names in c's path and query and finds the
// function and qualifier. Call it with s.mu held. FC 2.0 takes the
// qualifier from "?qualifier=" or a "service.qualifier" path segment.
func (s *Server) resolve(c *call) (*target, *apiError) {
	q := c.r.URL.Query().Get("qualifier")
	name := c.r.PathValue("function")
	if !reFunction.MatchString(name) {
		return nil, errInvalid("invalid function name %q", clip(name))
	}
	if c.version == Version2 {
		svc := c.r.PathValue("service")
		if base, pq, found := strings.Cut(svc, "."); found {
			if q != "" && q != pq {
				return nil, errInvalid("qualifier %q in the path and %q in the query disagree", clip(pq), clip(q))
			}
			svc, q = base, pq
		}
		if !reService.MatchString(svc) {
			return nil, errInvalid("invalid service name %q", clip(svc))
		}
		if !s.serviceExists(c.account, svc) {
			return nil, errServiceNotFound(svc)
		}
		name = svc + "/" + name
	}
	if q == "" {
		q = latest
	}
	if !reQualifier.MatchString(q) {
		return nil, errInvalid("invalid qualifier %q", clip(q))
	}
	f := s.st.functions(c.account, c.version, false)[name]
	if f == nil {
		return nil, errFunctionNotFound(name)
	}
	if q != latest && !slices.Contains(f.Qualifiers, q) {
		return nil, errQualifierNotFound(q)
	}
	c.key, c.epoch = recordKey(c.account, c.version, name), s.epoch
	return &target{name: name, qualifier: q, fn: f}, nil
}

func (s *Server) serviceExists(acct, svc string) bool {
	for name := range s.st.functions(acct, Version2, false) {
		if strings.HasPrefix(name, svc+"/") {
			return true
		}
	}
	return false
}

// pageLimit reads the "limit" query parameter: 1..100, default PageSize.
func (s *Server) pageLimit(c *call) (int, *apiError) {
	v := c.r.URL.Query().Get("limit")
	if v == "" {
		return s.opts.PageSize, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100 {
		return 0, errInvalid("limit must be an integer from 1 to 100, got %q", clip(v))
	}
	return n, nil
}

// page cuts one page from items sorted by key: it starts at the item
// whose key is the token and returns the next item's key as the next
// token.
func page[T any](items []T, key func(T) string, token string, limit int) ([]T, string, *apiError) {
	start := 0
	if token != "" {
		start = slices.IndexFunc(items, func(it T) bool { return key(it) == token })
		if start < 0 {
			return nil, "", errf(http.StatusBadRequest, "InvalidArgument", "nextToken %q is not valid", clip(token))
		}
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = key(items[end])
	}
	return items[start:end], next, nil
}
