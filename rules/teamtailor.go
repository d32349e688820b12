package rules

// The teamtailor rule set: Teamtailor accounts behind StackOne, and
// Teamtailor JSON:API requests sent through the passthrough.

func init() {
	Register(ruleTeamtailorMissingPermissions, ruleTeamtailorProxyAPIVersion)
}

const srcTeamtailorDocs = "Teamtailor API docs (docs.teamtailor.com)"

var ruleTeamtailorMissingPermissions = &Rule{
	ID: "teamtailor/missing-permissions", Severity: Info, Predicts: "501", Providers: []string{"teamtailor"},
	Doc: Doc{
		Title: "Teamtailor write needs an Admin read-write API key",
		Why: "Teamtailor API keys are scoped Public, Internal or Admin, each read, write or read-write, and keys cannot be " +
			"edited, only recreated. Writes to candidates and job applications need an Admin key with write access. When " +
			"the key linked to StackOne lacks the permission, StackOne answers 501, which reads like an unsupported " +
			"feature but means the customer must re-authenticate with a broader key.",
		Fix: "Make sure the linked Teamtailor key is Admin read-write; on 501, ask the customer to re-authenticate " +
			"following StackOne's Teamtailor guide (hub.stackone.com/en/articles/7727336-teamtailor).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}]}}`,
		Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{
			seed("Teamtailor: 501, API key missing permissions; ask the customer to re-authenticate"),
			srcTeamtailorDocs + " and Teamtailor Support, API keys (support.teamtailor.com/en/articles/5963369): candidates and job applications need an Admin key",
		},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil || p.Is(proxyOperation) || op.Method == "GET" {
			return
		}
		p.ReportRequest("Teamtailor writes need an Admin API key with read-write scope, and StackOne answers 501 when the linked key lacks it; if you get 501, ask the customer to re-authenticate with an Admin read-write key")
	},
}

var ruleTeamtailorProxyAPIVersion = &Rule{
	ID: "teamtailor/proxy-api-version", Severity: Info, Predicts: "none", Providers: []string{"teamtailor"},
	Doc: Doc{
		Title: "Teamtailor passthrough without X-Api-Version",
		Why: "Teamtailor versions its API by date in the X-Api-Version header and ships backwards-incompatible changes as " +
			"new dates; the response echoes the version used. A request that does not pin the version is not tied to the " +
			"one its code was written for, so a response can change shape without notice." +
			" atslint cannot see what StackOne adds: its passthrough forwards the call with the credentials of the linked account, and no source says whether it also sends an X-Api-Version from what was given at linking. So this is info, a reminder to check, not a predicted failure.",
		Fix: "Send X-Api-Version with the date of the API version the code was written for.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.teamtailor.com/v1/candidates"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://api.teamtailor.com/v1/candidates", "headers": {"X-Api-Version": "20240404"}}}`,
		Sources: []string{srcTeamtailorDocs + ": dated X-Api-Version header; the Airbyte Teamtailor source docs (docs.airbyte.com/integrations/sources/teamtailor)", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) || !pc.headersKnown || pc.header("X-Api-Version") != nil {
			return
		}
		pc.reportMissingHeader(p, "passthrough request to Teamtailor has no X-Api-Version; unless StackOne sends one, it is not pinned to an API version and responses can change shape without notice; send X-Api-Version")
	},
}
