package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

func init() {
	// A rule shared by two providers, as a rule set may define one.
	rules.Register(&rules.Rule{ID: "lever/shared-test-rule", Severity: rules.Warning, Providers: []string{"lever", "workable"}})
}

func TestTextNamesProvider(t *testing.T) {
	at := request.Span{Start: request.Pos{Line: 3, Column: 5}}
	rep := &Report{Diagnostics: []Diagnostic{
		{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "bullhorn/note-missing-author", Provider: "bullhorn", Severity: rules.Warning, Message: "m1", Span: at}},
		{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "stackone/page-size", Severity: rules.Error, Message: "m2", Span: at}},
		{File: "b.json", Diagnostic: rules.Diagnostic{Rule: "lever/shared-test-rule", Provider: "lever", Severity: rules.Warning, Message: "m3", Span: at}},
		{File: "b.json", Diagnostic: rules.Diagnostic{Rule: "lever/shared-test-rule", Provider: "workable", Severity: rules.Warning, Message: "m3", Span: at}},
		{File: "c.json", Diagnostic: rules.Diagnostic{Rule: "stackone/some-rule", Provider: "greenhouse", Severity: rules.Info, Message: "m4", Span: at}},
	}}
	rep.Finish()
	var b bytes.Buffer
	require.NoError(t, Text(&b, rep))
	assert.Equal(t, `a.json:3:5: warning: m1 [bullhorn/note-missing-author]
a.json:3:5: error: m2 [stackone/page-size]
b.json:3:5: warning: m3 [lever/shared-test-rule for lever]
b.json:3:5: warning: m3 [lever/shared-test-rule for workable]
c.json:3:5: info: m4 [stackone/some-rule for greenhouse]
`, b.String())
	assert.Equal(t, Summary{Error: 1, Warning: 3, Info: 1}, rep.Summary)
}

func TestJSONCarriesProvider(t *testing.T) {
	rep := &Report{Diagnostics: []Diagnostic{{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "bullhorn/note-missing-author",
		Provider: "bullhorn", Severity: rules.Warning, Operation: "ats_create_candidate_note", Pointer: "/body", Predicts: "silent", Message: "m",
		Span: request.Span{Start: request.Pos{Line: 7, Column: 5}, End: request.Pos{Line: 7, Column: 20}}}}}}
	rep.Finish()
	var b bytes.Buffer
	require.NoError(t, JSON(&b, rep))
	assert.Contains(t, b.String(), `"provider": "bullhorn"`)
	assert.Contains(t, b.String(), `"predicts": "silent"`)
}
