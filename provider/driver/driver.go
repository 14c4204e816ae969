// Package driver defines the interface each cloud adapter implements. Users
// never call a driver directly: they use the portable *provider.Client,
// which checks arguments and capabilities before any request and classifies
// errors once. The doc comments below are the contract that the conformance
// suite in package drivertest enforces.
package driver

import (
	"context"
	"time"

	"github.com/fnasync/fnasync/model"
)

// Driver is one provider of a document: one cloud account, region and API
// version.
//
// Every FunctionRef passed to a Driver is normalized (model.NormalizeRef:
// default package and qualifier filled) and has passed the cloud's name
// checks; every *model.AsyncConfig passed in is normalized (defaults filled,
// empty halves dropped) and uses only destination kinds the Capabilities
// accept. Drivers return raw service errors; ErrorCode classifies them.
type Driver interface {
	// Capabilities describes the driver statically.
	Capabilities() Capabilities

	// GetAsyncConfig returns fn's config. If the function exists but has no
	// config, the error's code is NotFound; if the function does not exist,
	// FunctionNotFound. The result is complete: every field is set.
	GetAsyncConfig(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error)

	// PutAsyncConfig writes cfg as fn's config, sending every field. If
	// Capabilities().MergeOnPut is false the write replaces the whole
	// config; if it is true, destination halves absent from cfg may survive
	// and the portable client deletes first where needed.
	PutAsyncConfig(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error

	// DeleteAsyncConfig removes fn's config. It returns an error with code
	// NotFound if there is none.
	DeleteAsyncConfig(ctx context.Context, fn model.FunctionRef) error

	// ListAsyncConfigs returns one page of the configs of every qualifier
	// of function. opts is never nil; an empty opts.PageToken is the first
	// page and an empty NextToken in the result the last.
	ListAsyncConfigs(ctx context.Context, function string, opts *ListOptions) (*ConfigPage, error)

	// ListFunctions returns one page of the names of the provider's
	// functions, in the same form as FunctionRef.Function.
	ListFunctions(ctx context.Context, opts *ListOptions) (*FunctionPage, error)

	// ListInvocations returns one page of async invocation records of fn,
	// newest first, filtered by opts (never nil).
	ListInvocations(ctx context.Context, fn model.FunctionRef, opts *InvocationOptions) (*InvocationPage, error)

	// StopInvocation stops the async invocation id of fn.
	StopInvocation(ctx context.Context, fn model.FunctionRef, id string) error

	// ErrorCode classifies an error returned by this driver.
	ErrorCode(err error) ErrorCode

	// As converts i to a driver-specific client type; see the driver's
	// package doc. It reports whether it did.
	As(i any) bool

	// ErrorAs converts err to a driver-specific error type.
	ErrorAs(err error, i any) bool

	// Close releases the driver's resources.
	Close() error
}

// Capabilities is what a driver supports.
type Capabilities struct {
	// Limits are the cloud's ranges, defaults and destination kinds, with
	// the document's overrides applied.
	Limits model.Limits
	// MergeOnPut is true where the cloud's PUT keeps fields it was not sent
	// (FC 2.0).
	MergeOnPut bool
	// StopInvocation is false where invocations cannot be stopped; then
	// StopNote says why.
	StopInvocation bool
	StopNote       string
	// Invoke is true where the driver implements Invoker; the portable
	// client sets it.
	Invoke bool
	// NoInvocationList, when not empty, says that the cloud keeps no
	// async invocation records to list, why, and where to look instead;
	// the portable client then answers ListInvocations with Unimplemented
	// and this text, without a request.
	NoInvocationList string
}

// ListOptions pages a list.
type ListOptions struct {
	PageToken string
	PageSize  int
}

// ConfigPage is one page of async configs.
type ConfigPage struct {
	Configs   []QualifiedConfig
	NextToken string
}

// QualifiedConfig is the config of one qualifier.
type QualifiedConfig struct {
	Ref    model.FunctionRef
	Config *model.AsyncConfig
}

// FunctionPage is one page of function names.
type FunctionPage struct {
	Functions []string
	NextToken string
}

// InvocationOptions filter and page a list of invocations.
type InvocationOptions struct {
	PageToken string
	PageSize  int
	// Statuses, when not empty, keeps only these statuses.
	Statuses []model.InvocationStatus
	// From and To bound the start time; zero means unbounded.
	From, To time.Time
	// ID selects one invocation (FunctionGraph request id, FC id prefix).
	ID string
}

// InvocationPage is one page of invocation records.
type InvocationPage struct {
	Invocations []model.Invocation
	NextToken   string
}

// Canonicalizer is implemented by drivers whose cloud reads a destination
// back in another form than it was given: a native URN or ARN naming a
// known kind in the provider's own account comes back as that kind. The
// portable client canonicalizes desired configs with it, so that a
// document's ref and the live config compare equal.
type Canonicalizer interface {
	// CanonicalDestination returns d as the cloud would read it back;
	// nil for an empty d.
	CanonicalDestination(d *model.Destination) *model.Destination
}

// Invoker is implemented by drivers that can start an async invocation of
// a function: the capability behind provider.Client.Invoke.
type Invoker interface {
	// Invoke starts an async invocation of fn with payload (a JSON
	// object; empty means {}) and returns the id the cloud records it
	// under, the id that ListInvocations and StopInvocation take.
	Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (id string, err error)
}
