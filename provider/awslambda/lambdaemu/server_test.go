package lambdaemu_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/fnasync/fnasync/provider/awslambda/lambdaemu"
	"github.com/fnasync/fnasync/provider/emukit"
)

// client sends raw requests to an emulator, signed by the AWS SDK's own
// Signature Version 4 signer (not the emulator's code).
type client struct {
	t   *testing.T
	url string
	emu *lambdaemu.Server
	log *emukit.Log
}

func newClient(t *testing.T) *client {
	c := newClientWith(t, nil)
	if err := c.emu.AddFunction("orders", "1", "2", "prod"); err != nil {
		t.Fatal(err)
	}
	return c
}

// newClientWith serves an emulator with opts (its log and page size set)
// and no function.
func newClientWith(t *testing.T, opts *lambdaemu.Options) *client {
	o := lambdaemu.Options{}
	if opts != nil {
		o = *opts
	}
	o.Log, o.PageSize = &emukit.Log{}, 2
	emu, url := lambdaemu.NewTestServer(t, &o)
	return &client{t: t, url: url, emu: emu, log: o.Log}
}

type answer struct {
	status int
	header http.Header
	body   map[string]any
}

// send signs and sends; sk "" leaves the request unsigned; edit may change
// the request after signing.
func (c *client) send(method, path, body, sk string, at time.Time, edit func(*http.Request)) answer {
	c.t.Helper()
	r, err := http.NewRequestWithContext(c.t.Context(), method, c.url+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/json")
	if sk != "" {
		sum := sha256.Sum256([]byte(body))
		creds := aws.Credentials{AccessKeyID: emukit.DefaultAccessKey, SecretAccessKey: sk}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "lambda", "eu-west-1", at); err != nil {
			c.t.Fatal(err)
		}
	}
	if edit != nil {
		edit(r)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &a.body); err != nil {
			c.t.Fatalf("%s %s: body is not JSON: %s", method, path, b)
		}
	}
	return a
}

func (c *client) ok(method, path, body string) answer {
	c.t.Helper()
	return c.send(method, path, body, emukit.DefaultSecretKey, time.Now(), nil)
}

const cfgPath = "/2019-09-25/functions/orders/event-invoke-config"

func TestSignatureRefusals(t *testing.T) {
	c := newClient(t)
	const body = `{"MaximumRetryAttempts":1}`
	now := time.Now()
	for _, tt := range []struct {
		name   string
		sk     string
		at     time.Time
		edit   func(*http.Request)
		status int
		code   string
	}{
		{"unsigned", "", now, nil, 403, "MissingAuthenticationTokenException"},
		{"wrong secret", "not-the-secret", now, nil, 403, "InvalidSignatureException"},
		{"stale", emukit.DefaultSecretKey, now.Add(-16 * time.Minute), nil, 403, "InvalidSignatureException"},
		{"ahead", emukit.DefaultSecretKey, now.Add(16 * time.Minute), nil, 403, "InvalidSignatureException"},
		{"another key", emukit.DefaultSecretKey, now, func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), emukit.DefaultAccessKey, "AKIAOTHER", 1))
		}, 403, "UnrecognizedClientException"},
		{"body changed", emukit.DefaultSecretKey, now, func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(`{"MaximumRetryAttempts":2}`))
		}, 403, "InvalidSignatureException"},
		{"query changed", emukit.DefaultSecretKey, now, func(r *http.Request) { r.URL.RawQuery = "Qualifier=prod" }, 403, "InvalidSignatureException"},
		{"malformed", emukit.DefaultSecretKey, now, func(r *http.Request) { r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Signature=x") }, 400, "IncompleteSignatureException"},
		{"another service", emukit.DefaultSecretKey, now, func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/lambda/", "/s3/", 1))
		}, 403, "InvalidSignatureException"},
		{"unsigned security token", emukit.DefaultSecretKey, now, func(r *http.Request) { r.Header.Set("X-Amz-Security-Token", "t") }, 400, "IncompleteSignatureException"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := c.send("PUT", cfgPath, body, tt.sk, tt.at, tt.edit)
			if a.status != tt.status || a.header.Get("X-Amzn-Errortype") != tt.code || a.body["message"] == nil {
				t.Errorf("%d %s %v; want %d %s and a message", a.status, a.header.Get("X-Amzn-Errortype"), a.body, tt.status, tt.code)
			}
			if msg, _ := a.body["message"].(string); strings.Contains(msg, emukit.DefaultSecretKey) {
				t.Errorf("the answer quotes the secret: %s", msg)
			}
		})
	}
	if a := c.ok("GET", cfgPath, ""); a.status != 404 {
		t.Errorf("a refused PUT changed the state: GET answered %d %v", a.status, a.body)
	}
}

