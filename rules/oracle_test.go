package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOracleFields(t *testing.T) {
	for _, tc := range []struct {
		native string
		want   []string
	}{
		{`{"method": "get", "url": "https://acme.fa.us2.oraclecloud.com/hcmRestApi/resources/11.13.18.05/recruitingCandidates?expand=all&fields=LastName"}`, []string{"oracle/proxy-fields-with-expand"}},
		{`{"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingCandidates?expand=all"}`, nil},
		{`{"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingCandidates?fields=,"}`, []string{"oracle/proxy-empty-fields"}},
		{`{"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingCandidates?fields=&expand=all"}`, []string{"oracle/proxy-empty-fields", "oracle/proxy-fields-with-expand"}},
		{`{"method": "get", "path": "/other/api?fields=&expand=all"}`, nil},
		{`{"method": "get", "url": "https://example.com/hcmRestApi/resources/latest/x?fields=&expand=all"}`, nil},
	} {
		assert.Equal(t, tc.want, providerRules(t, "oracle", tc.native), tc.native)
	}
	got := check(t, Options{Provider: "oracle"}, proxy(`{"method": "get", "path": "/hcmRestApi/resources/11.13.18.05/recruitingJobRequisitions?fields=Title&expand=all"}`))
	assert.Equal(t, []string{"1:187 oracle/proxy-fields-with-expand (oracle) Oracle's HCM REST API cannot combine fields with expand, so this request fails; send fields or expand, not both"}, got)
}
