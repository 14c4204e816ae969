package huaweifg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// qualified runs op with the URN of fn. A neutral qualifier does not say
// whether it is a version or an alias; the URN must (mapping.FgsIsVersion
// decides). When the rule took the qualifier for an alias and FunctionGraph
// answers that no such alias exists (FSS.1053), op runs again with the
// qualifier as a version, one published under a custom name ("v1"), and
// the driver remembers that it is one. It returns fn normalized.
func (d *Driver) qualified(fn model.FunctionRef, op func(urn string) error) (model.FunctionRef, error) {
	urn, fn, err := d.urn(fn)
	if err != nil {
		return fn, err
	}
	err = op(urn)
	if !hasCode(err, "FSS.1053") || mapping.FgsIsVersion(fn.Qualifier) || d.isVersion(fn) {
		return fn, err
	}
	verr := op(d.versionURN(fn))
	switch {
	case verr == nil:
		d.versions.Store(versionKey(fn), true)
		return fn, nil
	case hasCode(verr, "FSS.1052"):
		return fn, &classified{code: driver.FunctionNotFound,
			err: fmt.Errorf("function %s has neither an alias nor a version named %s: %w", fn.Function, fn.Qualifier, err)}
	}
	return fn, verr
}

// isVersion reports whether fn's qualifier was found to be a version with
// a custom name.
func (d *Driver) isVersion(fn model.FunctionRef) bool {
	_, ok := d.versions.Load(versionKey(fn))
	return ok
}

func versionKey(fn model.FunctionRef) string { return fn.Function + "@" + fn.Qualifier }

// versionURN is the full URN of fn with its qualifier as a version.
func (d *Driver) versionURN(fn model.FunctionRef) string {
	pkg, name, _ := strings.Cut(fn.Function, "/") // normalized: the package is there
	u := mapping.FgsURN{Fields: 8, Region: d.scope.Region, ProjectID: d.scope.ProjectID, Package: pkg, Function: name, Version: fn.Qualifier}
	return u.String()
}

// hasCode reports whether err is FunctionGraph's answer with error code.
func hasCode(err error, code string) bool {
	var se *sdkerr.ServiceResponseError
	return errors.As(err, &se) && se.ErrorCode == code
}
