package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// appendIndented indents compact JSON as json.Indent does.
func TestAppendIndentedIsJSONIndent(t *testing.T) {
	for _, src := range []string{
		`{}`, `[]`, `""`, `1`, `null`,
		`{"a":1,"b":[],"c":{},"d":[1,{"e":"f"}],"g":"x,y:{[\"]}"}`,
		`[[[]],[{}],{"":""}]`,
		`{"rule":"stackone/unknown-field","message":"unknown field \"a\\\\\"; did you mean \"b\"?","span":{"start":{"line":1}}}`,
	} {
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			require.NoError(t, json.Indent(&want, []byte(src), prefix, "  "))
			assert.Equal(t, want.String(), string(appendIndented(nil, []byte(src), prefix, "  ")), "%s with prefix %q", src, prefix)
		}
	}
}

func FuzzAppendIndented(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\"d"}],"e":{}}`), "  ")
	f.Add([]byte(`[ "x" , {"y" : [ ] } ]`), "")
	f.Fuzz(func(t *testing.T, data []byte, prefix string) {
		if !json.Valid(data) {
			return
		}
		var compact, want bytes.Buffer
		require.NoError(t, json.Compact(&compact, data))
		require.NoError(t, json.Indent(&want, compact.Bytes(), prefix, "  "))
		if got := appendIndented(nil, compact.Bytes(), prefix, "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("appendIndented(%q) = %q, want %q", compact.Bytes(), got, want.Bytes())
		}
	})
}
