package rules

import "strings"

// The jobvite rule set: Jobvite API requests sent through the passthrough.
// StackOne's connector list does not name Jobvite; the rule applies to any
// account configured as jobvite.

func init() {
	Register(ruleJobviteProxyQueryCredentials)
}

var ruleJobviteProxyQueryCredentials = &Rule{
	ID: "jobvite/proxy-credentials-in-query", Severity: Error, Predicts: "401", Providers: []string{"jobvite"},
	Doc: Doc{
		Title: "Jobvite passthrough sends its API key or secret in the query string",
		Why: "Since 1 April 2024 Jobvite accepts credentials only in headers: x-jvi-api for the key and x-jvi-sc for the " +
			"secret (with Content-Type: application/json). The old api= and sc= query parameters are no longer supported, so " +
			"the call is refused, and a secret in a URL ends up in proxy, server and browser logs. atslint never prints the value.",
		Fix: "Move the key to an x-jvi-api header and the secret to x-jvi-sc, and rotate a secret that was sent in a URL.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.jobvite.com/api/v2/candidate?api=${JOBVITE_KEY}&sc=${JOBVITE_SECRET}"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.jobvite.com/api/v2/candidate", "headers": {"x-jvi-api": "${JOBVITE_KEY}", "x-jvi-sc": "${JOBVITE_SECRET}", "Content-Type": "application/json"}}}`,
		Sources: []string{
			"Jobvite Help Center, Jobvite API (help.jobvite.com/hc/en-us/articles/8870636608925-Jobvite-API): credentials only in the " +
				"x-jvi-api and x-jvi-sc headers since 2024-04-01; URL parameters no longer supported",
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) {
			return
		}
		for _, q := range pc.Query {
			if q.Key != "" {
				continue
			}
			switch strings.ToLower(q.Name) {
			case "api":
				p.ReportParam(q, "Jobvite takes its API key only in the x-jvi-api header since April 2024, so a key in the query string is refused, and it leaks into logs; send it as x-jvi-api")
			case "sc":
				p.ReportParam(q, "Jobvite takes its secret only in the x-jvi-sc header since April 2024, so a secret in the query string is refused, and it leaks into logs; send it as x-jvi-sc and rotate it")
			}
		}
	},
}