// TestSecurityToken: a session token the signature covers rides along.
func TestSecurityToken(t *testing.T) {
	c := newClient(t)
	r, _ := http.NewRequestWithContext(t.Context(), "GET", c.url+cfgPath, nil)
	creds := aws.Credentials{AccessKeyID: emukit.DefaultAccessKey, SecretAccessKey: emukit.DefaultSecretKey, SessionToken: "session"}
	sum := sha256.Sum256(nil)
	if err := v4.NewSigner().SignHTTP(t.Context(), creds, r, hex.EncodeToString(sum[:]), "lambda", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 || resp.Header.Get("X-Amzn-Errortype") != "ResourceNotFoundException" {
		t.Errorf("%d %s, want 404 ResourceNotFoundException (signed and accepted; no config)", resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"))
	}
}

func TestConfigs(t *testing.T) {
	c := newClient(t)
	for _, tt := range []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"no config", "GET", cfgPath, "", 404, "ResourceNotFoundException"},
		{"no function", "GET", "/2019-09-25/functions/nope/event-invoke-config", "", 404, "ResourceNotFoundException"},
		{"no alias", "GET", cfgPath + "?Qualifier=blue", "", 404, "ResourceNotFoundException"},
		{"bad qualifier", "GET", cfgPath + "?Qualifier=a.b", "", 400, "InvalidParameterValueException"},
		{"an ARN of another account", "GET", "/2019-09-25/functions/arn:aws:lambda:eu-west-1:210987654321:function:orders/event-invoke-config", "", 404, "ResourceNotFoundException"},
		{"an ARN of another region", "GET", "/2019-09-25/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/event-invoke-config", "", 404, "ResourceNotFoundException"},
		{"an ARN of another service", "GET", "/2019-09-25/functions/arn:aws:sqs:eu-west-1:123456789012:orders/event-invoke-config", "", 400, "InvalidParameterValueException"},
		{"two qualifiers that differ", "GET", "/2019-09-25/functions/orders:prod/event-invoke-config?Qualifier=1", "", 400, "InvalidParameterValueException"},
		{"a qualified name to list", "GET", "/2019-09-25/functions/orders:prod/event-invoke-config/list", "", 400, "InvalidParameterValueException"},
		{"age too low", "PUT", cfgPath, `{"MaximumEventAgeInSeconds":59}`, 400, "InvalidParameterValueException"},
		{"age too high", "PUT", cfgPath, `{"MaximumEventAgeInSeconds":21601}`, 400, "InvalidParameterValueException"},
		{"retries too high", "PUT", cfgPath, `{"MaximumRetryAttempts":3}`, 400, "InvalidParameterValueException"},
		{"S3 on success", "PUT", cfgPath, `{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:s3:::b"}}}`, 400, "InvalidParameterValueException"},
		{"not an ARN", "PUT", cfgPath, `{"DestinationConfig":{"OnFailure":{"Destination":"dlq"}}}`, 400, "InvalidParameterValueException"},
		{"a DynamoDB table", "PUT", cfgPath, `{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:dynamodb:us-east-1:123456789012:table/t"}}}`, 400, "InvalidParameterValueException"},
		{"not JSON", "PUT", cfgPath, `{`, 400, "SerializationException"},
		{"update without a config", "POST", cfgPath, `{"MaximumRetryAttempts":1}`, 404, "ResourceNotFoundException"},
		{"delete without a config", "DELETE", cfgPath, "", 404, "ResourceNotFoundException"},
		{"unknown path", "GET", "/2019-09-25/functions/orders/nothing", "", 404, "UnknownOperationException"},
		{"unclean path", "GET", "/2019-09-25/functions/x/../orders/event-invoke-config", "", 404, "UnknownOperationException"},
		{"list MaxItems over 50", "GET", cfgPath + "/list?MaxItems=51", "", 400, "InvalidParameterValueException"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := c.ok(tt.method, tt.path, tt.body)
			if a.status != tt.status || a.header.Get("X-Amzn-Errortype") != tt.code || a.body["Type"] != "User" || a.body["Message"] == "" {
				t.Errorf("%d %s %v; want %d %s with {Type: User, Message}", a.status, a.header.Get("X-Amzn-Errortype"), a.body, tt.status, tt.code)
			}
			if a.header.Get("X-Amzn-Requestid") == "" {
				t.Error("no X-Amzn-RequestId")
			}
		})
	}

	// Put replaces; Update merges; Get and List answer the same.
	a := c.ok("PUT", cfgPath+"?Qualifier=prod", `{"MaximumRetryAttempts":0,"MaximumEventAgeInSeconds":60,"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:sqs:us-east-1:123456789012:q"},"OnFailure":{"Destination":"arn:aws:s3:::b"}}}`)
	if a.status != 200 || a.body["FunctionArn"] != "arn:aws:lambda:eu-west-1:123456789012:function:orders:prod" || a.body["MaximumRetryAttempts"] != 0.0 {
		t.Fatalf("PUT: %d %v", a.status, a.body)
	}
	a = c.ok("POST", cfgPath+"?Qualifier=prod", `{"MaximumEventAgeInSeconds":120,"DestinationConfig":{"OnSuccess":{"Destination":""}}}`)
	dc, _ := a.body["DestinationConfig"].(map[string]any)
	if a.status != 200 || a.body["MaximumEventAgeInSeconds"] != 120.0 || a.body["MaximumRetryAttempts"] != 0.0 ||
		len(dc["OnSuccess"].(map[string]any)) != 0 || dc["OnFailure"].(map[string]any)["Destination"] != "arn:aws:s3:::b" {
		t.Fatalf("Update: %d %v", a.status, a.body)
	}
	a = c.ok("PUT", cfgPath+"?Qualifier=prod", `{}`)
	if a.status != 200 || a.body["MaximumEventAgeInSeconds"] != nil || a.body["MaximumRetryAttempts"] != nil {
		t.Fatalf("PUT {} does not remove the settings: %v", a.body)
	}
	for _, q := range []string{"", "?Qualifier=%24LATEST", "?Qualifier=1", "?Qualifier=2"} {
		if a := c.ok("PUT", cfgPath+q, `{"MaximumRetryAttempts":2}`); a.status != 200 {
			t.Fatalf("PUT%s: %d %v", q, a.status, a.body)
		}
	}
	var arns []string
	marker := ""
	for range 10 {
		a := c.ok("GET", cfgPath+"/list?MaxItems=2"+marker, "")
		for _, cfg := range a.body["FunctionEventInvokeConfigs"].([]any) {
			arns = append(arns, cfg.(map[string]any)["FunctionArn"].(string))
		}
		next, _ := a.body["NextMarker"].(string)
		if next == "" {
			break
		}
		marker = "&Marker=" + next
	}
	want := "orders:$LATEST orders:1 orders:2 orders:prod"
	var got []string
	for _, arn := range arns {
		got = append(got, arn[strings.LastIndex(arn, "function:")+len("function:"):])
	}
	if strings.Join(got, " ") != want {
		t.Errorf("listed %v, want %s", got, want)
	}
	if a := c.ok("DELETE", cfgPath+"?Qualifier=1", ""); a.status != 204 {
		t.Errorf("DELETE: %d %v", a.status, a.body)
	}
}

