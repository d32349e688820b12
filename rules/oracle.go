package rules

import "strings"

// The oracle rule set: Oracle Recruiting Cloud (Oracle Fusion HCM REST,
// StackOne's "Oracle HCM" connector, key oraclehcm) requests sent through
// the passthrough.

func init() {
	Register(ruleOracleProxyFieldsWithExpand, ruleOracleProxyEmptyFields)
}

const srcOracleRequisitions = "Oracle Fusion Cloud HCM REST API, Get all job requisitions " +
	"(docs.oracle.com/en/cloud/saas/human-resources/farws/op-recruitingjobrequisitions-get.html), query parameters: " +
	"fields returns only the listed fields, an empty fields returns none, and fields cannot be combined with expand"

// oracleHCM returns an Oracle passthrough call to the Fusion HCM REST API
// (/hcmRestApi/resources/…), or nil.
func oracleHCM(p *Pass) *proxyCall {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) || pc.index("hcmRestApi") < 0 {
		return nil
	}
	return pc
}

var ruleOracleProxyFieldsWithExpand = &Rule{
	ID: "oracle/proxy-fields-with-expand", Severity: Error, Predicts: "400", Providers: []string{"oracle"},
	Doc: Doc{
		Title: "Oracle HCM passthrough combines fields with expand",
		Why: "Oracle's Fusion HCM REST resources take either fields (only the listed attributes) or expand (child resources), " +
			"not both: the reference says fields cannot be combined with expand, so the request fails.",
		Fix: "Send fields alone (listing child attributes if you need them) or expand alone, or make two requests.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingJobRequisitions?fields=RequisitionNumber,Title&expand=all"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingJobRequisitions?fields=RequisitionNumber,Title"}}`,
		Sources: []string{srcOracleRequisitions, srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := oracleHCM(p)
		if pc == nil || pc.param("fields") == nil {
			return
		}
		if q := pc.param("expand"); q != nil {
			p.ReportParam(*q, "Oracle's HCM REST API cannot combine fields with expand, so this request fails; send fields or expand, not both")
		}
	},
}

var ruleOracleProxyEmptyFields = &Rule{
	ID: "oracle/proxy-empty-fields", Severity: Warning, Predicts: "silent", Providers: []string{"oracle"},
	Doc: Doc{
		Title: "Oracle HCM passthrough with an empty fields parameter",
		Why: "fields returns only the attributes it lists, so an empty fields= returns records with no attributes at all " +
			"(links only). The call succeeds, and every record looks empty.",
		Fix: "List the attributes you need in fields, or leave fields out for the default set.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingCandidates?fields="}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingCandidates?fields=CandidateNumber,LastName"}}`,
		Sources: []string{srcOracleRequisitions, srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := oracleHCM(p)
		if pc == nil {
			return
		}
		if q := pc.param("fields"); q != nil {
			if s, ok := q.Value.StringValue(); ok && strings.Trim(s, " ,") == "" {
				p.ReportParam(*q, "an empty fields makes Oracle return records without attributes (links only); list the attributes you need, or leave fields out")
			}
		}
	},
}
