package schemas

import (
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

func TestRequestDocumentSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	require.NoError(t, c.AddResource("atslint:///request-document.schema.json", bytes.NewReader(RequestDocumentSchema())))
	sch, err := c.Compile("atslint:///request-document.schema.json")
	require.NoError(t, err)

	good := []string{
		`{"provider":"bullhorn","method":"POST","url":"https://api.stackone.com/unified/ats/candidates/12345/notes",
		  "headers":{"x-account-id":"acc_9f2","Content-Type":"application/json"},
		  "query":{"filter":{"updated_after":"2024-01-01T00:00:00Z"},"page_size":50},
		  "body":{"content":[{"body":"Strong systems design round"}],"visibility":{"value":"private"}}}`,
		`{"method":"get","path":"/unified/ats/candidates","query":{"filter[updated_after]":"2024-01-01T00:00:00Z"}}`,
		`{"method":"POST","path":"/unified/ats/jobs","body":null,"x-atslint":{"ignore":[{"rule":"stackone/missing-body","reason":"fixture"},{"rule":"stackone/page-size"}]}}`,
		`[{"method":"GET","path":"/unified/ats/jobs"},{"method":"DELETE","url":"https://api.stackone.com/unified/ats/background_checks/packages/1"}]`,
		`[]`,
	}
	for _, doc := range good {
		assert.NoError(t, sch.Validate(decode(t, doc)), doc)
	}

	bad := []string{
		`{"path":"/unified/ats/jobs"}`,                                         // no method
		`{"method":"GET"}`,                                                     // neither url nor path
		`{"method":"GET","path":"/unified/ats/jobs","heders":{}}`,              // unknown key
		`{"method":"GET","path":"unified/ats/jobs"}`,                           // relative path
		`{"method":"GET","path":"/x","headers":{"x-account-id":1}}`,            // header not a string
		`{"method":"GET","path":"/x","x-atslint":{"ignore":[{"reason":"r"}]}}`, // ignore without rule
		`{"method":"GET","path":"/x","x-atslint":{"silence":[]}}`,              // unknown x-atslint key
		`{"method":"GET /x","path":"/x"}`,                                      // not a method
		`[{"method":"GET","path":"/x"},{"path":"/y"}]`,                         // one bad element
		`"GET /x"`,
	}
	for _, doc := range bad {
		assert.Error(t, sch.Validate(decode(t, doc)), doc)
	}

	// The result is a copy.
	b := RequestDocumentSchema()
	b[0] = 'x'
	assert.Equal(t, byte('{'), RequestDocumentSchema()[0])
}