func TestFunctionsAndInvoke(t *testing.T) {
	c := newClient(t)
	if err := c.emu.AddFunction("audit"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/2015-03-31/functions/", "/2015-03-31/functions"} {
		a := c.ok("GET", path+"?MaxItems=1", "")
		fns, _ := a.body["Functions"].([]any)
		if a.status != 200 || len(fns) != 1 || fns[0].(map[string]any)["FunctionName"] != "audit" || a.body["NextMarker"] != "orders" {
			t.Errorf("ListFunctions %s: %d %v", path, a.status, a.body)
		}
	}
	a := c.ok("GET", "/2015-03-31/functions/orders/versions", "")
	if vs, _ := a.body["Versions"].([]any); a.status != 200 || len(vs) != 2 || a.body["NextMarker"] != "2" {
		t.Errorf("ListVersionsByFunction: %d %v", a.status, a.body)
	}
	a = c.ok("GET", "/2015-03-31/functions/orders/aliases", "")
	if as, _ := a.body["Aliases"].([]any); a.status != 200 || len(as) != 1 || as[0].(map[string]any)["Name"] != "prod" {
		t.Errorf("ListAliases: %d %v", a.status, a.body)
	}
	for _, tt := range []struct {
		typ, body string
		status    int
	}{
		{"Event", `{"k":1}`, 202},
		{"DryRun", `{}`, 204},
		{"RequestResponse", `{}`, 400},
		{"", `{}`, 400},
		{"Event", `not json`, 400},
	} {
		r, _ := http.NewRequestWithContext(t.Context(), "POST", c.url+"/2015-03-31/functions/orders/invocations?Qualifier=prod", bytes.NewReader([]byte(tt.body)))
		if tt.typ != "" {
			r.Header.Set("X-Amz-Invocation-Type", tt.typ)
		}
		sum := sha256.Sum256([]byte(tt.body))
		_ = v4.NewSigner().SignHTTP(t.Context(), aws.Credentials{AccessKeyID: emukit.DefaultAccessKey, SecretAccessKey: emukit.DefaultSecretKey},
			r, hex.EncodeToString(sum[:]), "lambda", "us-east-1", time.Now())
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("Invoke %q %s: %d, want %d", tt.typ, tt.body, resp.StatusCode, tt.status)
		}
	}
	for _, tt := range []struct {
		name, q string
		want    bool
	}{{"orders", "", true}, {"orders", "$LATEST", true}, {"orders", "2", true}, {"orders", "prod", true},
		{"orders", "3", false}, {"orders", "blue", false}, {"nope", "", false}} {
		if got := c.emu.HasFunction(tt.name, tt.q); got != tt.want {
			t.Errorf("HasFunction(%q, %q) = %v, want %v", tt.name, tt.q, got, tt.want)
		}
	}
	invs := c.emu.Invocations("orders")
	if len(invs) != 1 || invs[0].Qualifier != "prod" || invs[0].Payload != `{"k":1}` || invs[0].RequestID == "" {
		t.Errorf("invocations kept: %+v", invs)
	}
}

