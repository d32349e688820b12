package rules

// Sources cited by several rule sets.
const (
	srcProxyDocs = "StackOne API reference, Proxy request (docs.stackone.com/reference/stackone_proxy_request): " +
		"POST /unified/proxy forwards {url, method, path, headers, body} to the provider"
	srcMergeActor = "Merge docs, Writes (docs.merge.dev/guides/merge-writes/writes): some ATS integrations need the acting " +
		"user to create records"
)

// seed cites the StackOne page atslint was created from, at what it says.
func seed(says string) string {
	return "StackOne docs, ATS Connector Errors (docs.stackone.com/ats/common-guide/connector-errors), " + says
}
