package document

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// cloud checks each provider and function against what its cloud accepts.
func (c *checker) cloud() {
	for _, name := range sortedKeys(c.doc.Providers) {
		if p := c.doc.Providers[name]; p != nil {
			c.checkProviderFields("/providers/"+escape(name), p)
		}
	}
	for i, e := range c.doc.Functions {
		if e == nil {
			continue
		}
		l, ok := c.limits[e.Provider]
		if !ok {
			continue // undeclared provider or unknown type: reported already
		}
		ptr := "/functions/" + strconv.Itoa(i)
		if e.Function != "" {
			if err := model.CheckFunction(e.Function, l); err != nil {
				c.errorf(ptr+"/function", "%v", err)
			}
		}
		if e.Qualifier != "" {
			if err := model.CheckName("qualifier", e.Qualifier, l); err != nil {
				c.errorf(ptr+"/qualifier", "%v", err)
			}
			c.checkLatest(ptr+"/qualifier", e.Qualifier, l.Type)
		}
		c.checkValue(ptr, model.FieldMaxEventAge, e.MaxEventAgeSeconds, l.MaxEventAgeSeconds, l.Type)
		c.checkValue(ptr, model.FieldMaxRetries, e.MaxRetryAttempts, l.MaxRetryAttempts, l.Type)
		if e.StatusLog != nil && *e.StatusLog && !l.HasStatusLog() {
			c.errorf(ptr+"/"+model.FieldStatusLog, "%s has no async status log: remove statusLog (the cloud keeps no record per async invocation; send results to a destination, or read the function's logs)", l.Type)
		}
		for _, h := range halves(e) {
			if h.d.IsEmpty() {
				continue
			}
			if l.Accepts(h.d.Kind) && !l.AcceptsOn(h.field, h.d.Kind) {
				c.errorf(ptr+"/"+h.field+"/"+string(h.d.Kind), "%s takes %s destinations in onFailure only: move it there, or use another kind for onSuccess", l.Type, h.d.Kind)
				continue
			}
			c.checkDestination(ptr+"/"+h.field, h.d, l)
		}
	}
}

func (c *checker) checkValue(ptr, field string, v *int, r model.Range, typ string) {
	if v == nil || r.Contains(*v) {
		return
	}
	c.errorf(ptr+"/"+field, "%s %d is outside %d..%d on %s: use a value in range, or widen the provider's limits.%s if your cloud accepts more",
		field, *v, r.Min, r.Max, typ, field)
}

func (c *checker) checkDestination(ptr string, d *model.Destination, l model.Limits) {
	kp := ptr + "/" + string(d.Kind)
	if !l.Accepts(d.Kind) {
		var kinds []string
		for _, k := range l.Destinations {
			kinds = append(kinds, string(k))
		}
		c.errorf(kp, "%s cannot send async results to %s destinations: use one of %s or a native ref, or widen the provider's limits.destinations if your cloud accepts it",
			l.Type, d.Kind, strings.Join(kinds, ", "))
		return
	}
	switch d.Kind {
	case model.KindFunction:
		if err := model.CheckFunction(d.Name, l); err != nil {
			c.errorf(kp, "destination %v", err)
		} else if err := unseen("destination function", d.Name); err != nil {
			c.errorf(kp, "%v", err)
		}
		if d.Qualifier != "" {
			if err := model.CheckName("qualifier", d.Qualifier, l); err != nil {
				c.errorf(ptr+"/qualifier", "destination %v", err)
			} else if err := unseen("destination qualifier", d.Qualifier); err != nil {
				c.errorf(ptr+"/qualifier", "%v", err)
			}
			c.checkLatest(ptr+"/qualifier", d.Qualifier, l.Type)
		}
	case model.KindRef:
		if err := checkRef(d.Name, l.Type); err != nil {
			c.errorf(kp, "%v", err)
		}
	default:
		if err := checkPlainName(string(d.Kind), d.Name, l); err != nil {
			c.errorf(kp, "%v", err)
		}
	}
	if d.Kind == model.KindBucket && l.Type == model.TypeAWSLambda && (d.Prefix != "" || (d.ExpireDays != nil && *d.ExpireDays != 0)) {
		c.errorf(kp, "%s bucket destinations have no prefix or expiry: remove prefix and expireDays", l.Type)
	}
	if d.Kind == model.KindBucket && d.Prefix != "" {
		if err := checkPrefix(d.Prefix); err != nil {
			c.errorf(ptr+"/prefix", "%v", err)
		}
	}
}

