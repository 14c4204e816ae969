package fgemu_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// Example serves the emulator and shows that an unsigned request gets API
// Gateway's answer. Clients sign with the Huawei SDK; see package
// huaweifg's example for a complete round trip.
func Example() {
	emu := fgemu.New(nil)
	emu.AddFunction("0123456789abcdef0123456789abcdef", "shop/orders", "prod")
	ts := httptest.NewServer(emu)
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/v2/0123456789abcdef0123456789abcdef/fgs/functions/shop:orders:!prod/async-invoke-config")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var body struct {
		ErrorCode string `json:"error_code"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	fmt.Println(resp.StatusCode, body.ErrorCode, resp.Header.Get("X-Request-Id") != "")
	// Output: 401 APIGW.0301 true
}
