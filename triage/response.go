package triage

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// ErrorResponse is what triage reads from a StackOne error response body
// ({"statusCode", "message", "timestamp", "errorCode", "provider_errors"}).
// The message and the provider errors' raw bodies, headers and messages
// are never kept: they may hold personal data (a candidate's e-mail in a
// "duplicate candidate" message, a provider's echo of the request).
type ErrorResponse struct {
	// Status is statusCode; HasStatus is false when the body has none.
	Status    int
	HasStatus bool
	// ErrorCode is errorCode when it is a plain identifier
	// ("ValidationError"), "" otherwise.
	ErrorCode string
	// Timestamp is timestamp when it is an RFC 3339 date-time.
	Timestamp string
	// HasMessage reports that the body has a message (not shown).
	HasMessage bool
	// ProviderErrors summarises provider_errors: status and URL host.
	ProviderErrors []ProviderError
	// Provider is the body's "provider" field, an atslint extension for
	// error files saved by hand ("" when absent).
	Provider     string
	ProviderSpan request.Span
	Span         request.Span
	Pointer      string
}

// ProviderError is one entry of provider_errors, summarised.
type ProviderError struct {
	// Status is the provider's HTTP status, 0 when not given.
	Status int
	// Host is the host of the provider URL, "" when not given.
	Host string
}

// identifier is compiled on first use, not at start-up.
var identifier = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)
})

// FromValue reads an error response from a parsed body. ok is false when
// v is not an object with a numeric statusCode.
func FromValue(v *request.Value) (ErrorResponse, bool) {
	e := ErrorResponse{}
	if v == nil || v.Kind != request.Object {
		return e, false
	}
	e.Span, e.Pointer = v.Span, v.Pointer
	if n, ok := intValue(v.Get("statusCode")); ok {
		e.Status, e.HasStatus = n, true
	}
	if s, ok := v.Get("errorCode").StringValue(); ok && identifier().MatchString(s) {
		e.ErrorCode = strings.Clone(s)
	}
	if s, ok := v.Get("timestamp").StringValue(); ok {
		if schemas.IsDateTime(s) {
			e.Timestamp = strings.Clone(s)
		}
	}
	e.HasMessage = v.Get("message") != nil
	if p := v.Get("provider"); p != nil {
		if s, ok := p.StringValue(); ok {
			e.Provider, e.ProviderSpan = strings.ToLower(strings.TrimSpace(s)), p.Span
		}
	}
	if pe := v.Get("provider_errors"); pe != nil && pe.Kind == request.Array {
		for _, x := range pe.Elems {
			var s ProviderError
			if x.Kind == request.Object {
				s.Status, _ = intValue(x.Get("status"))
				if u, ok := x.Get("url").StringValue(); ok {
					s.Host = host(u)
				}
			}
			e.ProviderErrors = append(e.ProviderErrors, s)
		}
	}
	return e, e.HasStatus
}

// intValue reads a status code written as a number or a numeric string.
func intValue(v *request.Value) (int, bool) {
	if v == nil || (v.Kind != request.Number && v.Kind != request.String) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Str))
	if err != nil || n < 100 || n > 999 {
		return 0, false
	}
	return n, true
}

// host returns the host name of an absolute http(s) URL, without user
// info or port: the only part of a provider URL that triage shows (paths
// and query strings hold ids and e-mail addresses).
func host(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	h := u.Hostname()
	for _, c := range h {
		if !(c == '.' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return ""
		}
	}
	return strings.ToLower(h)
}
