package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckHARGolden(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"har.txt", []string{"check", "testdata/har"}},
		{"har.json", []string{"check", "--format", "json", "testdata/har"}},
		{"har-accounts.txt", []string{"check", "--config", "testdata/har/accounts.atslint.yaml", "testdata/har"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, code := atslint(t, "", tc.args...)
			assert.Equal(t, exitFindings, code)
			golden(t, tc.name, out)
		})
	}
}

// TestCheckHARPositions: diagnostics point inside the HAR, at the url's
// query parameter and at a body key inside postData.text (through its
// escaped quotes).
func TestCheckHARPositions(t *testing.T) {
	t.Chdir("../..")
	out, _, _ := atslint(t, "", "check", "--format", "json", "testdata/har/browser-export.har")
	var rep struct {
		Diagnostics []struct {
			Line, Column int
			EndColumn    int `json:"end_column"`
			Rule         string
			Pointer      string
			Request      int
		}
		Summary struct{ Files, Requests, Skipped int }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	data, err := os.ReadFile("testdata/har/browser-export.har")
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	text := func(line, col, endCol int) string { return lines[line-1][col-1 : endCol-1] }
	found := map[string]bool{}
	for _, d := range rep.Diagnostics {
		switch d.Rule {
		case "stackone/page-size":
			assert.Equal(t, "500", text(d.Line, d.Column, d.EndColumn))
			assert.Equal(t, "/log/entries/3/request/url", d.Pointer)
			assert.Equal(t, 3, d.Request)
		case "stackone/unknown-field":
			assert.Equal(t, `\"auther_id\"`, text(d.Line, d.Column, d.EndColumn))
			assert.Equal(t, "/log/entries/4/request/postData/text/auther_id", d.Pointer)
		case "stackone/placeholder-id":
			assert.Equal(t, "undefined", text(d.Line, d.Column, d.EndColumn))
		}
		found[d.Rule] = true
	}
	assert.True(t, found["stackone/page-size"] && found["stackone/unknown-field"] && found["stackone/placeholder-id"], found)
	assert.False(t, found["stackone/unknown-operation"], "the CORS preflight is skipped")
	assert.Equal(t, 1, rep.Summary.Files)
	assert.Equal(t, 5, rep.Summary.Requests)
	assert.Equal(t, 4, rep.Summary.Skipped)
}

func TestCheckHARSkippedNote(t *testing.T) {
	t.Chdir("../..")
	_, errOut, _ := atslint(t, "", "check", "testdata/har/browser-export.har", "testdata/har/proxy-export.har", "testdata/har/smartrecruiters-polling.har")
	assert.Equal(t, "atslint: testdata/har/browser-export.har: 4 entries skipped (not StackOne requests)\n"+
		"atslint: testdata/har/proxy-export.har: 1 entry skipped (not StackOne requests)\n"+
		"12 problems (8 errors, 4 warnings) in 2 files\n", errOut)
	// JSON output has the count in its summary and nothing on stderr.
	out, errOut, _ := atslint(t, "", "check", "--format", "json", "testdata/har/proxy-export.har")
	assert.Empty(t, errOut)
	assert.Contains(t, out, `"skipped": 1`)
}

// TestCheckHARSecretsNotPrinted: the proxy export holds a literal API key
// in every request; it is reported, never printed.
func TestCheckHARSecretsNotPrinted(t *testing.T) {
	t.Chdir("../..")
	for _, format := range []string{"text", "json"} {
		out, _, _ := atslint(t, "", "check", "--format", format, "testdata/har/proxy-export.har")
		assert.Contains(t, out, "security/hardcoded-credential")
		assert.NotContains(t, out, "c2tfbGl2ZV85YzFlMGYyYjdhNGQ6")
		assert.NotContains(t, out, "sk_live")
	}
}

// TestCheckHARStreamsPastMaxSize: HAR files are exempt from --max-size,
// whatever their name; other files are not.
func TestCheckHARStreamsPastMaxSize(t *testing.T) {
	t.Chdir("../..")
	out, _, code := atslint(t, "", "check", "--max-size", "100", "testdata/har/browser-export.har")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "[stackone/page-size]")
	assert.NotContains(t, out, "input/too-large")

	dir := t.TempDir()
	data, err := os.ReadFile("testdata/har/proxy-export.har")
	require.NoError(t, err)
	renamed := filepath.Join(dir, "recording.json")
	require.NoError(t, os.WriteFile(renamed, data, 0o644))
	out, _, _ = atslint(t, "", "check", "--max-size", "100", renamed)
	assert.Contains(t, out, "[stackone/application-candidate]")
	assert.NotContains(t, out, "input/too-large")

	doc := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(doc, []byte(`{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "a"}}`), 0o644))
	out, _, _ = atslint(t, "", "check", "--max-size", "100", doc)
	assert.Contains(t, out, "[input/too-large]")
}

func TestCheckHARStdin(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("testdata/har/proxy-export.har")
	require.NoError(t, err)
	want, _, _ := atslint(t, "", "check", "testdata/har/proxy-export.har")
	out, errOut, code := atslint(t, string(data), "check", "--max-size", "100", "--stdin-filename", "testdata/har/proxy-export.har", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, want, out)
	assert.Equal(t, "atslint: testdata/har/proxy-export.har: 1 entry skipped (not StackOne requests)\n7 problems (6 errors, 1 warning) in 1 file\n", errOut)
	// Recognised by its content too.
	out, _, _ = atslint(t, string(data), "check", "--stdin-filename", "rec.txt", "-")
	assert.Equal(t, strings.ReplaceAll(want, "testdata/har/proxy-export.har", "rec.txt"), out)
}

// TestCheckHARSmartRecruitersPolling: six SmartRecruiters application
// lists one minute apart report smartrecruiters/rate-limit on the second
// one (and not on the first), with the account mapped in the config or
// with --provider.
func TestCheckHARSmartRecruitersPolling(t *testing.T) {
	t.Chdir("../..")
	for _, args := range [][]string{
		{"--config", "testdata/har/accounts.atslint.yaml"},
		{"--provider", "smartrecruiters"},
	} {
		out, _, _ := atslint(t, "", append(append([]string{"check", "--format", "json"}, args...), "testdata/har/smartrecruiters-polling.har")...)
		var rep struct {
			Diagnostics []struct {
				Line, Column int
				Rule         string
				Request      int
			}
		}
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		var hits []string
		for _, d := range rep.Diagnostics {
			if d.Rule == "smartrecruiters/rate-limit" {
				hits = append(hits, fmt.Sprintf("#%d %d:%d", d.Request, d.Line, d.Column))
			}
		}
		// Entry 1's url is on line 68 of the recording; every later list
		// is also within 5 minutes of the one before.
		assert.Equal(t, []string{"#1 68:28", "#2 122:28", "#3 176:28", "#4 230:28", "#5 284:28"}, hits, args)
	}
}
