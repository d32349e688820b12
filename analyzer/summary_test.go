package analyzer

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSummaryFactGob checks that a summary survives go vet's fact
// encoding between processes: gob, without positions.
func TestSummaryFactGob(t *testing.T) {
	base := parseURL(decodeStr([]cellFact{{Kind: uint8(known), Text: "https://api.stackone.com/"}}))
	url := str{{kind: unknownAny, late: &lateURL{base: base, ref: str{{kind: unknownAny, param: 3}}}}}
	q := &values{complete: false, entries: []entry{{key: "page_size", val: str{{kind: unknownID, param: 2}}}}}
	s := &summary{req: &reqSummary{
		method:   str{{kind: unknownAny, param: 2}},
		url:      append(url, cell{kind: known, b: '?'}, cell{kind: queryCell, q: q}),
		hdr:      &values{complete: true, entries: []entry{{key: "x-account-id", val: str{{kind: unknownAny}}}}},
		body:     bodyRef{Kind: bodyParam, Param: 4, How: howJSON},
		returned: true,
		exported: true,
		found:    map[string]bool{"stackone/page-size||page_size must be an integer": true},
	}}
	var buf bytes.Buffer
	require.NoError(t, gob.NewEncoder(&buf).Encode(s.fact()))
	var got summaryFact
	require.NoError(t, gob.NewDecoder(&buf).Decode(&got))
	assert.Equal(t, s.fact(), &got)
	assert.Equal(t, "atslint: builds {p1} resolve(https://api.stackone.com/, {p2})?{query}; body from parameter 4", got.String())
	back := got.summary()
	assert.Equal(t, bodyRef{Kind: bodyParam, Param: 4, How: howJSON}, back.req.body)
	assert.True(t, back.req.found["stackone/page-size||page_size must be an integer"])
	assert.Equal(t, 2, back.req.url[len(back.req.url)-1].q.entries[0].val[0].param)
}
