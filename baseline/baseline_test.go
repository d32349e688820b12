package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/rules"
)

func d(file, rule, pointer, provider, hash string) report.Diagnostic {
	return report.Diagnostic{File: file, ValueHash: hash,
		Diagnostic: rules.Diagnostic{Rule: rule, Pointer: pointer, Provider: provider, Message: rule + " at " + pointer}}
}

func TestWriteIsSortedAndDeterministic(t *testing.T) {
	ds := []report.Diagnostic{
		d("b.json", "stackone/page-size", "/url", "", "11"),
		d("a.json", "stackone/unknown-field", "/body/x", "lever", "22"),
		d("a.json", "stackone/unknown-field", "/body/x", "", "22"),
		d("a.json", "input/syntax", "", "", ""),
	}
	var one, two bytes.Buffer
	require.NoError(t, New(".", ds).Write(&one))
	require.NoError(t, New(".", []report.Diagnostic{ds[3], ds[1], ds[0], ds[2]}).Write(&two))
	assert.Equal(t, one.String(), two.String())
	assert.Equal(t, `{
  "version": 1,
  "entries": [
    {
      "file": "a.json",
      "rule": "input/syntax",
      "pointer": "",
      "provider": "",
      "hash": "",
      "message": "input/syntax at "
    },
    {
      "file": "a.json",
      "rule": "stackone/unknown-field",
      "pointer": "/body/x",
      "provider": "",
      "hash": "22",
      "message": "stackone/unknown-field at /body/x"
    },
    {
      "file": "a.json",
      "rule": "stackone/unknown-field",
      "pointer": "/body/x",
      "provider": "lever",
      "hash": "22",
      "message": "stackone/unknown-field at /body/x"
    },
    {
      "file": "b.json",
      "rule": "stackone/page-size",
      "pointer": "/url",
      "provider": "",
      "hash": "11",
      "message": "stackone/page-size at /url"
    }
  ]
}
`, one.String())
	b, err := Parse(one.Bytes())
	require.NoError(t, err)
	assert.Len(t, b.Entries, 4)
}

func TestFilterMatchesEveryKeyPart(t *testing.T) {
	base := d("a.json", "stackone/page-size", "/0/url", "", "aa")
	b := New(".", []report.Diagnostic{base})
	for name, other := range map[string]report.Diagnostic{
		"file":     d("b.json", "stackone/page-size", "/0/url", "", "aa"),
		"rule":     d("a.json", "stackone/unknown-query-param", "/0/url", "", "aa"),
		"pointer":  d("a.json", "stackone/page-size", "/1/url", "", "aa"),
		"provider": d("a.json", "stackone/page-size", "/0/url", "lever", "aa"),
		"hash":     d("a.json", "stackone/page-size", "/0/url", "", "bb"),
	} {
		kept, matched := b.Filter([]report.Diagnostic{base, other})
		assert.Equal(t, 1, matched, name)
		assert.Equal(t, []report.Diagnostic{other}, kept, name)
	}
	// The message is not part of the key.
	reworded := base
	reworded.Message = "new wording"
	kept, matched := b.Filter([]report.Diagnostic{reworded})
	assert.Empty(t, kept)
	assert.Equal(t, 1, matched)
}

func TestFilterCountsDuplicates(t *testing.T) {
	x := d("a.json", "stackone/body-schema", "/body/email", "", "aa")
	b := New(".", []report.Diagnostic{x, x})
	kept, matched := b.Filter([]report.Diagnostic{x, x, x})
	assert.Equal(t, 2, matched)
	assert.Len(t, kept, 1, "a third occurrence is new")
}

func TestPathsRelativeToBaselineDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	b := New("sub", []report.Diagnostic{d("sub/x/a.json", "input/syntax", "", "", ""), d("other/b.json", "input/syntax", "", "", ""), d("<stdin>", "input/syntax", "", "", "")})
	var files []string
	for _, e := range b.Entries {
		files = append(files, e.File)
	}
	assert.Equal(t, []string{"../other/b.json", "<stdin>", "x/a.json"}, files)
	// Read from the baseline's own directory, the same entries match
	// paths relative to it.
	require.NoError(t, os.Mkdir("sub", 0o755))
	path := filepath.Join("sub", "b.json")
	_, err := WriteFile(path, []report.Diagnostic{d("sub/x/a.json", "input/syntax", "", "", "")})
	require.NoError(t, err)
	t.Chdir("sub")
	rb, err := Read("b.json")
	require.NoError(t, err)
	kept, matched := rb.Filter([]report.Diagnostic{d("x/a.json", "input/syntax", "", "", "")})
	assert.Empty(t, kept)
	assert.Equal(t, 1, matched)
}
