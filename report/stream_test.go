package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// wholeJSON and wholeSARIF encode the report as one value, as the writers
// did before they wrote a stream: the streamed bytes must be the same.
func wholeJSON(r *Report) []byte {
	out := jsonReport{Version: 1, Diagnostics: []jsonDiagnostic{}, Errors: r.Errors, Summary: r.Summary}
	for i := range r.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnosticOf(&r.Diagnostics[i]))
	}
	return encodeWhole(out)
}

func wholeSARIF(t *testing.T, r *Report) []byte {
	// The document around the results, from the streamed writer with no
	// diagnostics: it carries no result.
	empty := *r
	empty.Diagnostics = nil
	var b bytes.Buffer
	require.NoError(t, SARIF(&b, &empty))
	var log sarifLog
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	index := map[string]int{}
	for i, rule := range rules.All() {
		index[rule.ID] = i
	}
	seen := map[string]int{}
	log.Runs[0].Results = []sarifResult{}
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		sum := fingerprintSum(d)
		fp := fmt.Sprintf("%x", sum[:])
		if seen[fp]++; seen[fp] > 1 {
			fp = fmt.Sprintf("%s:%d", fp, seen[fp])
		}
		log.Runs[0].Results = append(log.Runs[0].Results, sarifResultOf(d, index[d.Rule], fp))
	}
	return encodeWhole(log)
}

func encodeWhole(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// streamReports are reports of several files, with fixes, file errors,
// characters that HTML escaping would change, repeated fingerprints, and
// none at all.
func streamReports() map[string]*Report {
	at := func(line, col int) request.Span {
		return request.Span{Start: request.Pos{Offset: line * 10, Line: line, Column: col}, End: request.Pos{Offset: line*10 + 4, Line: line, Column: col + 4}}
	}
	d := func(file string, line int, rule, provider, msg string, fix *rules.Fix) Diagnostic {
		return Diagnostic{File: file, Column16: 3, ValueHash: "0123456789abcdef", Diagnostic: rules.Diagnostic{
			Rule: rule, Severity: rules.Warning, Provider: provider, Operation: "ats_list_jobs", Pointer: "/0/query/page_size",
			Predicts: "400", Message: msg, Span: at(line, 7), Fix: fix}}
	}
	fix := &rules.Fix{Safety: rules.Safe, Description: "rename <a> & \"b\"", Edits: []request.Edit{{Span: at(2, 3), Text: "\"x\u2028\""}}}
	multi := &Report{
		Diagnostics: []Diagnostic{
			d("a.json", 1, "stackone/page-size", "", "page_size <must> be & an integer, got \"é\"", nil),
			d("a.json", 1, "stackone/page-size", "", "same fingerprint again", nil),
			d("a.json", 2, "lever/shared-test-rule", "lever", "m", fix),
			d("dir/b c.json", 4, "stackone/page-size", "", "m", nil),
			d("dir/b c.json", 5, "stackone/page-size", "", "m", fix),
			d("/abs/z.json", 1, "stackone/page-size", "", "m", nil),
		},
		Errors:  []FileError{{File: "gone.json", Message: "no such file <or> directory"}},
		Version: "v1.2.3",
	}
	multi.Finish()
	one := &Report{Diagnostics: []Diagnostic{d("a.json", 1, "stackone/page-size", "", "m", nil)}}
	one.Finish()
	return map[string]*Report{
		"multi":       multi,
		"one":         one,
		"none":        {Summary: Summary{Files: 3, Requests: 4}},
		"errors only": {Errors: []FileError{{File: "x", Message: "y"}}},
	}
}

func TestStreamedJSONIsWholeJSON(t *testing.T) {
	for name, r := range streamReports() {
		var b bytes.Buffer
		require.NoError(t, JSON(&b, r), name)
		assert.Equal(t, string(wholeJSON(r)), b.String(), name)
	}
}

func TestStreamedSARIFIsWholeSARIF(t *testing.T) {
	for name, r := range streamReports() {
		var b bytes.Buffer
		require.NoError(t, SARIF(&b, r), name)
		assert.Equal(t, string(wholeSARIF(t, r)), b.String(), name)
	}
}

func TestSARIFUnregisteredRuleWritesNothing(t *testing.T) {
	r := streamReports()["multi"]
	r.Diagnostics = append(r.Diagnostics, diag("a.json", 9, 1, 9, 2, "nosuch/rule", rules.Error, "m"))
	var b bytes.Buffer
	require.ErrorContains(t, SARIF(&b, r), `unregistered rule "nosuch/rule"`)
	assert.Empty(t, b.String())
}
