package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// Items 16 and 17: the README's integration snippets pin what exists and
// use the current majors of GitHub's actions, and the action snippet only
// passes inputs that action.yml declares.
func TestReadmeSnippets(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	action, err := os.ReadFile("../../action.yml")
	require.NoError(t, err)
	text := string(readme)

	// No tag has been released: no snippet may pin one.
	assert.NotRegexp(t, `\bv0\.1\.0\b`, text)
	assert.Contains(t, text, "### Pinning a version")

	current := map[string]string{"actions/checkout": "v6", "actions/setup-go": "v6", "github/codeql-action/upload-sarif": "v4"}
	uses := regexp.MustCompile(`uses: ([\w./-]+)@(\S+)`)
	for _, src := range []string{text, string(action)} {
		for _, m := range uses.FindAllStringSubmatch(src, -1) {
			if want, ok := current[m[1]]; ok {
				assert.Equal(t, want, m[2], m[0])
			}
		}
	}
	assert.Contains(t, text, "uses: actions/checkout@v6")
	assert.Contains(t, text, "uses: github/codeql-action/upload-sarif@v4")

	var a struct {
		Inputs map[string]any `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal(action, &a))
	assert.Equal(t, "composite", a.Runs.Using)
	for _, in := range []string{"paths", "format", "fail-on", "sarif"} {
		assert.Contains(t, a.Inputs, in)
	}
	// The README's use of the action passes declared inputs only.
	i := strings.Index(text, "uses: atslint/atslint@")
	require.GreaterOrEqual(t, i, 0)
	block := text[i:]
	block = block[strings.Index(block, "with:")+len("with:"):]
	for _, line := range strings.Split(block, "\n")[1:] {
		key, _, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(line, "          ") {
			break
		}
		assert.Contains(t, a.Inputs, key, "README passes an input action.yml lacks")
	}
}
