package fcemu

// The emulator's own wire structs, transcribed from the Function Compute
// API documents (2021-04-06 and 2023-03-30) and the Tea SDK models. They
// are deliberately independent of package mapping, so that a wrong JSON
// tag there cannot pass every test.

// putConfigInput is the body of PutFunctionAsyncInvokeConfig (2.0) and
// PutAsyncInvokeConfig (3.0). Pointers tell "not sent" (or null) apart
// from zero values.
type putConfigInput struct {
	DestinationConfig         *destinationConfigInput `json:"destinationConfig"`
	MaxAsyncEventAgeInSeconds *int64                  `json:"maxAsyncEventAgeInSeconds"`
	MaxAsyncRetryAttempts     *int64                  `json:"maxAsyncRetryAttempts"`
	StatefulInvocation        *bool                   `json:"statefulInvocation"`
	AsyncTask                 *bool                   `json:"asyncTask"`
}

type destinationConfigInput struct {
	OnSuccess *destinationInput `json:"onSuccess"`
	OnFailure *destinationInput `json:"onFailure"`
}

type destinationInput struct {
	Destination *string `json:"destination"`
}

// configOutput2 is FC 2.0's AsyncConfig
// (GetFunctionAsyncInvokeConfigResponseBody).
type configOutput2 struct {
	CreatedTime               string             `json:"createdTime"`
	DestinationConfig         *destinationOutput `json:"destinationConfig"`
	Function                  string             `json:"function"`
	LastModifiedTime          string             `json:"lastModifiedTime"`
	MaxAsyncEventAgeInSeconds int64              `json:"maxAsyncEventAgeInSeconds"`
	MaxAsyncRetryAttempts     int64              `json:"maxAsyncRetryAttempts"`
	Qualifier                 string             `json:"qualifier"`
	Service                   string             `json:"service"`
	StatefulInvocation        bool               `json:"statefulInvocation"`
}

// configOutput3 is FC 3.0's AsyncConfig. It has no service, function or
// qualifier field: functionArn names the function, and the emulator puts
// the qualifier in it (see configARN).
type configOutput3 struct {
	AsyncTask                 bool               `json:"asyncTask"`
	CreatedTime               string             `json:"createdTime"`
	DestinationConfig         *destinationOutput `json:"destinationConfig"`
	FunctionArn               string             `json:"functionArn"`
	LastModifiedTime          string             `json:"lastModifiedTime"`
	MaxAsyncEventAgeInSeconds int64              `json:"maxAsyncEventAgeInSeconds"`
	MaxAsyncRetryAttempts     int64              `json:"maxAsyncRetryAttempts"`
}

// destinationOutput is DestinationConfig in a response: a half without a
// destination is null, as in the API document's example.
type destinationOutput struct {
	OnSuccess *destinationTarget `json:"onSuccess"`
	OnFailure *destinationTarget `json:"onFailure"`
}

type destinationTarget struct {
	Destination string `json:"destination"`
}

// configList is ListFunctionAsyncInvokeConfigs / ListAsyncInvokeConfigs.
type configList struct {
	Configs   []any  `json:"configs"`
	NextToken string `json:"nextToken,omitempty"`
}

// invocationOutput2 is FC 2.0's StatefulAsyncInvocation.
type invocationOutput2 struct {
	AlreadyRetriedTimes    int64             `json:"alreadyRetriedTimes"`
	DestinationStatus      string            `json:"destinationStatus,omitempty"`
	DurationMs             int64             `json:"durationMs,omitempty"`
	EndTime                int64             `json:"endTime,omitempty"`
	Events                 []invocationEvent `json:"events"`
	FunctionName           string            `json:"functionName"`
	InstanceID             string            `json:"instanceId,omitempty"`
	InvocationErrorMessage string            `json:"invocationErrorMessage,omitempty"`
	InvocationID           string            `json:"invocationId"`
	InvocationPayload      string            `json:"invocationPayload,omitempty"`
	Qualifier              string            `json:"qualifier"`
	RequestID              string            `json:"requestId"`
	ServiceName            string            `json:"serviceName"`
	StartedTime            int64             `json:"startedTime"`
	Status                 string            `json:"status"`
}

// invocationOutput3 is FC 3.0's AsyncTask.
type invocationOutput3 struct {
	AlreadyRetriedTimes int64             `json:"alreadyRetriedTimes"`
	DestinationStatus   string            `json:"destinationStatus,omitempty"`
	DurationMs          int64             `json:"durationMs,omitempty"`
	EndTime             int64             `json:"endTime,omitempty"`
	Events              []invocationEvent `json:"events"`
	FunctionArn         string            `json:"functionArn"`
	InstanceID          string            `json:"instanceId,omitempty"`
	Qualifier           string            `json:"qualifier"`
	RequestID           string            `json:"requestId"`
	StartedTime         int64             `json:"startedTime"`
	Status              string            `json:"status"`
	TaskErrorMessage    string            `json:"taskErrorMessage,omitempty"`
	TaskID              string            `json:"taskId"`
	TaskPayload         string            `json:"taskPayload,omitempty"`
}

// invocationEvent is StatefulAsyncInvocationEvent / AsyncTaskEvent.
type invocationEvent struct {
	EventDetail string `json:"eventDetail,omitempty"`
	EventID     int64  `json:"eventId"`
	Status      string `json:"status"`
	Timestamp   int64  `json:"timestamp"`
}

// invocationList2 is ListStatefulAsyncInvocations' body.
type invocationList2 struct {
	Invocations []invocationOutput2 `json:"invocations"`
	NextToken   string              `json:"nextToken,omitempty"`
}

// invocationList3 is ListAsyncTasks' body.
type invocationList3 struct {
	Tasks     []invocationOutput3 `json:"tasks"`
	NextToken string              `json:"nextToken,omitempty"`
}

// serviceOutput is one service of ListServices (2.0).
type serviceOutput struct {
	ServiceName      string `json:"serviceName"`
	CreatedTime      string `json:"createdTime"`
	LastModifiedTime string `json:"lastModifiedTime"`
}

type serviceList struct {
	Services  []serviceOutput `json:"services"`
	NextToken string          `json:"nextToken,omitempty"`
}

// functionOutput is one function of ListFunctions (2.0 and 3.0; 3.0 adds
// functionArn).
type functionOutput struct {
	FunctionName     string `json:"functionName"`
	FunctionArn      string `json:"functionArn,omitempty"`
	CreatedTime      string `json:"createdTime"`
	LastModifiedTime string `json:"lastModifiedTime"`
}

type functionList struct {
	Functions []functionOutput `json:"functions"`
	NextToken string           `json:"nextToken,omitempty"`
}

// errorBody2 is FC 2.0's error envelope.
type errorBody2 struct {
	ErrorCode    string `json:"ErrorCode"`
	ErrorMessage string `json:"ErrorMessage"`
}

// errorBody3 is the POP-style envelope FC 3.0 answers with.
type errorBody3 struct {
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	RequestID string `json:"RequestId"`
}
