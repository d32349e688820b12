package rules

// The recruitee rule set: Recruitee requests sent through the passthrough.

func init() {
	Register(ruleRecruiteeProxyCareersToken)
}

var ruleRecruiteeProxyCareersToken = &Rule{
	ID: "recruitee/proxy-careers-token", Severity: Info, Predicts: "401", Providers: []string{"recruitee"},
	Doc: Doc{
		Title: "Recruitee Careers Site API passthrough without X-Careers-Sites-Token",
		Why: "Recruitee's Careers Site API (/api/offers) requires an X-Careers-Sites-Token header; from 2027-02-10 calls " +
			"without it are answered 401." +
			" atslint cannot see what StackOne adds: its passthrough forwards the call with the credentials of the linked account, and no source says whether it also sends X-Careers-Sites-Token from what was given at linking. So this is info, a reminder to check, not a predicted failure.",
		Fix: "Add X-Careers-Sites-Token with the careers site's token.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://acme.recruitee.com/api/offers"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://acme.recruitee.com/api/offers", "headers": {"X-Careers-Sites-Token": "${RECRUITEE_CAREERS_TOKEN}"}}}`,
		Sources: []string{"Recruitee API docs, Authentication (docs.recruitee.com/reference/authentication-1): X-Careers-Sites-Token, 401 without it after 2027-02-10", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) || !pc.headersKnown {
			return
		}
		if i := pc.index("api"); i < 0 || pc.segment(i+1) != "offers" || pc.header("X-Careers-Sites-Token") != nil {
			return
		}
		pc.reportMissingHeader(p, "Recruitee's Careers Site API requires X-Careers-Sites-Token and answers 401 without it (from 2027-02-10), and this passthrough call does not send it; unless StackOne adds it, add the careers site's token")
	},
}
