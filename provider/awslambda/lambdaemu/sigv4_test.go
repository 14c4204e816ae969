package lambdaemu

import "testing"

// TestSignAWSExample: the worked example of AWS's Signature Version 4
// documentation (IAM ListUsers on 2015-08-30 with the documentation's
// example secret) signs to the published signature.
func TestSignAWSExample(t *testing.T) {
	const canonical = "GET\n/\nAction=ListUsers&Version=2010-05-08\n" +
		"content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n" +
		"content-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	got := sign("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z", "us-east-1", "iam", canonical)
	if want := "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"; got != want {
		t.Errorf("signature = %s, want %s", got, want)
	}
}

func TestURIEncode(t *testing.T) {
	for _, tt := range []struct {
		in    string
		slash bool
		want  string
	}{
		{"/2019-09-25/functions/f/event-invoke-config", false, "/2019-09-25/functions/f/event-invoke-config"},
		{"$LATEST", true, "%24LATEST"},
		{"a b/c~", true, "a%20b%2Fc~"},
		{"/functions/arn%3Aaws", false, "/functions/arn%253Aaws"},
	} {
		if got := uriEncode(tt.in, tt.slash); got != tt.want {
			t.Errorf("uriEncode(%q, %v) = %q, want %q", tt.in, tt.slash, got, tt.want)
		}
	}
}
