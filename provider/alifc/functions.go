package alifc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// functionList is the body of ListServices and ListFunctions.
type functionList struct {
	Services []struct {
		ServiceName string `json:"serviceName"`
	} `json:"services"`
	Functions []struct {
		FunctionName string `json:"functionName"`
	} `json:"functions"`
	NextToken string `json:"nextToken"`
}

// listCursor is where an FC 2.0 function listing stands: the services
// page token, the services of the current page still to list (the first
// one being listed) and that service's functions page token. The page
// token handed to the caller is its JSON, base64url-encoded.
type listCursor struct {
	ServicesToken string   `json:"st,omitempty"`
	Services      []string `json:"sv,omitempty"`
	FunctionToken string   `json:"ft,omitempty"`
}

// ListFunctions implements driver.Driver. FC 3.0 lists the account's
// functions; FC 2.0 lists the services, then each service's functions,
// as "service/function".
func (d *Driver) ListFunctions(ctx context.Context, opts *driver.ListOptions) (*driver.FunctionPage, error) {
	limit := d.limit(opts.PageSize)
	if d.scope.Version == mapping.FC3 {
		l, err := d.list(ctx, "ListFunctions", "/"+string(mapping.FC3)+"/functions", limit, opts.PageToken)
		if err != nil {
			return nil, err
		}
		out := &driver.FunctionPage{NextToken: l.NextToken}
		for _, f := range l.Functions {
			out.Functions = append(out.Functions, f.FunctionName)
		}
		return out, nil
	}
	var cur listCursor
	if opts.PageToken != "" {
		raw, err := base64.RawURLEncoding.DecodeString(opts.PageToken)
		if err != nil || json.Unmarshal(raw, &cur) != nil || len(cur.Services) == 0 {
			return nil, invalid("invalid page token %q", opts.PageToken)
		}
	}
	base := "/" + string(mapping.FC2) + "/services"
	if len(cur.Services) == 0 {
		l, err := d.list(ctx, "ListServices", base, limit, cur.ServicesToken)
		if err != nil {
			return nil, err
		}
		cur = listCursor{ServicesToken: l.NextToken}
		for _, s := range l.Services {
			cur.Services = append(cur.Services, s.ServiceName)
		}
	}
	out := &driver.FunctionPage{}
	if len(cur.Services) > 0 {
		svc := cur.Services[0]
		if err := model.CheckName("service", svc, d.limits); err != nil {
			return nil, &decodeError{err: fmt.Errorf("ListServices returned a service name that is not valid: %w", err)}
		}
		l, err := d.list(ctx, "ListFunctions", base+"/"+svc+"/functions", limit, cur.FunctionToken)
		if err != nil && classify(err) != driver.FunctionNotFound { // a service deleted meanwhile is skipped
			return nil, err
		}
		if l != nil {
			for _, f := range l.Functions {
				out.Functions = append(out.Functions, svc+"/"+f.FunctionName)
			}
			cur.FunctionToken = l.NextToken
		}
		if l == nil || l.NextToken == "" {
			cur.Services, cur.FunctionToken = cur.Services[1:], ""
		}
	}
	if len(cur.Services) > 0 || cur.ServicesToken != "" {
		raw, _ := json.Marshal(cur)
		out.NextToken = base64.RawURLEncoding.EncodeToString(raw)
	}
	return out, nil
}

func (d *Driver) list(ctx context.Context, action, path, limit, token string) (*functionList, error) {
	r := &request{action: action, method: "GET", path: path, query: map[string]string{"limit": limit},
		page: true, keys: []string{"functions", "services"}, what: "a page of " + strings.ToLower(strings.TrimPrefix(action, "List"))}
	if token != "" {
		r.query["nextToken"] = token
	}
	resp, err := d.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var l functionList
	if err := decode(resp, &l, action); err != nil {
		return nil, err
	}
	return &l, nil
}
