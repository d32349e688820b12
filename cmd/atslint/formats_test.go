package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The kept-request formats of testdata/formats hold the same five requests
// as testdata/formats/equivalent.json.
var formatInputs = []struct{ name, path string }{
	{"postman", "testdata/formats/postman/ats.postman_collection.json"},
	{"insomnia-v4", "testdata/formats/insomnia/ats.insomnia.json"},
	{"insomnia-v5", "testdata/formats/insomnia/ats.insomnia.yaml"},
	{"bruno", "testdata/formats/bruno"},
	{"http", "testdata/formats/http/ats.http"},
	{"curl", "testdata/formats/curl/ats.sh"},
	{"markdown", "testdata/formats/markdown/README.md"},
}

type jsonDiag struct {
	File    string `json:"file"`
	Rule    string `json:"rule"`
	Request int    `json:"request"`
	Message string `json:"message"`
	Line    int    `json:"line"`
}

// findings returns, per request in file order (a Bruno folder: file by
// file), the sorted "rule: message" lines reported on it.
func findings(t *testing.T, args ...string) [][]string {
	t.Helper()
	out, errOut, code := atslint(t, "", append([]string{"check", "--format", "json"}, args...)...)
	require.Equal(t, 1, code, errOut)
	var rep struct {
		Diagnostics []jsonDiag `json:"diagnostics"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	type key struct {
		file string
		req  int
	}
	by := map[key][]string{}
	var keys []key
	for _, d := range rep.Diagnostics {
		if d.Rule == "input/not-a-request" && (strings.HasSuffix(d.File, "bruno.json") || strings.Contains(d.File, "/environments/")) {
			continue // a directory walk reports Foreign files until it skips them (issue 11)
		}
		k := key{d.File, d.Request}
		if _, ok := by[k]; !ok {
			keys = append(keys, k)
		}
		by[k] = append(by[k], d.Rule+": "+d.Message)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].file != keys[j].file {
			return keys[i].file < keys[j].file
		}
		return keys[i].req < keys[j].req
	})
	var res [][]string
	for _, k := range keys {
		sort.Strings(by[k])
		res = append(res, by[k])
	}
	return res
}

// TestFormatsMatchRequestDocuments: every format reports the same rules,
// with the same messages, on the same requests as the equivalent request
// documents.
func TestFormatsMatchRequestDocuments(t *testing.T) {
	t.Chdir("../..")
	want := findings(t, "testdata/formats/equivalent.json")
	require.Len(t, want, 4, "the equivalent documents' findings (request 3 has none)")
	for _, in := range formatInputs {
		t.Run(in.name, func(t *testing.T) {
			assert.Equal(t, want, findings(t, in.path))
		})
	}
}

// TestFormatsGolden: positions point into the source files.
func TestFormatsGolden(t *testing.T) {
	t.Chdir("../..")
	for _, in := range formatInputs {
		t.Run(in.name, func(t *testing.T) {
			out, errOut, code := atslint(t, "", "check", in.path)
			assert.Equal(t, 1, code, errOut)
			golden(t, "formats-"+in.name+".txt", out)
		})
	}
}

// TestFormatsStdin: stdin goes through the same dispatcher, by
// --stdin-filename or by the first bytes.
func TestFormatsStdin(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct{ file, name string }{
		{"testdata/formats/http/ats.http", "ats.http"},
		{"testdata/formats/curl/ats.sh", "<stdin>"}, // its shebang
		{"testdata/formats/postman/ats.postman_collection.json", "<stdin>"},
		{"testdata/formats/insomnia/ats.insomnia.yaml", "<stdin>"},
	} {
		data := readFile(t, tc.file)
		out, errOut, code := atslint(t, data, "check", "--stdin-filename", tc.name, "-")
		assert.Equal(t, 1, code, errOut)
		assert.Equal(t, 5, strings.Count(out, tc.name+":"), "%s as %s:\n%s", tc.file, tc.name, out)
	}
}

func TestEnvFlag(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	env := dir + "/prod.postman_environment.json"
	writeFile(t, env, `{"name": "prod", "values": [{"key": "baseUrl", "value": "http://api.stackone.com", "enabled": true}]}`)
	out, errOut, _ := atslint(t, "", "check", "--env", env, "testdata/formats/postman/ats.postman_collection.json")
	assert.Equal(t, 5, strings.Count(out, "[security/insecure-url]"), "the environment's baseUrl is used:\n%s%s", out, errOut)

	_, errOut, code := atslint(t, "", "check", "--env", dir+"/missing.json", "testdata/formats/http/ats.http")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--env: no such file or directory")
}

// TestNamedFileWithoutRequests: a file with no StackOne request is reported
// when named.
func TestNamedFileWithoutRequests(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	for name, content := range map[string]string{
		"deploy.sh": "#!/bin/sh\ncurl -sS https://example.com/health\n",
		"notes.md":  "# Notes\n\n```sh\nls\n```\n",
		"api.http":  "GET https://example.com/users\n",
	} {
		writeFile(t, dir+"/"+name, content)
		out, _, code := atslint(t, "", "check", dir+"/"+name)
		assert.Equal(t, 1, code, name)
		assert.Contains(t, out, "no request to StackOne's API", name)
		assert.Contains(t, out, "[input/not-a-request]", name)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := osReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, osWriteFile(path, []byte(content)), fmt.Sprint(path))
}

var (
	osReadFile  = os.ReadFile
	osWriteFile = func(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }
)

// TestWalkSkipsFilesWithoutRequests: a directory walk passes over scripts,
// Markdown and .http files that hold no StackOne request, silently.
func TestWalkSkipsFilesWithoutRequests(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	writeFile(t, dir+"/README.md", "# Project\n\n```sh\nmake test\n```\n")
	writeFile(t, dir+"/deploy.sh", "#!/bin/sh\ncurl -fsS https://example.com/health\n")
	writeFile(t, dir+"/other.http", "GET https://example.com/users\n")
	writeFile(t, dir+"/jobs.http", "GET https://api.stackone.com/unified/ats/jobs?page_size=50\nx-account-id: acc_1\n")
	out, errOut, code := atslint(t, "", "check", "--format", "json", dir)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"diagnostics": []`)
	assert.Contains(t, out, `"files": 1`)
}
