package rules

import "strings"

// The personio rule set: Personio Recruiting API requests sent through the
// passthrough.

func init() {
	Register(rulePersonioProxyCompanyID, rulePersonioProxyBlankName, rulePersonioProxyLegacyApplicant)
}

const srcPersonioDocs = "Personio developer docs, Recruiting API"

// personioRecruiting returns a Personio passthrough call to the Recruiting
// API (a path with a "recruiting" segment), or nil.
func personioRecruiting(p *Pass) *proxyCall {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) || pc.index("recruiting") < 0 {
		return nil
	}
	return pc
}

var rulePersonioProxyCompanyID = &Rule{
	ID: "personio/proxy-company-id", Severity: Info, Predicts: "4xx", Providers: []string{"personio"},
	Doc: Doc{
		Title: "Personio Recruiting API passthrough without X-Company-Id",
		Why: "Personio's Recruiting API needs, besides the bearer token, an X-Company-Id header with the Personio company " +
			"id on every call. Without it the call is refused." +
			" atslint cannot see what StackOne adds: its passthrough forwards the call with the credentials of the linked account, and no source says whether it also sends X-Company-Id from what was given at linking. So this is info, a reminder to check, not a predicted failure.",
		Fix: "Add X-Company-Id with the customer's Personio company id.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.personio.de/v1/recruiting/applications"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.personio.de/v1/recruiting/applications", "headers": {"X-Company-Id": "118201"}}}`,
		Sources: []string{srcPersonioDocs + ", Introduction (developer.personio.de/reference/introduction-1): Authorization plus X-Company-Id on every call", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := personioRecruiting(p)
		if pc == nil || !pc.headersKnown || pc.header("X-Company-Id") != nil {
			return
		}
		pc.reportMissingHeader(p, "Personio's Recruiting API requires X-Company-Id on every call, and this passthrough call does not send it; unless StackOne adds it from the linked account, the call is refused, so add X-Company-Id with the Personio company id")
	},
}

var rulePersonioProxyBlankName = &Rule{
	ID: "personio/proxy-blank-name", Severity: Error, Predicts: "4xx", Providers: []string{"personio"},
	Doc: Doc{
		Title: "Personio passthrough application with a blank name",
		Why:   "Personio's create-application endpoint rejects a first or last name that is empty or only whitespace.",
		Fix:   "Send the applicant's first_name and last_name.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.personio.de/v1/recruiting/applications", "headers": {"X-Company-Id": "118201"}, ` +
			`"body": {"first_name": "Ada", "last_name": " ", "email": "ada@example.com", "job_position_id": 42}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.personio.de/v1/recruiting/applications", "headers": {"X-Company-Id": "118201"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "job_position_id": 42}}}`,
		Sources: []string{srcPersonioDocs + ", Create application (developer.personio.de/v1.0/reference/post_v1-recruiting-applications): names must not be empty", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := personioRecruiting(p)
		if pc == nil || pc.Method != "POST" || pc.segment(-1) != "applications" {
			return
		}
		body := pc.payloadObject()
		for _, f := range []string{"first_name", "last_name"} {
			if s, ok := body.Get(f).StringValue(); ok && strings.TrimSpace(s) == "" {
				p.ReportValue(body.Get(f), "Personio rejects an application whose %s is empty or blank; send the applicant's name", f)
			}
		}
	},
}

var rulePersonioProxyLegacyApplicant = &Rule{
	ID: "personio/proxy-legacy-applicant", Severity: Warning, Predicts: "none", Providers: []string{"personio"},
	Doc: Doc{
		Title: "Personio passthrough to the deprecated applicant endpoint",
		Why: "Personio's legacy multipart endpoint /recruiting/applicant is deprecated in favour of POST " +
			"/v1/recruiting/applications, with documents uploaded first and referenced by id.",
		Fix: "Upload documents to the documents endpoint, then POST /v1/recruiting/applications.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.personio.de/recruiting/applicant", "headers": {"X-Company-Id": "118201"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.personio.de/v1/recruiting/applications", "headers": {"X-Company-Id": "118201"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "job_position_id": 42}}}`,
		Sources: []string{srcPersonioDocs + ", Create applicant (developer.personio.de/v1.0/reference/post_recruiting-applicant): deprecated", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := personioRecruiting(p)
		if pc == nil {
			return
		}
		if i := pc.index("recruiting"); pc.segment(i+1) == "applicant" {
			p.ReportValue(pc.targetValue(), "Personio's /recruiting/applicant endpoint is deprecated; upload documents first and use POST /v1/recruiting/applications")
		}
	},
}