// TestFunctionNameForms: FunctionName may be a name, name:qualifier, a
// full ARN or a partial ARN (account:function:name), each with an
// optional qualifier, as Lambda's API reference says; a qualifier in the
// name may repeat ?Qualifier= but not contradict it.
func TestFunctionNameForms(t *testing.T) {
	c := newClient(t)
	if a := c.ok("PUT", cfgPath+"?Qualifier=prod", `{"MaximumRetryAttempts":1}`); a.status != 200 {
		t.Fatalf("PUT: %d %v", a.status, a.body)
	}
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
	for _, tt := range []struct{ name, path string }{
		{"name:qualifier", "orders:prod/event-invoke-config"},
		{"name:qualifier and the same Qualifier", "orders:prod/event-invoke-config?Qualifier=prod"},
		{"ARN and Qualifier", arn + "/event-invoke-config?Qualifier=prod"},
		{"qualified ARN", arn + ":prod/event-invoke-config"},
		{"escaped qualified ARN", strings.ReplaceAll(arn+":prod", ":", "%3A") + "/event-invoke-config"},
		{"partial ARN", "123456789012:function:orders:prod/event-invoke-config"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := c.ok("GET", "/2019-09-25/functions/"+tt.path, "")
			if a.status != 200 || a.body["FunctionArn"] != arn+":prod" || a.body["MaximumRetryAttempts"] != 1.0 {
				t.Errorf("%d %v", a.status, a.body)
			}
		})
	}
	if a := c.ok("GET", "/2019-09-25/functions/"+arn+"/event-invoke-config/list", ""); a.status != 200 || len(a.body["FunctionEventInvokeConfigs"].([]any)) != 1 {
		t.Errorf("list by ARN: %d %v", a.status, a.body)
	}
	event := func(r *http.Request) { r.Header.Set("X-Amz-Invocation-Type", "Event") }
	if a := c.send("POST", "/2015-03-31/functions/"+arn+":prod/invocations", "{}", emukit.DefaultSecretKey, time.Now(), event); a.status != 202 {
		t.Errorf("invoke by qualified ARN: %d %v", a.status, a.body)
	}
}
