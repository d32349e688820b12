package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// Sources cited by the stackone rule set.
const (
	srcSpec = "StackOne ATS OpenAPI document (api.eu1.stackone.com/oas/ats.json; the December 2025 copy with 76 operations in " +
		"github.com/StackOneHQ/stackone-ai-node .oas/ats.ts), from which atslint's catalogue is generated"
	srcRateDocs    = "StackOne docs, Rate limiting guide (docs.stackone.com/guides/rate-limiting): 1000 requests per minute per API key"
	srcPassthrough = "StackOne docs, Using the passthrough query parameters (docs.stackone.com/guides/using-the-passthrough-query-parameters)"
	srcPagination  = "StackOne docs, Pagination (docs.stackone.com/docs/pagination): page_size up to 100"
)

func init() {
	Register(
		ruleUnknownOperation, ruleMissingAccountID, rulePlaceholderID,
		ruleUnknownQueryParam, ruleDeprecatedQueryParam, ruleUnknownFilter,
		ruleInvalidFilterValue, rulePageSize, ruleProxyPagination,
		ruleMissingBody, ruleUnexpectedBody, ruleBodySchema, ruleUnknownField,
		ruleDeprecatedField, ruleApplicationCandidate, ruleEmptyNote, ruleStackOneRateLimit,
	)
}

// isATSPath reports whether a request targets StackOne's unified ATS API or
// its passthrough (or a near-miss spelling of them). Requests to other
// StackOne APIs are not in the catalogue and are left alone.
func isATSPath(r *request.Request) bool {
	segs := r.PathSegments()
	if len(segs) < 2 {
		return false
	}
	if textdist.Levenshtein(segs[0], "unified") > 2 {
		return false
	}
	return textdist.Levenshtein(segs[1], "ats") <= 1 || textdist.Levenshtein(segs[1], "proxy") <= 1 && len(segs) == 2
}

var ruleUnknownOperation = &Rule{
	ID: "stackone/unknown-operation", Severity: Error, Predicts: "404",
	Doc: Doc{
		Title: "method and path match no StackOne ATS operation",
		Why: "StackOne's unified ATS API has a fixed set of 76 operations. A request whose method and path match none of them " +
			"fails with 404 (or 405); common causes are a singular resource name, an operation that does not exist " +
			"(PATCH on a candidate note, GET on background-check orders) or a method the path does not allow.",
		Fix:     "Use one of the operations the message names: the nearest path, or a method the path allows.",
		Bad:     `{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes/n1", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "Updated"}]}}`,
		Good:    `{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/applications/a1/notes/n1", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "Updated"}]}}`,
		Sources: []string{srcSpec},
	},
	Check: func(p *Pass) {
		r := p.Request
		if p.Operation != nil || !r.MethodKnown || !isATSPath(r) {
			return
		}
		if hasUnknownSegment(r.PathSegments()) {
			for _, op := range p.candidates {
				if strings.EqualFold(op.Method, r.Method) {
					return // several operations fit the unknown segments
				}
			}
		}
		if len(p.candidates) > 0 {
			var allowed []string
			for _, op := range p.candidates {
				allowed = append(allowed, op.Method+" ("+op.ID+")")
			}
			if !isHTTPMethod(r.Method) {
				p.ReportRequest("the method is not an HTTP method; %s allows %s", p.candidates[0].Path, strings.Join(allowed, ", "))
				return
			}
			p.ReportRequest("no %s operation on %s; the path allows %s", r.Method, p.candidates[0].Path, strings.Join(allowed, ", "))
			return
		}
		var near []string
		for _, op := range p.engine.match.nearest(r.Method, r.PathSegments()) {
			near = append(near, op.Method+" "+op.Path+" ("+op.ID+")")
		}
		method := r.Method
		if !isHTTPMethod(method) {
			method = "a method that is no HTTP method"
		}
		p.ReportRequest("%s on this path matches no StackOne ATS operation; nearest: %s", method, strings.Join(near, ", "))
	},
}

// isHTTPMethod reports an HTTP method (RFC 9110 §9 and PATCH). Messages
// name the request's method only if it is one: anything else could be
// anything, personal data included.
func isHTTPMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT":
		return true
	}
	return false
}

