package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// providerRules returns the provider rules that fire on a passthrough call
// for provider, in output order.
func providerRules(t *testing.T, provider, native string) []string {
	t.Helper()
	var got []string
	for _, d := range checkBytes(New(Options{Provider: provider}), []byte(proxy(native))) {
		if d.Provider != "" {
			got = append(got, d.Rule)
		}
	}
	return got
}

func TestSuccessFactorsProxy(t *testing.T) {
	for _, tc := range []struct {
		name, native string
		want         []string
	}{
		{"top at the cap", `{"method": "get", "path": "/odata/v2/JobApplication?$top=1000"}`, nil},
		{"top over the cap", `{"method": "get", "url": "https://api4.successfactors.com/odata/v2/Candidate?$top=1001"}`, []string{"successfactors/proxy-top"}},
		{"top on another host", `{"method": "get", "url": "https://example.com/odata/v2/Candidate?$top=5000"}`, nil},
		{"top outside odata", `{"method": "get", "path": "/rest/v1/candidates?$top=5000"}`, nil},
		{"skip on a read", `{"method": "get", "url": "https://api.sapsf.eu/odata/v2/JobRequisition?$skip=500&$top=500"}`, []string{"successfactors/proxy-skip-paging"}},
		{"snapshot paging", `{"method": "get", "path": "/odata/v2/JobRequisition?paging=snapshot"}`, nil},
		{"datetime literal fine", `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedOn gt datetime'2024-05-01T00:00'"}`, nil},
		{"datetime with a space", `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedOn gt datetime'2024-05-01 00:00:00'"}`, []string{"successfactors/proxy-filter-date"}},
		{"datetime with an offset", `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedOn gt datetime'2024-05-01T00:00:00Z'"}`, []string{"successfactors/proxy-filter-date"}},
		{"datetimeoffset with an offset", `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedDateTime gt datetimeoffset'2024-05-01T00:00:00%2B02:00'"}`, nil},
		{"offset plus read as a space", `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedDateTime gt datetimeoffset'2024-05-01T00:00:00+02:00'"}`, []string{"successfactors/proxy-filter-date"}},
		{"DateTime field, local literal", `{"method": "get", "path": "/odata/v2/Candidate?$filter=creationDateTime le datetime'2024-05-01T00:00:00'"}`, []string{"successfactors/proxy-filter-datetime-literal"}},
		{"time of day on a put", `{"method": "put", "path": "/odata/v2/JobApplication(7)", "body": {"customDate": "/Date(1714563000000)/", "note": "x"}}`, []string{"successfactors/proxy-date-time-of-day"}},
		{"midnight with offset", `{"method": "merge", "path": "/odata/v2/JobApplication(7)", "body": {"customDate": "/Date(1714521600000+0000)/"}}`, nil},
		{"time of day on a non-recruiting entity", `{"method": "post", "path": "/odata/v2/upsert", "body": {"__metadata": {"uri": "PerPersonal(personIdExternal='1')"}, "startDate": "/Date(1714563000000)/"}}`, nil},
		{"upsert of several records", `{"method": "post", "path": "/odata/v2/upsert", "body": [{"__metadata": {"type": "SFOData.Candidate"}, "d": "/Date(1714563000000)/"}, {"__metadata": {"uri": "PerPersonal(1)"}, "d": "/Date(1714563000000)/"}]}`, []string{"successfactors/proxy-date-time-of-day"}},
		{"time of day on a read", `{"method": "get", "path": "/odata/v2/JobApplication(7)", "body": {"customDate": "/Date(1714563000000)/"}}`, nil},
		{"purge record", `{"method": "post", "path": "/odata/v2/upsert?purgeType=record", "body": {"__metadata": {"uri": "User('u1')"}}}`, []string{"successfactors/proxy-upsert-purge"}},
		{"purge incremental", `{"method": "post", "path": "/odata/v2/upsert?purgeType=incremental", "body": {"__metadata": {"uri": "User('u1')"}}}`, nil},
		{"purge on background", `{"method": "post", "path": "/odata/v2/upsert?purgeType=incremental", "body": [{"__metadata": {"uri": "Background_Education(1)"}}]}`, []string{"successfactors/proxy-background-purge"}},
		{"purge outside upsert", `{"method": "get", "path": "/odata/v2/User?purgeType=full"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, providerRules(t, "successfactors", tc.native))
		})
	}
	// Other providers' passthrough is not judged.
	assert.Empty(t, providerRules(t, "greenhouse", `{"method": "get", "path": "/odata/v2/Candidate?$top=5000"}`))

	got := check(t, Options{Provider: "successfactors"}, proxy(`{"method": "get", "path": "/odata/v2/Candidate?$top=5000"}`))
	require.Equal(t, []string{"1:139 successfactors/proxy-top (successfactors) SuccessFactors returns at most 1,000 records per OData call, so $top=5000 still gives one page of 1,000 at most and the rest is missed unless you follow __next; ask for at most 1,000 (SAP suggests 500) and follow __next"}, got)
	got = check(t, Options{Provider: "successfactors"}, proxy(`{"method": "get", "path": "/odata/v2/Candidate?$filter=creationDateTime le datetimeoffset'2024-05-01'"}`))
	require.Equal(t, []string{"1:142 successfactors/proxy-filter-date (successfactors) datetimeoffset'…' in this $filter is not in the form datetimeoffset'YYYY-MM-DDThh:mm:ssZ', so SuccessFactors rejects the query; write the full date-time, for example datetimeoffset'2024-05-01T00:00:00Z'"}, got)
}

func TestSuccessFactorsOfferTemplate(t *testing.T) {
	sf := Options{Provider: "successfactors"}
	const base = "SuccessFactors offers are created from an Offer Template, which must have no approver steps and carry firstName, lastName, currency and salaryBase; make sure the account's template does"
	offer := func(body string) string {
		return `{"method": "POST", "url": "/unified/ats/offers", "headers": {"x-account-id": "a"}, "body": ` + body + `}`
	}
	assert.Equal(t, []string{"1:27 successfactors/offer-template (successfactors) " + base},
		only(check(t, sf, offer(`{"application_id": "a1", "salary": 90000, "currency": "EUR"}`)), "successfactors/offer-template"))
	assert.Equal(t, []string{"1:27 successfactors/offer-template (successfactors) " + base + ", and send salary and currency (the template's salaryBase and currency)"},
		only(check(t, sf, offer(`{"application_id": "a1"}`)), "successfactors/offer-template"))
	assert.Empty(t, only(check(t, Options{Provider: "greenhouse"}, offer(`{"application_id": "a1"}`)), "successfactors/offer-template"))
}

func TestSuccessFactorsPlusInOffset(t *testing.T) {
	got := check(t, Options{Provider: "successfactors"}, proxy(`{"method": "get", "path": "/odata/v2/Candidate?$filter=creationDateTime le datetimeoffset'2024-05-01T00:00:00+02:00'"}`))
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "a + in a query string is read as a space; write the offset as %2B02:00")
}