// checkProviderFields checks what each provider type needs.
func (c *checker) checkProviderFields(ptr string, p *model.Provider) {
	need := func(field, value, what string) {
		// A key that is written but unreadable has a schema finding already.
		if _, written := c.doc.Positions[ptr+"/"+field]; value == "" && !written {
			c.keyErrorf(ptr, "%s provider needs %s: %s", p.Type, field, what)
		}
	}
	forbid := func(field, value, instead string) {
		if value != "" {
			c.keyErrorf(ptr+"/"+field, "%s is not used by %s providers: remove it%s", field, p.Type, instead)
		}
	}
	const region = "the region of the functions, e.g. "
	switch p.Type {
	case model.TypeHuaweiFG:
		need("region", p.Region, region+"cn-north-4")
		need("projectId", p.ProjectID, "the 32-character project ID of the region (Huawei console: My Credentials > API Credentials)")
		forbid("accountId", p.AccountID, " (huaweifg uses projectId)")
	case model.TypeAliFC2, model.TypeAliFC3:
		need("region", p.Region, region+"cn-hangzhou")
		need("accountId", p.AccountID, `the numeric account ID (UID) that owns the functions, in quotes: accountId: "1234567890123456"`)
		forbid("projectId", p.ProjectID, " ("+p.Type+" uses accountId)")
	case model.TypeAWSLambda:
		need("region", p.Region, region+"us-east-1")
		forbid("projectId", p.ProjectID, " (awslambda uses the optional accountId)")
		if p.AccountID != "" && !awsAccount.MatchString(p.AccountID) {
			c.errorf(ptr+"/accountId", "accountId %q is not an AWS account ID: write its 12 digits in quotes", truncate(p.AccountID, 80))
		}
	}
	if p.Endpoint != "" {
		if err := checkEndpoint(p.Endpoint, c.insecure); err != nil {
			c.errorf(ptr+"/endpoint", "%v", err)
		}
	}
}

var awsAccount = regexp.MustCompile(`^[0-9]{12}$`)

// checkEndpoint accepts "emulator" or an http(s) URL with a host and no
// path, query, fragment or credentials; plain http only to a loopback
// host (model.IsLoopback, the test provider.CheckEndpoint applies when
// it opens the provider) unless insecure.
func checkEndpoint(s string, insecure bool) error {
	if s == model.EndpointEmulator {
		return nil
	}
	if err := checkURL(s); err != nil {
		return fmt.Errorf("endpoint %q %w: write `emulator` or an URL like https://fgs.cn-north-4.myhuaweicloud.com", truncate(s, 80), err)
	}
	if u, _ := url.Parse(s); u.Scheme == "http" && !insecure && !model.IsLoopback(u.Hostname()) {
		return fmt.Errorf("endpoint %q uses plain http to %s, a host that is not loopback: use https, or allow it with --insecure-endpoint (configs and credentials would travel unencrypted)", truncate(s, 80), u.Hostname())
	}
	return nil
}

// checkLatest warns about the other cloud's spelling of the unqualified
// version: FunctionGraph's is latest and Function Compute's LATEST, and
// the other spelling names an alias or version of that name, which most
// likely does not exist (the embedded emulator would create it).
func (c *checker) checkLatest(ptr, qualifier, typ string) {
	want := ""
	switch {
	case typ == model.TypeHuaweiFG && qualifier != "latest" && strings.EqualFold(qualifier, "latest"):
		want = "latest"
	case (typ == model.TypeAliFC2 || typ == model.TypeAliFC3) && qualifier != "LATEST" && strings.EqualFold(qualifier, "latest"):
		want = "LATEST"
	default:
		return
	}
	d := model.Warningf(ptr, "qualifier %q is not the unqualified version on %s, which is %q: %q names an alias or version of that name; write %q, or leave the qualifier out", qualifier, typ, want, qualifier, want)
	d.AtValue = true
	c.diags = append(c.diags, d)
}