var ruleMissingAccountID = &Rule{
	ID: "stackone/missing-account-id", Severity: Error, Predicts: "400",
	Doc: Doc{
		Title: "request has no x-account-id header",
		Why: "Every StackOne ATS operation and the passthrough require the x-account-id header, which selects the linked " +
			"account (and so the provider) the request goes to. Without it StackOne cannot route the request; an id that " +
			"names no account gives 404.",
		Fix:     "Send the linked account's id in the x-account-id header.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates"}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": x-account-id is a required header on every operation"},
	},
	Check: func(p *Pass) {
		r := p.Request
		if !isATSPath(r) || !r.HeadersComplete {
			return
		}
		if r.Header("x-account-id") == nil {
			p.ReportRequest("missing x-account-id header; StackOne cannot tell which linked account to call")
			return
		}
		// Every x-account-id the request sends: a header added twice is
		// sent twice, and a server joins the values.
		for h := range r.HeadersNamed("x-account-id") {
			if s, ok := h.Value.StringValue(); ok && strings.TrimSpace(s) == "" {
				p.ReportHeader(h, "x-account-id header is empty; StackOne cannot tell which linked account to call")
			}
		}
	},
}

var rulePlaceholderID = &Rule{
	ID: "stackone/placeholder-id", Severity: Error, Predicts: "404",
	Doc: Doc{
		Title: "a path id or the x-account-id is a placeholder or missing value",
		Why: "A template that was never filled in ({id}, :id, <id>, ${id}) or a missing value (undefined, null, an empty " +
			"segment) reaches the provider as a literal id. The request fails with 404, or worse, with an empty segment, " +
			"matches another operation. The same holds for the x-account-id header: StackOne's own examples write it as " +
			"<x-account-id> or {account_id}, and left in a request such a placeholder names no linked account (404).",
		Fix:     "Substitute the real id (and the linked account's id) before sending the request.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates/{id}/notes", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates/c_123/notes", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": path parameters id and subResourceId are required strings"},
	},
	Check: func(p *Pass) {
		r := p.Request
		if len(p.candidates) == 0 {
			checkAccountPlaceholder(p)
			return
		}
		segs := r.PathSegments()
		// The template's segments, cut one by one: nearly every request
		// has no placeholder, and splitting would allocate for each.
		rest := strings.Trim(p.candidates[0].Path, "/")
		for i := 0; rest != ""; i++ {
			var t string
			t, rest, _ = strings.Cut(rest, "/")
			if i >= len(segs) || !strings.HasPrefix(t, "{") || segs[i] == request.UnknownSegment {
				continue
			}
			what := placeholderKind(segs[i])
			if what == "" {
				continue
			}
			span := r.PathSpan
			if i < len(r.PathSegmentSpans) {
				span = r.PathSegmentSpans[i]
			}
			// Name the parameter as the catalogue does and the placeholder as
			// the user wrote it ({candidate_id}, not {id}): a placeholder is
			// template syntax, never data, so it can be repeated.
			name := strings.Trim(t, "{}")
			if seg := strings.TrimSpace(segs[i]); what == placeholderUnresolved && placeholderName(seg) {
				p.Reportf(span, r.PathPointer, "path parameter %s is the unresolved placeholder %s; substitute the real id", name, seg)
				continue
			}
			p.Reportf(span, r.PathPointer, "path parameter %s is %s; substitute the real id", name, what)
		}
		checkAccountPlaceholder(p)
	},
}

// checkAccountPlaceholder reports an x-account-id header holding a
// placeholder or a missing value, by the policy of path ids (an empty one
// is stackone/missing-account-id's).
func checkAccountPlaceholder(p *Pass) {
	r := p.Request
	if !isATSPath(r) {
		return
	}
	for h := range r.HeadersNamed("x-account-id") {
		s, ok := h.Value.StringValue()
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		what := placeholderKind(s)
		if what == "" {
			continue
		}
		if seg := strings.TrimSpace(s); what == placeholderUnresolved && placeholderName(seg) {
			what = "the unresolved placeholder " + seg
		}
		p.ReportHeader(h, "x-account-id header is %s, which names no linked account; send the linked account's id", what)
	}
}

