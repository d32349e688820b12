package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

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

// span returns the span of the first occurrence of sub in src.
func span(t *testing.T, src, sub string) request.Span {
	t.Helper()
	i := bytes.Index([]byte(src), []byte(sub))
	require.GreaterOrEqual(t, i, 0, sub)
	at := func(off int) request.Pos {
		line, col := int32(1), int32(1)
		for _, c := range []byte(src[:off]) {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return request.Pos{Offset: off, Line: line, Column: col}
	}
	return request.Span{Start: at(i), End: at(i + len(sub))}
}

// locateHeld locates ds in src as `atslint check` does: held compactly,
// located by LocateHeld (and by LocateHeldReader read a byte at a time,
// which must agree), and written into a report.
func locateHeld(t *testing.T, file string, src []byte, ds []rules.Diagnostic) []Diagnostic {
	t.Helper()
	h := rules.NewHeld(ds)
	loc := LocateHeld(src, h)
	if src != nil {
		streamed, err := LocateHeldReader(iotest.OneByteReader(bytes.NewReader(src)), h)
		require.NoError(t, err)
		assert.Equal(t, loc, streamed, "LocateHeldReader agrees with LocateHeld")
	}
	rep := &Report{}
	rep.AddHeld(file, h, loc)
	rep.Materialize()
	return rep.Diagnostics
}

func TestLocateUTF16Columns(t *testing.T) {
	for _, tc := range []struct {
		name, src, sub string
		col, end       int
	}{
		{"ascii", `{"a": "x", "bad": 1}`, `"bad"`, 12, 17},
		{"two-byte letter counts one", `{"a": "Zoë", "bad": 1}`, `"bad"`, 14, 19},
		{"astral emoji counts two", `{"a": "🧠", "bad": 1}`, `"bad"`, 13, 18},
		{"emoji inside the span", `{"a": "🧠🧠"}`, `"🧠🧠"`, 7, 13},
		{"byte order mark is not a column", "\xEF\xBB\xBF{\"bad\": 1}", `"bad"`, 2, 7},
		{"invalid byte counts one", "{\"a\": \"\xff\", \"bad\": 1}", `"bad"`, 12, 17},
		{"second line starts afresh", "{\"a\": \"🧠\",\n \"bad\": 1}", `"bad"`, 2, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := span(t, tc.src, tc.sub)
			d := rules.Diagnostic{Rule: "stackone/unknown-field", Span: sp}
			got := locateHeld(t, "f.json", []byte(tc.src), []rules.Diagnostic{d})
			require.Len(t, got, 1)
			assert.Equal(t, "f.json", got[0].File)
			assert.Equal(t, tc.col, got[0].Column16, "start")
			assert.Equal(t, tc.end, got[0].EndColumn16, "end")
			assert.Equal(t, ValueHash([]byte(tc.src), sp), got[0].ValueHash)
			// `atslint vet` finds the same.
			vet, err := LocateReader("f.json", strings.NewReader(tc.src), []rules.Diagnostic{d})
			require.NoError(t, err)
			assert.Equal(t, got, vet)
		})
	}
}

func TestLocateWithoutSource(t *testing.T) {
	d := rules.Diagnostic{Rule: "input/too-large"}
	assert.Nil(t, LocateHeld(nil, rules.NewHeld([]rules.Diagnostic{d})))
	got := locateHeld(t, "big.json", nil, []rules.Diagnostic{d})
	require.Len(t, got, 1)
	assert.Equal(t, "big.json", got[0].File)
	assert.Zero(t, got[0].Column16)
	assert.Empty(t, got[0].ValueHash)
	// A span that does not fit the source is left alone, not guessed.
	d.Span = request.Span{Start: request.Pos{Offset: 50, Line: 1, Column: 51}, End: request.Pos{Offset: 52, Line: 1, Column: 53}}
	got = locateHeld(t, "f.json", []byte(`{}`), []rules.Diagnostic{d})
	require.Len(t, got, 1)
	assert.Zero(t, got[0].Column16)
	assert.Zero(t, got[0].EndColumn16)
	assert.Empty(t, got[0].ValueHash)
}

