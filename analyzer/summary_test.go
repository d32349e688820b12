package analyzer

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSummaryFactGob checks that a summary survives go vet's fact
// encoding between processes: gob, without positions, reasons kept.
func TestSummaryFactGob(t *testing.T) {
	base := parseURL(decodeText([]valFact{{Kind: uint8(vText), Lit: "https://api.stackone.com/"}}))
	late := str{{hole: &val{why: whyParam, late: &lateURL{base: base, ref: str{{hole: &val{why: whyParam, param: 4}}}}}}}
	q := &val{kind: vObject, why: whyEscaped, members: []member{{key: "page_size", v: &val{kind: vText, text: str{{hole: &val{why: whyParam, param: 3, seg: true}}}}, cond: true}}}
	s := &summary{req: &reqSummary{
		method:   str{{hole: &val{why: whyParam, param: 3}}},
		url:      append(late, cell{b: '?'}, cell{hole: q}),
		hdr:      &val{kind: vObject, members: []member{{key: "x-account-id", v: &val{why: whyField}}}},
		body:     &val{why: whyParam, param: 5, how: howJSON},
		returned: true,
		exported: true,
		found:    map[string]bool{"stackone/page-size||page_size must be an integer": true},
	}}
	var buf bytes.Buffer
	require.NoError(t, gob.NewEncoder(&buf).Encode(s.fact()))
	var got summaryFact
	require.NoError(t, gob.NewDecoder(&buf).Decode(&got))
	assert.Equal(t, s.fact(), &got)
	assert.Equal(t, "atslint: builds {p2} resolve(https://api.stackone.com/, {p3})?{query}; body from parameter 4", got.String())
	assert.Equal(t, "{x-account-id={?field}}", got.Req.Headers.String())
	assert.Equal(t, `{page_size?="{p2:0#}"&{?escaped}}`, got.Req.URL.Text[2].String())
	back := got.summary()
	assert.Equal(t, &val{why: whyParam, param: 5, how: howJSON}, back.req.body)
	assert.True(t, back.req.found["stackone/page-size||page_size must be an integer"])
	tail := back.req.url[len(back.req.url)-1].hole
	assert.Equal(t, whyEscaped, tail.why)
	assert.True(t, tail.members[0].cond)
	assert.Equal(t, 3, tail.members[0].v.text[0].hole.param)
	assert.True(t, tail.members[0].v.text[0].hole.seg)
}