// placeholderName reports whether a placeholder is a short name such as
// {candidate_id}, :id or ${ID}, which can be quoted in a message; anything
// else in braces (an e-mail address, an expression) is not repeated.
func placeholderName(seg string) bool {
	inner := strings.Trim(seg, "${}<>:")
	if inner == "" || len(inner) > 40 {
		return false
	}
	for _, c := range inner {
		if !(c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// placeholderUnresolved is what placeholderKind says of template syntax.
const placeholderUnresolved = "an unresolved placeholder"

// placeholderKind describes a path segment that cannot be a real id, or "".
func placeholderKind(seg string) string {
	s := strings.TrimSpace(seg)
	switch {
	case s == "":
		return "empty"
	case strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}"),
		strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"),
		strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">"),
		strings.HasPrefix(s, ":") && len(s) > 1 && isIdentifier(s[1:]):
		return placeholderUnresolved
	}
	switch strings.ToLower(s) {
	case "undefined", "null", "nil", "none", "nan", "[object object]":
		return "a missing value (" + strings.ToLower(s) + ")"
	}
	return ""
}

func declaresQuery(op *schemas.Operation, name string) bool {
	for _, d := range op.Query {
		if d.Name == name {
			return true
		}
	}
	return false
}

var ruleUnknownQueryParam = &Rule{
	ID: "stackone/unknown-query-param", Severity: Warning, Predicts: "silent", AutoFix: Unsafe,
	Doc: Doc{
		Title: "query parameter the operation does not declare",
		Why: "Each operation declares its query parameters. Anything else is not part of the unified API: StackOne " +
			"does not forward it and the request runs as if it were absent, so a misspelt page_size or a filter without " +
			"the filter[...] wrapper quietly returns unfiltered data.",
		Fix:     "Use a declared parameter (the message names the closest), a filter[...] key, or proxy[...] to pass a provider-native parameter through.",
		AutoFix: "Renames the parameter to the one declared parameter nearest to it when no other is as near, or, failing that, to filter[name] when the operation has that filter key; never to a parameter the request sends already. Unsafe: the parameter starts taking effect.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?pagesize=50", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?page_size=50", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil {
			return
		}
		var names []string // for messages only: most requests need none
		for _, q := range p.Request.Query {
			if declaresQuery(op, q.Name) {
				continue
			}
			if names == nil {
				names = make([]string, 0, len(op.Query))
				for _, d := range op.Query {
					names = append(names, d.Name)
				}
			}
			msg := "query parameter " + quote(q.Name) + " is not declared by " + op.ID + "; StackOne ignores it"
			to := ""
			if c, ok := closestOnly(q.Name, names); ok && q.Key == "" {
				to = c
			} else if _, ok := closest(q.Name, names); !ok && q.Key == "" && hasFilterKey(op, q.Name) && declaresParam(op, "filter") {
				to = "filter[" + q.Name + "]"
			}
			if len(names) == 0 {
				msg = "query parameter " + quote(q.Name) + " is not declared by " + op.ID + ", which takes no query parameters; StackOne ignores it"
			} else if c, ok := closest(q.Name, names); ok {
				msg += "; did you mean " + quote(c) + "?"
			} else if hasFilterKey(op, q.Name) {
				msg += "; did you mean filter[" + q.Name + "]?"
			}
			p.ReportParam(q, "%s", msg)
			if to != "" && !hasParam(p.Request, to) {
				if e, ok := renameParam(p.Request, q, to); ok {
					p.Fix("rename "+q.Name+" to "+to, e)
				}
			}
		}
	},
}

func declared(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

// declaredLower is declared(names, strings.ToLower(n)) without the
// lowercase copy when n is ASCII, as header names are.
func declaredLower(names []string, n string) bool {
	for i := 0; i < len(n); i++ {
		if n[i] >= utf8.RuneSelf {
			return declared(names, strings.ToLower(n))
		}
	}
	for _, x := range names {
		if len(x) == len(n) && equalLowerASCII(x, n) {
			return true
		}
	}
	return false
}

// equalLowerASCII reports whether x is the ASCII string n in lower case.
func equalLowerASCII(x, n string) bool {
	for i := 0; i < len(n); i++ {
		c := n[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if x[i] != c {
			return false
		}
	}
	return true
}

func filterNames(op *schemas.Operation) []string {
	var names []string
	for _, f := range op.Filters {
		names = append(names, f.Name)
	}
	return names
}

func hasFilterKey(op *schemas.Operation, key string) bool { return declared(filterNames(op), key) }
