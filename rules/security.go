package rules

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

func init() {
	Register(ruleHardcodedCredential, ruleInsecureURL)
}

// credentialHeaders carry secrets; Authorization is StackOne's, the others
// are common in passthrough requests to providers.
var credentialHeaders = []string{"authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "x-access-token"}

// isPlaceholder reports values that stand for a secret rather than being
// one: ${VAR}, $VAR, {{var}}, <var>, %VAR%, YOUR_API_KEY, xxx, ***,
// REDACTED. It is the regular expression
//
//	^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|<[^>]*>|%[A-Za-z_][A-Za-z0-9_]*%|
//	  [A-Z][A-Z0-9_]*|x{3,}|X{3,}|\*+|\.{3}|
//	  (?i:redacted|changeme|placeholder|secret|token|api[_-]?key|your[_-].*))$
//
// written out, so that no expression is compiled when atslint starts
// (TestIsPlaceholderMatchesRegexp holds the two together).
func isPlaceholder(v string) bool {
	// repeat reports a run of at least min c's and nothing else.
	repeat := func(c byte, min int) bool {
		return len(v) >= min && strings.Trim(v, string(c)) == ""
	}
	// enclosed reports open + anything but the closing byte + close.
	enclosed := func(open, close string) bool {
		inner, ok := strings.CutPrefix(v, open)
		if !ok {
			return false
		}
		inner, ok = strings.CutSuffix(inner, close)
		return ok && strings.IndexByte(inner, close[0]) < 0
	}
	switch {
	case v == "":
		return false
	case enclosed("${", "}"), enclosed("{{", "}}"), enclosed("<", ">"):
		return true
	case v[0] == '$':
		return isIdentifier(v[1:])
	case v[0] == '%' && len(v) >= 3 && v[len(v)-1] == '%':
		return isIdentifier(v[1 : len(v)-1])
	case v[0] >= 'A' && v[0] <= 'Z' && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == "":
		return true
	case repeat('x', 3), repeat('X', 3), repeat('*', 1), v == "...":
		return true
	}
	for _, w := range []string{"redacted", "changeme", "placeholder", "secret", "token", "apikey"} {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	if len(v) == 7 && (v[3] == '_' || v[3] == '-') && strings.EqualFold(v[:3], "api") && strings.EqualFold(v[4:], "key") {
		return true
	}
	// your[_-].* (a dot matches anything but a newline), case-folded as
	// regexp's (?i) folds: by Unicode simple folding, as EqualFold does.
	if rest, ok := cutPrefixFold(v, "your"); ok && rest != "" && (rest[0] == '_' || rest[0] == '-') {
		return !strings.Contains(rest, "\n")
	}
	return false
}

// cutPrefixFold cuts a prefix compared by Unicode simple folding, rune by
// rune (the prefix is ASCII, its match may not be: "ſ" folds to "s").
func cutPrefixFold(s, prefix string) (string, bool) {
	for _, p := range prefix {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || !strings.EqualFold(string(r), string(p)) {
			return "", false
		}
		s = s[n:]
	}
	return s, true
}

// isSecretPlaceholder reports whether an Authorization value or key is a
// placeholder. "Basic <b64>" is decoded: base64("${KEY}:") is a placeholder.
func isSecretPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	scheme, rest, hasScheme := strings.Cut(v, " ")
	if hasScheme && isAuthScheme(scheme) {
		v = strings.TrimSpace(rest)
		if strings.EqualFold(scheme, "basic") {
			if dec, err := base64.StdEncoding.DecodeString(v); err == nil {
				user, _, _ := strings.Cut(string(dec), ":")
				return isSecretPlaceholder(user)
			}
		}
	}
	return isPlaceholder(v) || strings.Contains(v, "${") || strings.Contains(v, "{{")
}

func isAuthScheme(s string) bool {
	switch strings.ToLower(s) {
	case "basic", "bearer", "token", "apikey", "api-key", "key":
		return true
	}
	return false
}

var ruleHardcodedCredential = &Rule{
	ID: "security/hardcoded-credential", Severity: Error, Predicts: "none",
	// High: a leaked key reads every linked account (CWE-798).
	SecuritySeverity: "8.0",
	// A live request carries the real key by design; what leaks is a key
	// written into a file.
	Inputs: SourceFiles | Recordings,
	Doc: Doc{
		Title: "literal credential in a request",
		Why: "A StackOne API key reaches every linked account of the project it belongs to. Written into a request " +
			"file, a recording or source code, it ends up in version control and CI logs. atslint never prints it.",
		Fix: "Read the key from the environment or a secret store and write a placeholder such as ${STACKONE_API_KEY} in files; " +
			"rotate a key that was committed.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1", "Authorization": "Basic djFfc2tfbGl2ZV8xMjM0NTY3ODkwOg=="}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1", "Authorization": "Basic ${STACKONE_API_KEY_B64}"}}`,
		Sources: []string{"StackOne docs, Authentication (docs.stackone.com/api/authentication): the API key is the Basic username", "CWE-798: Use of Hard-coded Credentials"},
	},
	Check: func(p *Pass) {
		r := p.Request
		for i := range r.Headers {
			h := &r.Headers[i]
			if !declaredLower(credentialHeaders, h.Name) {
				continue
			}
			if s, ok := h.Value.StringValue(); ok && !isSecretPlaceholder(s) {
				p.ReportValue(h.Value, "%s header holds a literal credential; read it from the environment", h.Name)
			}
		}
		if strings.Contains(r.URL, "@") {
			if u := userinfo(r.URL); u != "" && !isSecretPlaceholder(u) {
				p.Reportf(r.PathSpan, r.PathPointer, "url holds a literal credential; send it in the Authorization header, read from the environment")
			}
		}
		if p.Is(proxyOperation) {
			hs := r.Body.Get("headers")
			if hs == nil || hs.Kind != request.Object {
				return
			}
			for _, m := range hs.Members {
				if !declaredLower(credentialHeaders, m.Key) {
					continue
				}
				if s, ok := m.Value.StringValue(); ok && !isSecretPlaceholder(s) {
					p.ReportValue(m.Value, "passthrough %s header holds a literal credential; read it from the environment", m.Key)
				}
			}
		}
	},
}

