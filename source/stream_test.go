package source_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/internal/hargen"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
	"github.com/atslint/atslint/source/har"
)

// Checking a HAR recording as it is read (CheckStream, har.Options.Each)
// gives what checking its requests all at once gives, at any number of
// workers; the requests are handed over, not kept.
func TestCheckStreamHAR(t *testing.T) {
	files, err := filepath.Glob("../testdata/har/*.har")
	require.NoError(t, err)
	inputs := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		inputs[filepath.Base(f)] = data
	}
	var gen bytes.Buffer
	_, err = hargen.Write(&gen, hargen.Options{Entries: 400, BodySize: 300})
	require.NoError(t, err)
	inputs["generated"] = gen.Bytes()
	accounts := map[string]string{"acc_0": "smartrecruiters", "acc_1": "greenhouse", "acc_sr_01": "smartrecruiters", "acc_gh_01": "greenhouse"}
	for name, data := range inputs {
		rec, err := har.Read(bytes.NewReader(data), har.Options{})
		require.NoError(t, err)
		require.NotEmpty(t, rec.Requests, name)
		want := source.Check(rules.New(rules.Options{Accounts: accounts}), &rec.Document)
		for _, jobs := range []int{1, 3} {
			got, err := source.CheckStream(rules.New(rules.Options{Accounts: accounts, Jobs: jobs}), source.HAR, bytes.NewReader(data), source.Limits{})
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s at %d jobs", name, jobs)
		}
	}

	n := 0
	rec, err := har.Read(bytes.NewReader(gen.Bytes()), har.Options{Each: func(*request.Request) { n++ }})
	require.NoError(t, err)
	assert.Empty(t, rec.Requests)
	assert.Equal(t, 320, n) // every fifth entry is another host's
}

// An array document checked one request at a time (in memory, or streamed
// from a reader) gives what the whole-document check gives.
func TestCheckArrayStream(t *testing.T) {
	data := benchdata.Array(300)
	doc, err := request.ReadDocument(data, request.Options{})
	require.NoError(t, err)
	want := source.Check(rules.New(rules.Options{}), doc)
	require.Greater(t, len(want.Diagnostics), 300)
	for _, jobs := range []int{1, 4} {
		e := rules.New(rules.Options{Jobs: jobs})
		inMemory := source.CheckBytes(e, "a.json", data, source.Limits{})
		assert.Same(t, source.Document, inMemory.Format)
		inMemory.Format = nil // which reader read it is CheckBytes' to say
		assert.Equal(t, want, inMemory, "in memory, %d jobs", jobs)
		got, complete, err := source.CheckArrayStream(e, bytes.NewReader(data), source.Limits{})
		require.NoError(t, err)
		require.True(t, complete)
		assert.Equal(t, want, got, "streamed, %d jobs", jobs)
	}
	// A broken array is not streamed to the end: it is read whole instead.
	_, complete, err := source.CheckArrayStream(rules.New(rules.Options{}), strings.NewReader(string(data[:len(data)-3])+",]"), source.Limits{})
	require.NoError(t, err)
	assert.False(t, complete)
	assert.True(t, source.StartsArray([]byte("\xEF\xBB\xBF \n[")))
	assert.False(t, source.StartsArray([]byte(`{"a": [1]}`)))
}

// An array large enough to be parsed on the workers (elementsAbove) gives
// at any number of jobs, in memory and from a reader, what one job gives:
// requests, reader problems, ignore entries and file-wide rules alike;
// an element that the workers cannot read (too deep, invalid UTF-8) makes
// the file be read whole, as one job reads it.
func TestArrayParsedOnWorkers(t *testing.T) {
	settings, err := os.ReadFile("../testdata/redaction/settings.json")
	require.NoError(t, err)
	base := bytes.TrimSuffix(bytes.TrimSpace(benchdata.Array(400)), []byte("]"))
	odd := `3, {"a": 1}, {"url": "/x"}, {"method": "GET", "url": "/unified/ats/jobs", "hedaers": {}},
  {"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"},
   "x-atslint": {"ignore": [{"rule": "stackone/page-size", "reason": "capped"}]}}, ` + string(bytes.Trim(bytes.TrimSpace(settings), "[]"))
	foreign := "[" + strings.Repeat(`{"a": [1, 2, {"b": "c"}]}, `, 4000) + "{}]"
	inputs := map[string]string{
		"mixed":    string(base) + ",\n" + odd + "]\n",
		"oddFirst": "\xEF\xBB\xBF [" + odd + ",\n" + string(bytes.TrimPrefix(base, []byte("["))) + "]",
		"foreign":  foreign,
		"deep":     string(base) + ",\n" + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "]",
		"badUTF8":  string(base) + ",\n{\"method\": \"GET\", \"url\": \"/unified/ats/jobs\", \"body\": \"\xff\"}]",
		"broken":   string(base) + ",]",
	}
	limits := source.Limits{MaxDepth: 64}
	for name, in := range inputs {
		data := []byte(in)
		require.Greater(t, len(data), 64<<10, name)
		want := source.CheckBytes(rules.New(rules.Options{Jobs: 1}), "a.json", data, limits)
		require.NotEmpty(t, want.Diagnostics, name)
		wantStream, wantComplete, err := source.CheckArrayStream(rules.New(rules.Options{Jobs: 1}), bytes.NewReader(data), limits)
		require.NoError(t, err)
		for _, jobs := range []int{2, 3} {
			e := rules.New(rules.Options{Jobs: jobs})
			assert.Equal(t, want, source.CheckBytes(e, "a.json", data, limits), "%s in memory at %d jobs", name, jobs)
			got, complete, err := source.CheckArrayStream(e, bytes.NewReader(data), limits)
			require.NoError(t, err)
			assert.Equal(t, wantComplete, complete, "%s streamed at %d jobs", name, jobs)
			assert.Equal(t, wantStream, got, "%s streamed at %d jobs", name, jobs)
		}
		switch name {
		case "mixed", "oddFirst", "foreign":
			assert.True(t, wantComplete, name)
			wantStream.Format = source.Document
			assert.Equal(t, want, wantStream, name)
		default:
			assert.False(t, wantComplete, name)
		}
	}
}
