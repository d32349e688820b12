// Package golangci registers atslint's analyzer as a golangci-lint module
// plugin (https://golangci-lint.run/docs/plugins/module-plugins/). Build a
// golangci-lint that includes it with `golangci-lint custom` and a
// .custom-gcl.yml naming this package; see the README.
//
// Settings, from .golangci.yml (linters.settings.custom.atslint.settings),
// are the analyzer's flags:
//
//	provider: bullhorn            # -provider
//	providers: [lever, bullhorn]  # -providers
//	config: .atslint.yaml         # -config (default: found from each package upward)
//	openapi: specs/ats.json       # -openapi
package golangci

import (
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/atslint/atslint/analyzer"
)

// Name is the linter's name in golangci-lint's configuration.
const Name = "atslint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml. Unknown keys are an
// error, as in .atslint.yaml.
type Settings struct {
	// Provider is the provider of requests that name none and whose
	// account is not in the config.
	Provider string `json:"provider"`
	// Providers replace the config's providers list: requests with no
	// provider at all are checked against each.
	Providers []string `json:"providers"`
	// Config names the .atslint.yaml to use; relative paths are relative
	// to the directory golangci-lint runs in.
	Config string `json:"config"`
	// OpenAPI names a StackOne ATS OpenAPI document to check against
	// instead of the built-in catalogue.
	OpenAPI string `json:"openapi"`
}

// Plugin is the golangci-lint plugin: one analyzer with fixed settings.
type Plugin struct {
	analyzer *analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New is the constructor golangci-lint calls with the raw settings. The
// settings are checked here (unknown keys and providers, a config or
// OpenAPI file that cannot be read), so that a mistake stops golangci-lint
// at start-up instead of silently checking less.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, err
	}
	as := analyzer.Settings{
		Provider:  s.Provider,
		Providers: strings.Join(s.Providers, ","),
		Config:    s.Config,
		OpenAPI:   s.OpenAPI,
	}
	if err := analyzer.Validate(as); err != nil {
		return nil, err
	}
	return &Plugin{analyzer: analyzer.New(as)}, nil
}

// BuildAnalyzers returns atslint's analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer resolves calls to
// net/http, constants and struct types.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
