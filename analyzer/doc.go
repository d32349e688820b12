// Package analyzer defines the atslint analyzer: it finds requests to
// StackOne's unified ATS API that Go code builds with net/http and checks
// them with the same engine as `atslint check`.
//
// # Analyzer atslint
//
// atslint: report requests to StackOne's unified ATS API that will fail or lose data
//
// The atslint analyzer turns every request that a function builds with
// net/http into the request model of atslint's engine and runs the same
// rules as `atslint check` on request documents: unknown operations, missing
// x-account-id headers, placeholder ids, unknown query parameters and
// filters, bodies that break the operation's schema, unknown body fields,
// provider quirks and literal credentials.
//
// Requests are found at http.NewRequest, http.NewRequestWithContext,
// http.Get, http.Head, http.Post, http.PostForm, the same methods of an
// *http.Client, and http.Request composite literals. The analyzer follows
//
//   - URLs from string constants, constant folding, + concatenation,
//     fmt.Sprintf, url.Parse, url.URL{...}, url.JoinPath, (*url.URL).JoinPath
//     and path.Join; a %s or %d in a path segment is an unknown id, not a
//     placeholder;
//   - query parameters from url.Values literals and their Set, Add and Del
//     calls, encoded into the URL with Encode;
//   - headers from req.Header.Set and Add, http.Header literals and
//     req.SetBasicAuth;
//   - bodies from json.Marshal and json.NewEncoder(w).Encode of struct
//     literals (json tags, omitempty, embedded structs, pointers, nesting)
//     and map literals, and from JSON in string literals passed to
//     strings.NewReader, bytes.NewBufferString or []byte(...);
//   - local variables of the function that are assigned once with a visible
//     value, and the field, index and method updates made to them.
//
// Anything else is unknown: a function parameter, a struct field, the result
// of a call, a variable assigned more than once or passed by pointer. Rules
// never report on unknown values, so a body built from a parameter produces
// no body diagnostics, a path segment from a variable is an id rather than a
// placeholder, and a request handed to another function (which may set
// headers), or sent through a client whose Transport may add them, is not
// reported for a missing header. A request whose host is not StackOne's and
// whose path does not start with /unified is not a StackOne request and is
// left alone.
//
// Each diagnostic's message has the form of atslint's text output,
//
//	warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"? [stackone/unknown-field]
//
// so that go vet and `atslint vet` print the same line; its category is the
// rule ID and its URL the rule's documentation. Positions point at the Go
// expression that produced the part: the part of a string literal that
// spells a URL segment or query key, the key of a struct field or map
// entry, the value of a header, the key inside a JSON string. Findings
// about the request as a whole (a missing header, an unknown operation)
// point at the URL argument of the call that builds it.
//
// The provider of a request comes from, first to last: a
// //atslint:provider NAME directive in the doc comment of the function that
// builds it, or above the package clause; the config's accounts map; the
// -provider flag; the -providers flag or the config's providers list. The
// config is the .atslint.yaml (or .atslint.yml) nearest to the package
// directory, or the file named by -config; its rules, overrides and ignore
// settings apply per file.
//
// A SmartRecruiters list of applications or interviews built inside a for
// or range loop (directly, or by calling a function of the same package
// that builds it) whose body neither calls time.Sleep, receives from a
// channel of time.Time (a ticker or timer), nor calls a method named Wait,
// WaitN or Take (a rate limiter) is reported as smartrecruiters/rate-limit.
//
// A diagnostic is silenced by a directive on its line or the line above:
//
//	//atslint:ignore stackone/unknown-field the v1 proxy still reads this field
//
// Several rules may be given separated by commas. The reason is required:
// a directive without one silences nothing, and it and any directive that
// silences nothing are reported as atslint/ignore.
package analyzer

import _ "embed"

//go:embed doc.go
var doc string
