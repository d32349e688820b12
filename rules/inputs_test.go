package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
)

// A literal key in a file is a leak; in a request being sent it is the key.
func TestHardcodedCredentialIsNotForLiveRequests(t *testing.T) {
	doc := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",
 "headers": {"x-account-id": "acc_1", "Authorization": "Basic djFfc2tfbGl2ZV8xMjM0NTY3ODkwOg=="}}`
	e := New(Options{})
	for _, tc := range []struct {
		in   request.Input
		want []string
	}{
		{request.SourceFile, []string{"security/hardcoded-credential"}},
		{request.Recording, []string{"security/hardcoded-credential"}},
		{request.Live, nil},
	} {
		d, err := request.ReadDocument([]byte(doc), request.Options{})
		require.NoError(t, err)
		require.Len(t, d.Requests, 1)
		d.Requests[0].Input = tc.in
		var got []string
		for _, diag := range e.Check(d.Requests) {
			got = append(got, diag.Rule)
		}
		assert.Equal(t, tc.want, got, "input %s", tc.in)
	}
}

func TestInputsHas(t *testing.T) {
	var all Inputs
	for in := request.SourceFile; in <= request.Live; in++ {
		assert.True(t, all.Has(in), "the zero set holds %s", in)
		assert.True(t, AllInputs.Has(in))
	}
	files := SourceFiles | Recordings
	assert.True(t, files.Has(request.Recording))
	assert.False(t, files.Has(request.Live))
	assert.Equal(t, "source files, recordings", files.String())
	assert.Equal(t, "live requests", LiveRequests.String())
}

func TestExplainShowsInputs(t *testing.T) {
	r, ok := Lookup("security/hardcoded-credential")
	require.True(t, ok)
	assert.Contains(t, Explain(r), "Inputs:    source files, recordings (not live requests)\n")
	r, ok = Lookup("security/insecure-url")
	require.True(t, ok)
	assert.NotContains(t, Explain(r), "Inputs:", "a rule for every input says nothing about inputs")
}
