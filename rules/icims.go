package rules

import (
	"strings"

	"github.com/atslint/atslint/request"
)

// The icims rule set: iCIMS requests sent through the passthrough.

func init() {
	Register(ruleICIMSProxyLowercase)
}

func hasUpper(s string) bool { return strings.ToLower(s) != s }

var ruleICIMSProxyLowercase = &Rule{
	ID: "icims/proxy-lowercase", Severity: Warning, Predicts: "4xx", Providers: []string{"icims"},
	Doc: Doc{
		Title: "iCIMS passthrough with upper-case path, parameter or field names",
		Why: "iCIMS expects URLs, query parameters and JSON field names in lower case. A camelCase field (firstName) or " +
			"path segment is not the one iCIMS knows, so the request fails or the value is not stored.",
		Fix: "Write paths, parameter names and JSON field names in lower case (firstname, not firstName).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "patch", "url": "https://api.icims.com/customers/1234/people/5678", "body": {"firstName": "Ada"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "patch", "url": "https://api.icims.com/customers/1234/people/5678", "body": {"firstname": "Ada"}}}`,
		Sources: []string{"iCIMS developer docs, Connecting and authenticating (developer.icims.com/REST-API/Connecting-Authenticating): URLs, parameters, headers and JSON field names are lowercase", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) {
			return
		}
		for _, s := range pc.Segments {
			if hasUpper(s) {
				p.ReportValue(pc.targetValue(), "iCIMS paths are lower case, so a path with upper-case letters is not found; write it in lower case")
				break
			}
		}
		for _, q := range pc.Query {
			if hasUpper(q.Name) || hasUpper(q.Key) {
				p.ReportParam(q, "iCIMS parameter names are lower case, so %s is not recognised; write it in lower case", q.FullName())
			}
		}
		var walk func(v *request.Value)
		walk = func(v *request.Value) {
			switch v.Kind {
			case request.Object:
				for _, m := range v.Members {
					if hasUpper(m.Key) {
						p.ReportMember(m, "iCIMS field names are lower case, so %q is not recognised and its value is not stored; write it as %q", m.Key, strings.ToLower(m.Key))
					}
					walk(m.Value)
				}
			case request.Array:
				for _, e := range v.Elems {
					walk(e)
				}
			}
		}
		if pc.Payload != nil {
			walk(pc.Payload)
		}
	},
}
