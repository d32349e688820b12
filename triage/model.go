package triage

import (
	"github.com/atslint/atslint/request"
)

// Finding is a diagnostic of atslint's rules on the request of a failed
// response.
type Finding struct {
	Rule     string
	Severity string
	Predicts string
	Message  string
	Span     request.Span
}

// Item is one failed response, explained.
type Item struct {
	File string
	// Span and Pointer locate the response: the error object in an error
	// file, the response's "status" in a HAR recording.
	Span    request.Span
	Pointer string
	// Index is the object's index in an error file (0 for a single
	// object), the entry's index in a HAR recording.
	Index int
	HAR   bool
	// Status is the HTTP status: the HAR response's, or statusCode.
	Status int
	// Body is the StackOne error body, nil when there is none; BodyNote
	// then says why.
	Body     *ErrorResponse
	BodyNote string
	// Method, Operation and OperationPath describe the request (HAR only;
	// the operation is "" when the request matches none).
	Method, Operation, OperationPath string
	// Providers are the providers the response may come from, as resolved
	// for the request (DESIGN §4); empty when unknown.
	Providers []string
	// RetryAfter is the response's Retry-After in seconds, "" when absent.
	RetryAfter string
	Explanation
	// Predicted are the diagnostics on the request whose rule predicts
	// this status; Flagged the other diagnostics on it.
	Predicted, Flagged []Finding
}

// Problem is an input that could not be triaged (not JSON, not an error
// response, an unknown provider).
type Problem struct {
	File    string
	Span    request.Span
	Message string
}

// Summary counts what a run read.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Requests int `json:"requests"` // StackOne requests of HAR recordings
	Skipped  int `json:"skipped"`  // HAR entries that are not StackOne requests
}

// Report is the outcome of a triage run.
type Report struct {
	Items    []Item
	Problems []Problem
	Summary  Summary
}

// AddUnreadable records a file that could not be read at all.
func (r *Report) AddUnreadable(file, message string) {
	r.Problems = append(r.Problems, Problem{File: file, Message: message})
}
