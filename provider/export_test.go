package provider

import "github.com/fnasync/fnasync/provider/ratelimit"

// Pace returns c's limiter, for tests.
func (c *Client) Pace() ratelimit.Limiter { return c.pace }
