package fgemu

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// route is one operation of the API: its method, the path after
// /v2/{project_id}/fgs/functions (with "{urn}" for the function_urn
// segment) and the SDK's operation name.
type route struct {
	method string
	path   string
	op     string
	handle func(*Server, *call) reply
}

var routes = []*route{
	{http.MethodGet, "", "ListFunctions", (*Server).listFunctions},
	{http.MethodGet, "/{urn}/async-invoke-config", "ShowFunctionAsyncInvokeConfig", (*Server).getConfig},
	{http.MethodPut, "/{urn}/async-invoke-config", "UpdateFunctionAsyncInvokeConfig", (*Server).putConfig},
	{http.MethodDelete, "/{urn}/async-invoke-config", "DeleteFunctionAsyncInvokeConfig", (*Server).deleteConfig},
	{http.MethodGet, "/{urn}/async-invoke-configs", "ListFunctionAsyncInvokeConfig", (*Server).listConfigs},
	{http.MethodGet, "/{urn}/async-invocations", "ListAsyncInvocations", (*Server).listInvocations},
	{http.MethodPost, "/{urn}/cancel", "CancelAsyncInvocation", (*Server).cancelInvocation},
	{http.MethodPost, "/{urn}/invocations-async", "AsyncInvokeFunction", (*Server).invoke},
}

// match finds the route of r: the path is split on "/" as sent, and each
// segment is unescaped on its own, so an escaped "/" in a URN stays in
// its segment (and is then refused as a bad URN).
func (s *Server) match(r *http.Request) (*route, *call) {
	raw := strings.Split(r.URL.EscapedPath(), "/")
	if len(raw) < 5 || raw[0] != "" || raw[1] != "v2" || raw[3] != "fgs" || raw[4] != "functions" {
		return nil, nil
	}
	seg := make([]string, len(raw))
	for i, p := range raw {
		v, err := url.PathUnescape(p)
		if err != nil {
			return nil, nil
		}
		seg[i] = v
	}
	c := &call{r: r, project: seg[2]}
	var rest string
	switch len(seg) {
	case 5:
	case 7:
		c.urn, rest = seg[5], "/{urn}/"+seg[6]
	default:
		return nil, nil
	}
	for _, rt := range routes {
		if rt.method == r.Method && rt.path == rest {
			return rt, c
		}
	}
	return nil, nil
}

// target is the function and qualifier a request addresses.
type target struct {
	u   urn
	fn  *function
	seg string // the qualifier: "latest", a version or "!alias"
}

// resolve checks c's function_urn and finds its function and qualifier;
// call it with s.mu held. A URN that names another project is refused.
func (s *Server) resolve(c *call) (*target, *apiError) {
	u, good := parseURN(c.urn)
	if !good {
		return nil, errInvalidURN("Invalid function URN %q: want [urn:fss:REGION:PROJECT:function:]PACKAGE:NAME[:VERSION|:!ALIAS] with letters, digits, - and _", clip(c.urn))
	}
	if u.project != "" && u.project != c.project {
		return nil, errInvalidURN("function URN %q names project %s, not the request's project %s", clip(c.urn), u.project, c.project)
	}
	t := &target{u: u, seg: u.qualifier}
	if t.seg == "" {
		t.seg = latest
	}
	if p := s.st.Projects[c.project]; p != nil {
		t.fn = p.Functions[u.key()]
	}
	if t.fn != nil {
		c.key, c.epoch = c.project+"/"+u.key(), s.epoch
	}
	switch {
	case t.fn == nil:
		return nil, errFunctionNotFound(u.key())
	case t.fn.hasQualifier(t.seg):
		return t, nil
	case strings.HasPrefix(t.seg, "!"):
		return nil, errAliasNotFound(t.seg[1:])
	}
	return nil, errVersionNotFound(t.seg)
}

// pageParams reads marker (an offset, default 0) and limit from the query
// under the list's documented default and maximum, or Options.PageSize.
func (s *Server) pageParams(c *call, limitKey string, def, maximum int) (marker, limit int, e *apiError) {
	q := c.r.URL.Query()
	if s.opts.PageSize > 0 {
		def, maximum = s.opts.PageSize, s.opts.PageSize
	}
	if v := q.Get("marker"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || len(v) > 64 {
			return 0, 0, errInvalidQuery("Invalid query parameter marker %q: want a non-negative number", clip(v))
		}
		marker = n
	}
	limit = def
	if v := q.Get(limitKey); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, 0, errInvalidQuery("Invalid query parameter %s %q: want a non-negative number", limitKey, clip(v))
		}
		if n > 0 {
			limit = min(n, maximum)
		}
	}
	return marker, limit, nil
}

// page returns the part of n items a marker and limit select, and the
// marker of the next page (n at the end).
func page(n, marker, limit int) (start, end int) {
	start = min(marker, n)
	return start, min(start+limit, n)
}
