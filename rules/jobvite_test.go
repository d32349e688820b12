package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJobviteQueryCredentials(t *testing.T) {
	const secret = "sk_live_9f8e7d6c5b4a39281706"
	doc := proxy(`{"method": "get", "url": "https://api.jobvite.com/api/v2/candidate?API=k1&count=10&sc=` + secret + `"}`)
	got := check(t, Options{Provider: "jobvite"}, doc)
	assert.Equal(t, []string{
		"1:154 jobvite/proxy-credentials-in-query (jobvite) Jobvite takes its API key only in the x-jvi-api header since April 2024, so a key in the query string is refused, and it leaks into logs; send it as x-jvi-api",
		"1:170 jobvite/proxy-credentials-in-query (jobvite) Jobvite takes its secret only in the x-jvi-sc header since April 2024, so a secret in the query string is refused, and it leaks into logs; send it as x-jvi-sc and rotate it",
	}, got)
	for _, d := range checkBytes(New(Options{Provider: "jobvite"}), []byte(doc)) {
		assert.NotContains(t, d.Message, secret)
	}
	// Headers, another host, or another provider: quiet.
	assert.Empty(t, providerRules(t, "jobvite", `{"method": "get", "url": "https://api.jobvite.com/api/v2/candidate", "headers": {"x-jvi-api": "${K}", "x-jvi-sc": "${S}"}}`))
	assert.Empty(t, providerRules(t, "jobvite", `{"method": "get", "url": "https://example.com/api/v2/candidate?api=k&sc=s"}`))
	assert.Empty(t, providerRules(t, "lever", `{"method": "get", "url": "https://api.jobvite.com/api/v2/candidate?api=k&sc=s"}`))
}