// userinfo returns the user part of an absolute URL's authority, or "".
func userinfo(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	auth, _, _ := strings.Cut(rest, "/")
	info, _, ok := strings.Cut(auth, "@")
	if !ok {
		return ""
	}
	user, _, _ := strings.Cut(info, ":")
	return user
}

const proxyOperation = schemas.ProxyOperationID

var ruleInsecureURL = &Rule{
	ID: "security/insecure-url", Severity: Error, Predicts: "none", AutoFix: Safe,
	// High: the key and personal data cross the network in clear (CWE-319).
	SecuritySeverity: "7.5",
	Doc: Doc{
		Title: "request over plain http",
		Why: "Over http:// the API key in the Authorization header and the candidate data in the body cross the " +
			"network unencrypted. StackOne serves its API over HTTPS only.",
		Fix:     "Use https://.",
		AutoFix: "Rewrites the scheme http to https; the rest of the url stays.",
		Bad:     `{"method": "GET", "url": "http://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{"StackOne ATS OpenAPI document: servers https://api.stackone.com", "CWE-319: Cleartext Transmission of Sensitive Information"},
	},
	Check: func(p *Pass) {
		r := p.Request
		if strings.EqualFold(r.Scheme, "http") {
			p.Reportf(r.PathSpan, r.PathPointer, "url uses http://; credentials and candidate data would travel unencrypted")
			if url := r.Root.Get("url"); url != nil && url.Span == r.PathSpan {
				httpsFix(p, url)
			} else if r.Root == nil && r.URL != "" && !strings.ContainsRune(r.URL, 0) {
				// A front end with no document (Go source): the url is one
				// string literal exactly when its span is the text plus quotes.
				httpsFix(p, &request.Value{Kind: request.String, Str: r.URL, Span: r.PathSpan})
			}
		}
		if p.Is(proxyOperation) {
			if u := r.Body.Get("url"); u != nil {
				if s, ok := u.StringValue(); ok && strings.HasPrefix(strings.ToLower(s), "http://") {
					p.ReportValue(u, "passthrough url uses http://; credentials and candidate data would travel unencrypted")
					httpsFix(p, u)
				}
			}
		}
	},
}

// httpsFix rewrites the scheme of a url string value that starts with
// http:// to https, when its literal holds no escape.
func httpsFix(p *Pass, url *request.Value) {
	if literalExact(url) && len(url.Str) >= 4 && strings.EqualFold(url.Str[:4], "http") {
		p.Fix("use https", replace(inLiteral(url, 0, 4), "https"))
	}
}