func TestValueHash(t *testing.T) {
	a := `{"body": {"x": [1, 2]}}`
	b := "{\n  \"body\": {\n    \"x\": [\n      1,\n      2\n    ]\n  }\n}"
	c := `{"body": {"x": [1, 3]}}`
	ha := ValueHash([]byte(a), span(t, a, `{"x": [1, 2]}`))
	hb := ValueHash([]byte(b), span(t, b, "{\n    \"x\": [\n      1,\n      2\n    ]\n  }"))
	hc := ValueHash([]byte(c), span(t, c, `{"x": [1, 3]}`))
	assert.Len(t, ha, 16)
	assert.Equal(t, ha, hb, "re-indenting keeps the hash")
	assert.NotEqual(t, ha, hc, "a changed value changes the hash")
	// Whitespace inside strings counts.
	d, e := `{"s": "a b"}`, `{"s": "ab"}`
	assert.NotEqual(t, ValueHash([]byte(d), span(t, d, `"a b"`)), ValueHash([]byte(e), span(t, e, `"ab"`)))
	assert.Empty(t, ValueHash([]byte(a), request.Span{Start: request.Pos{Offset: 5}, End: request.Pos{Offset: 99}}))
}

func diag(file string, line, col, endLine, endCol int32, rule string, sev rules.Severity, msg string) Diagnostic {
	return Diagnostic{File: file, Diagnostic: rules.Diagnostic{
		Rule: rule, Severity: sev, Message: msg,
		Span: request.Span{Start: request.Pos{Line: line, Column: col}, End: request.Pos{Line: endLine, Column: endCol}},
	}}
}

func TestGitHub(t *testing.T) {
	multi := diag("a/req.json", 3, 5, 9, 2, "stackone/missing-body", rules.Error, "no body")
	utf16 := diag("a/req.json", 5, 68, 5, 79, "stackone/unknown-field", rules.Warning, "unknown field")
	utf16.Column16, utf16.EndColumn16 = 65, 76
	prov := diag("a/req.json", 7, 1, 7, 4, "smartrecruiters/interview-scope", rules.Info, "only some candidates")
	shared := diag("a/req.json", 8, 1, 8, 4, "stackone/unknown-field", rules.Warning, "x")
	shared.Provider = "lever"
	r := &Report{
		Errors: []FileError{{File: "gone.json", Message: "no such file or directory"}},
		Diagnostics: []Diagnostic{
			diag("dir,with:odd%name.json", 1, 2, 1, 3, "stackone/page-size", rules.Error, "100% wrong:\r\nsecond line, really"),
			multi, utf16, prov, shared,
			{File: "big.json", Diagnostic: rules.Diagnostic{Rule: "input/too-large", Severity: rules.Error, Message: "too large"}},
		},
	}
	var b bytes.Buffer
	require.NoError(t, GitHub(&b, r))
	assert.Equal(t, `::error file=gone.json,title=atslint::no such file or directory
::error file=dir%2Cwith%3Aodd%25name.json,line=1,col=2,endLine=1,endColumn=3,title=stackone/page-size::100%25 wrong:%0D%0Asecond line, really
::error file=a/req.json,line=3,endLine=9,title=stackone/missing-body::no body
::warning file=a/req.json,line=5,col=65,endLine=5,endColumn=76,title=stackone/unknown-field::unknown field
::notice file=a/req.json,line=7,col=1,endLine=7,endColumn=4,title=smartrecruiters/interview-scope::only some candidates
::warning file=a/req.json,line=8,col=1,endLine=8,endColumn=4,title=stackone/unknown-field for lever::x
::error file=big.json,title=input/too-large::too large
`, b.String())
}

// sarifOf runs the SARIF formatter and decodes its output generically.
func sarifOf(t *testing.T, r *Report) map[string]any {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, SARIF(&b, r))
	var out map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &out))
	return out
}

