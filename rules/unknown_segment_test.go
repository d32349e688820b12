package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/request"
)

// goRequest builds a request the way the Go analyzer does: no document,
// unknown segments as "\x00".
func goRequest(method string, segs ...string) *request.Request {
	r := &request.Request{Method: method, MethodKnown: true, Segments: segs, HeadersComplete: true, QueryComplete: true}
	r.Path = "/"
	for i, s := range segs {
		if i > 0 {
			r.Path += "/"
		}
		r.Path += s
		r.PathKnown = r.PathKnown || s != request.UnknownSegment
	}
	r.Headers = []request.Header{{Name: "x-account-id", Value: &request.Value{Kind: request.String, Str: "acc_1"}}}
	return r
}

func TestUnknownSegmentAmbiguous(t *testing.T) {
	e := New(Options{})
	// POST /unified/ats/<unknown>: candidates, applications, jobs… all fit.
	r := goRequest("POST", "unified", "ats", request.UnknownSegment)
	r.PathKnown = false
	r.Body = &request.Value{Kind: request.Object, Members: []*request.Member{{Key: "title", Value: &request.Value{Kind: request.String, Str: "x"}}}}
	assert.Nil(t, e.Operation(r), "an ambiguous match names no operation")
	assert.Empty(t, e.Check([]*request.Request{r}), "no rule judges the body by a guessed operation")

	// GET /unified/ats/candidates/<unknown>: one operation.
	r = goRequest("GET", "unified", "ats", "candidates", request.UnknownSegment)
	r.PathKnown = false
	if op := e.Operation(r); assert.NotNil(t, op) {
		assert.Equal(t, "ats_get_candidate", op.ID)
	}

	// A method no fitting operation has is still reported.
	r = goRequest("PUT", "unified", "ats", "candidates", request.UnknownSegment)
	r.PathKnown = false
	var ids []string
	for _, d := range e.Check([]*request.Request{r}) {
		ids = append(ids, d.Rule)
	}
	assert.Equal(t, []string{"stackone/unknown-operation"}, ids)
}
