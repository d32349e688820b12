package rules

import (
	"regexp"
	"strings"
	"sync"
)

// The ashby rule set: Ashby requests sent through the passthrough.

func init() {
	Register(ruleAshbyProxyGet, ruleAshbyProxyLimit, ruleAshbyProxyOnBehalfOf)
}

const srcAshbyDocs = "Ashby API docs (developers.ashbyhq.com)"

var ruleAshbyProxyGet = &Rule{
	ID: "ashby/proxy-get", Severity: Info, Predicts: "4xx", Providers: []string{"ashby"},
	Doc: Doc{
		Title: "Ashby passthrough sent as GET",
		Why: "Ashby's API is RPC-style (/CATEGORY.method): nearly all of its endpoints take POST, even for reads, with " +
			"the parameters in a JSON body. A GET, as a REST habit would send it, fails on those endpoints. Ashby says \"most\" " +
			"endpoints, not all, and atslint has no list of the ones that take GET, so this is info: check the endpoint's reference.",
		Fix: "Send method post with the parameters as a JSON body (and Content-Type: application/json).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.ashbyhq.com/candidate.info?id=5f1c"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.ashbyhq.com/candidate.info", "headers": {"Content-Type": "application/json"}, "body": {"id": "5f1c"}}}`,
		Sources: []string{srcAshbyDocs + ", Introduction (developers.ashbyhq.com/reference/introduction): most endpoints are POST even for reads; params in the JSON body", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) || pc.Method != "GET" {
			return
		}
		p.ReportValue(pc.methodV, "most of Ashby's endpoints take POST with a JSON body, even for reads, and fail on GET; unless this endpoint's reference says GET, send method post with the parameters in body")
	},
}

var ruleAshbyProxyLimit = &Rule{
	ID: "ashby/proxy-limit", Severity: Error, Predicts: "4xx", Providers: []string{"ashby"}, AutoFix: Unsafe,
	Doc: Doc{
		Title: "Ashby passthrough .list with limit over 100",
		Why: "Ashby's .list endpoints take a limit of at most 100 (also the default) and page with nextCursor while " +
			"moreDataAvailable is true. A larger limit is refused. (Incremental sync with syncToken is fine where an endpoint's " +
			"request schema declares it; candidate.list has taken syncToken since 2026-10-13, so atslint never flags it there.)",
		Fix:     "Use limit of at most 100 and follow nextCursor.",
		AutoFix: "Lowers limit to 100. Unsafe: each page holds fewer records, so code that reads one page only gets fewer.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "headers": {"Content-Type": "application/json"}, "body": {"limit": 500}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "headers": {"Content-Type": "application/json"}, "body": {"limit": 100}}}`,
		Sources: []string{
			srcAshbyDocs + ", Pagination and incremental sync (developers.ashbyhq.com/docs/pagination-and-incremental-sync): limit default and max 100; syncToken where the schema has it",
			srcAshbyDocs + ", changelog 2026-10-13 (developers.ashbyhq.com/changelog/2026-10-13-candidate-list-incremental-pagination): candidate.list accepts syncToken",
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) || !strings.HasSuffix(pc.segment(-1), ".list") {
			return
		}
		if v := pc.payloadObject().Get("limit"); v != nil {
			if n, ok := intValue(v); ok && n > 100 {
				p.ReportValue(v, "Ashby's .list endpoints take a limit of at most 100, so %s is refused; use at most 100 and follow nextCursor", numberNamed("limit ", n, "this limit"))
				if e, ok := setValue(v, "100"); ok {
					p.Fix("set limit to 100", e)
				}
			}
		}
	},
}

// uuidRE is compiled on first use, not at start-up.
var uuidRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
})

var ruleAshbyProxyOnBehalfOf = &Rule{
	ID: "ashby/proxy-on-behalf-of", Severity: Error, Predicts: "4xx", Providers: []string{"ashby"},
	Doc: Doc{
		Title: "Ashby passthrough X-On-Behalf-Of is not a user id",
		Why: "Ashby's X-On-Behalf-Of header (beta since 2026-04-30) makes an API key act as an Ashby user; it takes the " +
			"user's id, a UUID, and the key needs the \"Allow acting on behalf of a user\" permission. An e-mail address " +
			"or a name names no user, so the request fails.",
		Fix: "Send the Ashby user's id (a UUID), or leave the header out to act as the API key.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.ashbyhq.com/application.changeStage", "headers": {"X-On-Behalf-Of": "hiring-manager"}, ` +
			`"body": {"applicationId": "0f2e", "interviewStageId": "9a4c"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://api.ashbyhq.com/application.changeStage", "headers": {"X-On-Behalf-Of": "3ae6b2a4-5f0e-4c7b-9d3a-1f2e4b6c8d0a"}, ` +
			`"body": {"applicationId": "0f2e", "interviewStageId": "9a4c"}}}`,
		Sources: []string{srcAshbyDocs + ", changelog 2026-04-30 (developers.ashbyhq.com/changelog/2026-04-30-add-on-behalf-of-header)", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) {
			return
		}
		h := pc.header("X-On-Behalf-Of")
		if h == nil {
			return
		}
		if s, ok := h.Value.StringValue(); ok && !isTemplate(s) && !uuidRE().MatchString(strings.TrimSpace(s)) {
			p.ReportValue(h.Value, "X-On-Behalf-Of must be the id (a UUID) of an Ashby user, so this value names no user and the request fails; send the user's id, not an e-mail address or name")
		}
	},
}
