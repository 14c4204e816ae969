// Package all registers every provider type with package provider: import
// it for its side effect,
//
//	import _ "github.com/fnasync/fnasync/provider/all"
//
// and provider.Open and provider.OpenDocument know "huaweifg", "alifc",
// "alifc3", "awslambda" and "memory".
package all

import (
	// Each adapter registers its provider types in its init.
	_ "github.com/fnasync/fnasync/provider/alifc"
	_ "github.com/fnasync/fnasync/provider/awslambda"
	_ "github.com/fnasync/fnasync/provider/huaweifg"
	_ "github.com/fnasync/fnasync/provider/memprovider"
)
