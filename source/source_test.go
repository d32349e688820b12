package source_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

const entry = `{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": [{"name": "x-account-id", "value": "a"}]}}`

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       *source.Format
	}{
		{"rec.har", "", source.HAR},
		{"x/Recording.HAR", "", source.HAR},
		{"export.json", ` {"log": {"entries": []}}`, source.HAR},
		{"-", "\xEF\xBB\xBF{\"log\": {", source.HAR},
		{"req.json", `{"method": "GET"}`, source.Document},
		{"req.txt", `{"lo`, source.Document},
		{"rec.har", `{"method": "GET"}`, source.HAR}, // the name claims it
	} {
		assert.Same(t, tc.want, source.Detect(tc.name, []byte(tc.head)), "%s %q", tc.name, tc.head)
	}
	assert.True(t, source.IsCandidate("a/b.json"))
	assert.True(t, source.IsCandidate("a/b.HAR"))
	assert.False(t, source.IsCandidate("a/b.go"))
	assert.False(t, source.IsCandidate("a/json"))
}

// TestReadBytesHAR: a HAR is read as one whether Detect sees it from its
// first bytes or only once parsed ("log" not first).
func TestReadBytesHAR(t *testing.T) {
	for _, data := range []string{
		`{"log": {"entries": [` + entry + `]}}`,
		"\xEF\xBB\xBF{\"log\": {\"entries\": [" + entry + "]}}",
		`{"comment": "log second", "log": {"entries": [` + entry + `]}}`,
	} {
		doc := source.ReadBytes("x.json", []byte(data), source.Limits{})
		require.Len(t, doc.Requests, 1, data)
		assert.Empty(t, doc.Problems)
		assert.Equal(t, "/log/entries/0/request", doc.Requests[0].Pointer)
	}
}

func TestTooLarge(t *testing.T) {
	res := source.CheckBytes(rules.New(rules.Options{}), "x.json", []byte(`{"method": "GET", "url": "/unified/ats/jobs"}`), source.Limits{MaxSize: 10})
	require.Len(t, res.Diagnostics, 1)
	assert.Equal(t, "input/too-large", res.Diagnostics[0].Rule)
	assert.Equal(t, "file is 45 bytes, over the 10 bytes limit (--max-size)", res.Diagnostics[0].Message)
	assert.Equal(t, "file is 1.5 KiB, over the 64.0 MiB limit (--max-size)", source.TooLarge(1536, source.Limits{}).Message)
}

// TestForeign: JSON that is none of the formats is marked, so that a
// directory walk can skip it; a broken or partly wrong request file is not.
func TestForeign(t *testing.T) {
	e := rules.New(rules.Options{})
	for data, foreign := range map[string]bool{
		`{"name": "my-app", "version": "1.0.0"}`: true,
		`["a", 1]`:                               true,
		`[]`:                                     true,
		`3`:                                      true,
		`{"log": {"version": "1.2"}}`:            true,
		`{"method": "GET", "url": "/unified/ats/jobs"}`:                  false,
		`[{"name": "x"}, {"method": "GET", "url": "/unified/ats/jobs"}]`: false,
		`{"method": "GET",`:                     false,
		`{"log": {"entries": [` + entry + `]}}`: false,
	} {
		res := source.CheckBytes(e, "x.json", []byte(data), source.Limits{})
		assert.Equal(t, foreign, res.Foreign, data)
		if foreign {
			assert.Equal(t, "input/not-a-request", res.Diagnostics[0].Rule, data)
			assert.Zero(t, res.Requests, data)
		}
	}
}
