package fgemu

// The emulator's own wire structs, transcribed from the FunctionGraph v2
// API documents (functiongraph_06_0140/0141/0142/0143, 0112_00_3,
// 0146_00_1, the function list and async invoke pages) and the SDK's
// models. They are deliberately not shared with the adapter, so that a
// wrong JSON tag on either side shows up in tests.

// configBody is the body of UpdateFunctionAsyncInvokeConfig. Pointers
// tell an absent field from 0 and false.
type configBody struct {
	MaxAsyncEventAgeInSeconds *int             `json:"max_async_event_age_in_seconds"`
	MaxAsyncRetryAttempts     *int             `json:"max_async_retry_attempts"`
	DestinationConfig         *destinationPair `json:"destination_config"`
	EnableAsyncStatusLog      *bool            `json:"enable_async_status_log"`
	LogGroupID                *string          `json:"log_group_id"`
	LogStreamID               *string          `json:"log_stream_id"`
	LogGroupName              *string          `json:"log_group_name"`
	LogStreamName             *string          `json:"log_stream_name"`
}

// destinationPair is FuncAsyncDestinationConfig.
type destinationPair struct {
	OnSuccess *destinationBody `json:"on_success,omitempty"`
	OnFailure *destinationBody `json:"on_failure,omitempty"`
}

// destinationBody is FuncDestinationConfig: param is a JSON object in a
// string.
type destinationBody struct {
	Destination string `json:"destination"`
	Param       string `json:"param"`
}

// configReply is the config object Show and Update return, and each item
// of ListFunctionAsyncInvokeConfig.
type configReply struct {
	FuncURN                   string          `json:"func_urn"`
	MaxAsyncEventAgeInSeconds int             `json:"max_async_event_age_in_seconds"`
	MaxAsyncRetryAttempts     int             `json:"max_async_retry_attempts"`
	DestinationConfig         destinationPair `json:"destination_config"`
	CreatedTime               string          `json:"created_time"`
	LastModified              string          `json:"last_modified"`
	EnableAsyncStatusLog      bool            `json:"enable_async_status_log"`
}

// configListReply is ListFunctionAsyncInvokeConfig's body.
type configListReply struct {
	AsyncInvokeConfigs []configReply `json:"async_invoke_configs"`
	Count              int64         `json:"count"`
	PageInfo           pageInfo      `json:"page_info"`
}

// pageInfo is PageInfo.
type pageInfo struct {
	NextMarker     int64 `json:"next_marker"`
	PreviousMarker int64 `json:"previous_marker"`
	CurrentCount   int64 `json:"current_count"`
}

// invocationReply is ListFunctionAsyncInvocationsResult: start_time and
// end_time are "YYYY-MM-DDTHH:mm:ss" UTC as the document says.
type invocationReply struct {
	RequestID    string `json:"request_id"`
	Status       string `json:"status"`
	ErrorMessage string `json:"error_message"`
	ErrorCode    int    `json:"error_code"`
	StartTime    string `json:"start_time"`
	EndTime      string `json:"end_time,omitempty"`
}

// invocationListReply is ListAsyncInvocations' body.
type invocationListReply struct {
	Invocations []invocationReply `json:"invocations"`
	Count       int               `json:"count"`
	NextMarker  int               `json:"next_marker"`
}

// cancelBody is CancelAsyncInvocation's body.
type cancelBody struct {
	RequestID string  `json:"request_id"`
	Type      *string `json:"type"`
}

// invokeReply is AsyncInvokeFunction's body.
type invokeReply struct {
	RequestID string `json:"request_id"`
}

// functionReply is one item of ListFunctions (ListFunctionResult), with
// the fields the SDK requires and plausible values for the rest.
type functionReply struct {
	FuncURN      string `json:"func_urn"`
	FuncName     string `json:"func_name"`
	DomainID     string `json:"domain_id"`
	Namespace    string `json:"namespace"`
	ProjectName  string `json:"project_name"`
	Package      string `json:"package"`
	Runtime      string `json:"runtime"`
	Timeout      int    `json:"timeout"`
	Handler      string `json:"handler"`
	MemorySize   int    `json:"memory_size"`
	CPU          int    `json:"cpu"`
	CodeType     string `json:"code_type"`
	CodeSize     int64  `json:"code_size"`
	Digest       string `json:"digest"`
	Version      string `json:"version"`
	ImageName    string `json:"image_name"`
	LastModified string `json:"last_modified"`
}

// functionListReply is ListFunctions' body.
type functionListReply struct {
	Functions  []functionReply `json:"functions"`
	NextMarker int             `json:"next_marker"`
	Count      int64           `json:"count"`
}

// errorReply is FunctionGraph's error envelope; API Gateway adds the
// request id to the ones it answers itself.
type errorReply struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id,omitempty"`
}