func TestSARIFRulesAndResults(t *testing.T) {
	d := diag("notes/req.json", 5, 68, 5, 79, "stackone/unknown-field", rules.Warning, `unknown field "visibilty"; did you mean "visibility"?`)
	d.Column16, d.EndColumn16 = 65, 76
	d.Pointer, d.Operation, d.Predicts, d.Request = "/body/visibilty", "ats_create_candidate_note", "silent", 2
	info := diag("/abs/dir/x y.json", 1, 1, 1, 2, "stackone/page-size", rules.Info, "page_size must be an integer from 1 to 100")
	stdin := diag("<stdin>", 2, 3, 2, 4, "stackone/page-size", rules.Error, "x")
	log := sarifOf(t, &Report{Version: "v1.4.0", Diagnostics: []Diagnostic{d, info, stdin}})

	assert.Equal(t, "2.1.0", log["version"])
	run := log["runs"].([]any)[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	assert.Equal(t, "atslint", driver["name"])
	assert.Equal(t, "1.4.0", driver["version"])
	assert.Equal(t, InformationURI, driver["informationUri"])
	sarifRules := driver["rules"].([]any)
	require.Len(t, sarifRules, len(rules.All()), "every registered rule")
	for i, rr := range sarifRules {
		rule := rr.(map[string]any)
		reg := rules.All()[i]
		assert.Equal(t, reg.ID, rule["id"])
		assert.Equal(t, reg.URL(), rule["helpUri"])
		if reg.Doc.Title == "" {
			continue // a rule registered by a test, with no doc
		}
		assert.NotEmpty(t, rule["shortDescription"].(map[string]any)["text"])
		assert.NotEmpty(t, rule["fullDescription"].(map[string]any)["text"])
		help := rule["help"].(map[string]any)
		assert.Contains(t, help["text"], "Fix: ")
		assert.Contains(t, help["markdown"], "**Fix:** ")
		if reg.Doc.Bad != "" {
			assert.Contains(t, help["markdown"], "```json\n")
		}
		assert.Equal(t, sarifLevel(reg.Severity), rule["defaultConfiguration"].(map[string]any)["level"])
	}

	results := run["results"].([]any)
	require.Len(t, results, 3)
	res := results[0].(map[string]any)
	assert.Equal(t, "stackone/unknown-field", res["ruleId"])
	idx := int(res["ruleIndex"].(float64))
	assert.Equal(t, "stackone/unknown-field", sarifRules[idx].(map[string]any)["id"])
	assert.Equal(t, "warning", res["level"])
	assert.Equal(t, `unknown field "visibilty"; did you mean "visibility"?`, res["message"].(map[string]any)["text"])
	loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	assert.Equal(t, map[string]any{"uri": "notes/req.json", "uriBaseId": "%SRCROOT%"}, loc["artifactLocation"])
	assert.Equal(t, map[string]any{"startLine": 5.0, "startColumn": 65.0, "endLine": 5.0, "endColumn": 76.0}, loc["region"])
	assert.Equal(t, map[string]any{"operation": "ats_create_candidate_note", "pointer": "/body/visibilty", "request": 2.0, "predicts": "silent"}, res["properties"])

	res = results[1].(map[string]any)
	assert.Equal(t, "note", res["level"])
	assert.Equal(t, "page_size must be an integer from 1 to 100.", res["message"].(map[string]any)["text"], "a plain-text message ends with a period")
	loc = res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	assert.Equal(t, map[string]any{"uri": "file:///abs/dir/x%20y.json"}, loc["artifactLocation"], "an absolute path is a file URI")
	assert.Equal(t, 1.0, loc["region"].(map[string]any)["startColumn"], "byte columns when no UTF-16 column was computed")

	loc = results[2].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	assert.Equal(t, "%3Cstdin%3E", loc["artifactLocation"].(map[string]any)["uri"])

	inv := run["invocations"].([]any)[0].(map[string]any)
	assert.Equal(t, true, inv["executionSuccessful"])
	assert.Equal(t, "utf16CodeUnits", run["columnKind"])
}

func TestSARIFFileErrors(t *testing.T) {
	log := sarifOf(t, &Report{Errors: []FileError{{File: "gone.json", Message: "no such file or directory"}}})
	run := log["runs"].([]any)[0].(map[string]any)
	assert.Empty(t, run["results"])
	inv := run["invocations"].([]any)[0].(map[string]any)
	assert.Equal(t, false, inv["executionSuccessful"])
	n := inv["toolExecutionNotifications"].([]any)[0].(map[string]any)
	assert.Equal(t, "error", n["level"])
	assert.Equal(t, "no such file or directory.", n["message"].(map[string]any)["text"])
}

func TestSARIFFingerprints(t *testing.T) {
	fps := func(ds ...Diagnostic) []string {
		run := sarifOf(t, &Report{Diagnostics: ds})["runs"].([]any)[0].(map[string]any)
		var out []string
		for _, r := range run["results"].([]any) {
			out = append(out, r.(map[string]any)["partialFingerprints"].(map[string]any)[FingerprintKey].(string))
		}
		return out
	}
	base := diag("a.json", 3, 5, 3, 9, "stackone/page-size", rules.Error, "page_size must be an integer from 1 to 100, got 500")
	base.Pointer = "/0/url"
	moved := base
	moved.Span.Start.Line, moved.Span.End.Line = 30, 30
	moved.Message = "page_size must be an integer from 1 to 100, got 0"
	other := base
	other.Pointer = "/1/url"
	lever := base
	lever.Provider = "lever"

	a := fps(base)[0]
	assert.Len(t, a, 32)
	assert.Equal(t, a, fps(moved)[0], "moved lines and a new value keep the fingerprint")
	assert.NotEqual(t, a, fps(other)[0], "another request")
	assert.NotEqual(t, a, fps(lever)[0], "another provider")
	renamed := base
	renamed.File = "b.json"
	assert.NotEqual(t, a, fps(renamed)[0], "another file")
	// Two results with the same key stay apart, deterministically.
	assert.Equal(t, []string{a, a + ":2"}, fps(base, moved))
}

func TestRuleName(t *testing.T) {
	assert.Equal(t, "StackonePageSize", ruleName("stackone/page-size"))
	assert.Equal(t, "InputNotARequest", ruleName("input/not-a-request"))
	assert.Equal(t, "0.0.0-devel", sarifToolVersion("(devel)"))
	assert.Equal(t, "0.0.0-20250101000000-abcdef123456", sarifToolVersion("v0.0.0-20250101000000-abcdef123456"))
}

func TestLocateReaderAcrossSegments(t *testing.T) {
	// A line longer than the scan's segment, with a four-byte character
	// straddling the segment boundary, read in one-byte reads.
	pad := strings.Repeat("x", segment-2)
	src := `{"a": "` + pad + "🧠" + `", "bad": 1}` + "\n" + `{"b": "é", "bad": 2}`
	first, second := span(t, src, `"bad"`), span(t, src, `"bad": 2`)
	second.End = second.Start
	second.End.Offset += 5
	second.End.Column += 5
	ds := []rules.Diagnostic{{Rule: "stackone/unknown-field", Span: first}, {Rule: "stackone/unknown-field", Span: second}}
	got, err := LocateReader("f.json", iotest.OneByteReader(strings.NewReader(src)), ds)
	require.NoError(t, err)
	assert.Equal(t, int(first.Start.Column-2), got[0].Column16, "the emoji is 4 bytes and 2 units")
	assert.Equal(t, int(first.End.Column-2), got[0].EndColumn16)
	assert.Equal(t, 12, got[1].Column16, "a new line starts afresh; é is 2 bytes and 1 unit")
	assert.Equal(t, locateHeld(t, "f.json", []byte(src), ds), got, "LocateReader and LocateHeld agree")
	assert.Equal(t, ValueHash([]byte(src), first), got[0].ValueHash)
}

func TestLocateReaderLeavesWhatItCannotCheck(t *testing.T) {
	src := `{"bad": 1}`
	sp := span(t, src, `"bad"`)
	wrongCol := sp
	wrongCol.Start.Column = 9 // not what the bytes say
	past := request.Span{Start: request.Pos{Offset: 8, Line: 1, Column: 9}, End: request.Pos{Offset: 40, Line: 1, Column: 41}}
	got, err := LocateReader("f.json", strings.NewReader(src), []rules.Diagnostic{{Span: wrongCol}, {Span: past}})
	require.NoError(t, err)
	assert.Zero(t, got[0].Column16, "a byte column that does not match the file")
	assert.Equal(t, 7, got[0].EndColumn16)
	assert.Equal(t, 9, got[1].Column16)
	assert.Zero(t, got[1].EndColumn16, "past the end of the file")
	assert.Empty(t, got[1].ValueHash)

	_, err = LocateReader("f.json", iotest.ErrReader(io.ErrUnexpectedEOF), []rules.Diagnostic{{Span: sp}})
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

// Every security rule carries a GitHub security-severity, and the SARIF
// rule metadata names it with the "security" tag that GitHub reads it with.
func TestSARIFSecuritySeverity(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		if r.RuleSet() != "security" {
			continue
		}
		n++
		score, err := strconv.ParseFloat(r.SecuritySeverity, 64)
		require.NoError(t, err, r.ID)
		assert.True(t, score >= 0.1 && score <= 10, r.ID)
		sr := sarifRuleOf(r)
		assert.Equal(t, r.SecuritySeverity, sr.Properties.SecuritySeverity, r.ID)
		assert.Contains(t, sr.Properties.Tags, "security", r.ID)
	}
	assert.GreaterOrEqual(t, n, 2)
	r, _ := rules.Lookup("security/hardcoded-credential")
	data, err := json.Marshal(sarifRuleOf(r).Properties)
	require.NoError(t, err)
	assert.Equal(t, `{"tags":["security"],"predicts":"none","security-severity":"8.0"}`, string(data))
	r, _ = rules.Lookup("stackone/missing-account-id")
	data, err = json.Marshal(sarifRuleOf(r).Properties)
	require.NoError(t, err)
	assert.Equal(t, `{"tags":["stackone"],"predicts":"400"}`, string(data))
}

func TestSummaryLine(t *testing.T) {
	d := func(file string, sev rules.Severity) Diagnostic {
		return Diagnostic{File: file, Diagnostic: rules.Diagnostic{Rule: "stackone/page-size", Severity: sev}}
	}
	for _, tc := range []struct {
		diags []Diagnostic
		want  string
	}{
		{nil, ""},
		{[]Diagnostic{d("a.json", rules.Error)}, "1 problem (1 error, 0 warnings) in 1 file"},
		{[]Diagnostic{d("a.json", rules.Error), d("a.json", rules.Warning), d("b.json", rules.Warning)}, "3 problems (1 error, 2 warnings) in 2 files"},
		{[]Diagnostic{d("a.json", rules.Info), d("b.json", rules.Info), d("c.json", rules.Warning)}, "3 problems (0 errors, 1 warning, 2 infos) in 3 files"},
	} {
		r := &Report{Diagnostics: tc.diags}
		r.Finish()
		assert.Equal(t, tc.want, SummaryLine(r))
	}
}

func TestColorText(t *testing.T) {
	r := &Report{Diagnostics: []Diagnostic{
		{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "stackone/page-size", Severity: rules.Error, Message: "m", Span: request.Span{Start: request.Pos{Line: 1, Column: 2}}}},
		{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "stackone/unknown-filter", Severity: rules.Warning, Message: "w", Span: request.Span{Start: request.Pos{Line: 2, Column: 2}}}},
		{File: "a.json", Diagnostic: rules.Diagnostic{Rule: "smartrecruiters/interview-scope", Severity: rules.Info, Message: "i", Span: request.Span{Start: request.Pos{Line: 3, Column: 2}}}},
	}}
	var b bytes.Buffer
	require.NoError(t, ColorText(&b, r))
	assert.Equal(t, "a.json:1:2: \x1b[1;31merror\x1b[0m: m [stackone/page-size]\n"+
		"a.json:2:2: \x1b[33mwarning\x1b[0m: w [stackone/unknown-filter]\n"+
		"a.json:3:2: \x1b[36minfo\x1b[0m: i [smartrecruiters/interview-scope]\n", b.String())
	b.Reset()
	require.NoError(t, Text(&b, r))
	assert.NotContains(t, b.String(), "\x1b")
}
