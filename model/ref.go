package model

import "fmt"

// FunctionRef names one function qualifier on one provider declared in a
// document.
//
// Function is the cloud's own identity of the function: FunctionGraph
// "[package/]name", Function Compute 2.0 "service/function", Function Compute
// 3.0 "function". Qualifier is a version or an alias; empty means the cloud's
// default ("latest" on FunctionGraph, "LATEST" on Function Compute).
type FunctionRef struct {
	Provider  string `json:"provider"`
	Function  string `json:"function"`
	Qualifier string `json:"qualifier,omitempty"`
}

// String renders r as PROVIDER:FUNCTION[@QUALIFIER].
func (r FunctionRef) String() string {
	if r.Qualifier == "" {
		return fmt.Sprintf("%s:%s", r.Provider, r.Function)
	}
	return fmt.Sprintf("%s:%s@%s", r.Provider, r.Function, r.Qualifier)
}

// Less orders refs by provider, function and qualifier.
func (r FunctionRef) Less(o FunctionRef) bool {
	if r.Provider != o.Provider {
		return r.Provider < o.Provider
	}
	if r.Function != o.Function {
		return r.Function < o.Function
	}
	return r.Qualifier < o.Qualifier
}
