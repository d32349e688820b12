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
