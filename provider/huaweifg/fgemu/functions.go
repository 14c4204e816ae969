package fgemu

import (
	"net/http"
	"slices"
	"strings"
)

// listFunctions lists the project's functions sorted by package and name,
// paged by marker (an offset) and maxitems. func_name filters by
// substring and package_name by equality.
func (s *Server) listFunctions(c *call) reply {
	marker, limit, e := s.pageParams(c, "maxitems", 400, 400)
	if e != nil {
		return fail(e)
	}
	q := c.r.URL.Query()
	nameFilter, pkgFilter := q.Get("func_name"), q.Get("package_name")
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	if p := s.st.Projects[c.project]; p != nil {
		for k := range p.Functions {
			pkg, name, _ := strings.Cut(k, "/")
			if (pkgFilter == "" || pkg == pkgFilter) && strings.Contains(name, nameFilter) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	start, end := page(len(keys), marker, limit)
	out := functionListReply{Functions: []functionReply{}, NextMarker: end, Count: int64(len(keys))}
	for _, k := range keys[start:end] {
		fn := s.st.Projects[c.project].Functions[k]
		pkg, name, _ := strings.Cut(k, "/")
		out.Functions = append(out.Functions, functionReply{
			FuncURN: functionURN(Region, c.project, pkg, name) + ":" + latest, FuncName: name,
			DomainID: "emulator", Namespace: c.project, ProjectName: Region, Package: pkg,
			Runtime: "Python3.9", Timeout: 30, Handler: "index.handler", MemorySize: 128, CPU: 300,
			CodeType: "inline", Digest: "emulator", Version: latest, LastModified: s.timeStyle(c.project, k).format(fn.Created, fieldModified),
		})
	}
	return ok(http.StatusOK, out)
}

// HasFunction reports whether fn ("[package/]name") exists in projectID
// with qualifier (empty: latest), read as AddFunction reads qualifiers; a
// version published under a custom name (AddVersion) counts too. It
// changes nothing.
func (s *Server) HasFunction(projectID, fn, qualifier string) bool {
	pkg, name, ok := strings.Cut(fn, "/")
	if !ok {
		pkg, name = "default", fn
	}
	if qualifier == "" {
		qualifier = latest
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.Projects[projectID]
	if p == nil {
		return false
	}
	f := p.Functions[pkg+"/"+name]
	return f != nil && (f.hasQualifier(qualifierSegment(qualifier)) || f.hasQualifier(qualifier))
}
