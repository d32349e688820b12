package rules

import "github.com/atslint/atslint/request"

// Null query values: one policy for every rule. StackOne's SDKs do not send
// a null member of a deepObject parameter (filter[...], proxy[...]) and a
// null deepObject sends nothing (stackone-ai-node's RequestBuilder skips
// members that are null or undefined); a null is never sent as the text
// "null". So a query value that is JSON null is treated as absent: no rule
// judges it, whether it is filter, page_size, fields or any other
// parameter. The text "null" in a URL is sent, and is checked as text.

// withoutNullQuery returns the request with its null query values left
// out: the request itself when it has none, else a shallow copy (the
// engine never writes into a Request).
func withoutNullQuery(req *request.Request) *request.Request {
	n := 0
	for _, q := range req.Query {
		if isNull(q.Value) {
			n++
		}
	}
	if n == 0 {
		return req
	}
	c := *req
	c.Query = make([]request.Param, 0, len(req.Query)-n)
	for _, q := range req.Query {
		if !isNull(q.Value) {
			c.Query = append(c.Query, q)
		}
	}
	return &c
}

func isNull(v *request.Value) bool { return v != nil && v.Kind == request.Null }
