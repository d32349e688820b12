package golangci

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"
)

// build runs the plugin as golangci-lint does: look the constructor up by
// name, construct with the raw settings, build the analyzers.
func build(t *testing.T, raw any) register.LinterPlugin {
	t.Helper()
	newPlugin, err := register.GetPlugin("atslint")
	require.NoError(t, err)
	p, err := newPlugin(raw)
	require.NoError(t, err)
	return p
}

func TestRegistered(t *testing.T) {
	p := build(t, nil) // no settings at all
	assert.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())
	as, err := p.BuildAnalyzers()
	require.NoError(t, err)
	require.Len(t, as, 1)
	assert.Equal(t, "atslint", as[0].Name)
	assert.NotNil(t, as[0].Run)
}

// The settings reach the analyzer: with provider smartrecruiters a
// SmartRecruiters rule fires; without settings the same request is clean.
func TestSettingsReachTheAnalyzer(t *testing.T) {
	// golangci-lint hands over the YAML settings as generic values.
	p := build(t, map[string]any{"provider": "SmartRecruiters"})
	as, err := p.BuildAnalyzers()
	require.NoError(t, err)
	analysistest.Run(t, analysistest.TestData(), as[0], "withprovider")

	as, err = build(t, map[string]any{}).BuildAnalyzers()
	require.NoError(t, err)
	analysistest.Run(t, analysistest.TestData(), as[0], "noprovider")
}

func TestSettingsDecoding(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), ".atslint.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("providers: [lever]\n"), 0o644))
	_, err := New(map[string]any{"provider": "bullhorn_ats", "providers": []any{"lever", "greenhouse"}, "config": cfg})
	assert.NoError(t, err)

	for _, tc := range []struct {
		raw  any
		want string
	}{
		{map[string]any{"provder": "lever"}, `decoding settings: json: unknown field "provder"`},
		{map[string]any{"provider": "levr"}, `unknown provider "levr" (did you mean "lever"?); known providers: ashby,`},
		{map[string]any{"providers": []any{"lever", "nope"}}, `unknown provider "nope"`},
		{map[string]any{"providers": "lever"}, `decoding settings: json: cannot unmarshal string`},
		{map[string]any{"config": filepath.Join(t.TempDir(), "missing.yaml")}, `config file not found`},
		{map[string]any{"openapi": filepath.Join(t.TempDir(), "missing.json")}, `missing.json`},
	} {
		_, err := New(tc.raw)
		require.Error(t, err, tc.raw)
		assert.Contains(t, err.Error(), tc.want, tc.raw)
	}
}

// The plugin's analyzer carries the suggested fixes that golangci-lint run
// --fix applies.
func TestSuggestedFixesPassThrough(t *testing.T) {
	as, err := build(t, nil).BuildAnalyzers()
	require.NoError(t, err)
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), as[0], "fixes")
}
