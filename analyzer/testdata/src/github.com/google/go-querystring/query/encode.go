// Package query is a stub of github.com/google/go-querystring/query for
// the analyzer's tests: the API surface the analyzer models, nothing more.
package query

import "net/url"

// Values encodes a struct's fields by their `url` tags.
func Values(v interface{}) (url.Values, error) { return url.Values{}, nil }
