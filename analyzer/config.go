package analyzer

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"sync"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/schemas"
)

// state is what runs with the same settings share: validated flags, the
// catalogue, loaded configs and engines. go vet runs one package per
// process; atslint vet and tests run many, concurrently.
type state struct {
	opts    rules.Options // Provider, Providers (from flags) and Set
	hasList bool          // -providers was given
	configs sync.Map      // config path → *configState
	noCfg   *configState
}

var states sync.Map // Settings → *state, or error

// Validate checks settings before a run: known providers, a readable
// OpenAPI document and config. Drivers call it to report a usage error
// instead of one error per package.
func Validate(s Settings) error {
	_, err := stateFor(s)
	return err
}

func stateFor(s Settings) (*state, error) {
	if v, ok := states.Load(s); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*state), nil
	}
	st, err := newState(s)
	var v any = st
	if err != nil {
		v = err
	}
	v, _ = states.LoadOrStore(s, v)
	if err, bad := v.(error); bad {
		return nil, err
	}
	return v.(*state), nil
}

func newState(s Settings) (*state, error) {
	st := &state{}
	if s.Provider != "" {
		p, err := provider(s.Provider)
		if err != nil {
			return nil, fmt.Errorf("-provider: %v", err)
		}
		st.opts.Provider = p
	}
	if s.Providers != "" {
		st.hasList = true
		for _, name := range strings.Split(s.Providers, ",") {
			if strings.TrimSpace(name) == "" {
				continue
			}
			p, err := provider(name)
			if err != nil {
				return nil, fmt.Errorf("-providers: %v", err)
			}
			st.opts.Providers = append(st.opts.Providers, p)
		}
	}
	if s.OpenAPI != "" {
		set, err := schemas.ConvertFile(s.OpenAPI)
		if err != nil {
			return nil, fmt.Errorf("-openapi: %v", err)
		}
		st.opts.Set = set
	}
	if s.Config != "" {
		cs, err := st.config(s.Config)
		if err != nil {
			return nil, err
		}
		st.noCfg = cs // every package uses the named config
	}
	return st, nil
}

// provider normalises a provider name, or says which ones are known.
func provider(name string) (string, error) {
	p, ok := rules.NormalizeProvider(name)
	if !ok {
		return "", rules.UnknownProviderError(strings.TrimSpace(name))
	}
	return p, nil
}

// configState is one config file with the engines for its severity maps.
type configState struct {
	cfg     *config.Config
	engines *rules.Engines
}

// config loads (once) the config at path; "" is the empty config.
func (st *state) config(path string) (*configState, error) {
	if v, ok := st.configs.Load(path); ok {
		return v.(*configState), nil
	}
	cfg := &config.Config{}
	if path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return nil, err
		}
	}
	opts := st.opts
	opts.Accounts = cfg.Accounts
	if !st.hasList {
		opts.Providers = cfg.Providers
	}
	cs := &configState{cfg: cfg, engines: rules.NewEngines(opts)}
	v, _ := st.configs.LoadOrStore(path, cs)
	return v.(*configState), nil
}

// loadConfig finds the package's config (-config, or the nearest
// .atslint.yaml above the package directory) and notes which files its
// ignore globs exclude.
func (a *pkgRun) loadConfig() error {
	a.files = map[*token.File]*fileInfo{}
	dir := ""
	for _, f := range a.pass.Files {
		tf := a.pass.Fset.File(f.Pos())
		if tf == nil {
			continue
		}
		a.files[tf] = &fileInfo{ast: f, tok: tf, name: tf.Name()}
		if dir == "" {
			dir = filepath.Dir(tf.Name())
		}
	}
	cs := a.st.noCfg
	if cs == nil {
		path := ""
		if dir != "" {
			path = config.Find(dir)
		}
		var err error
		if cs, err = a.st.config(path); err != nil {
			return err
		}
	}
	a.cfg = cs
	for _, f := range a.pass.Files {
		fi := a.fileOf(f.Pos())
		if fi == nil {
			continue
		}
		a.order = append(a.order, fi)
		fi.ignored = cs.cfg.Path != "" && cs.cfg.Ignored(fi.name)
		if !fi.ignored {
			a.res.Files = append(a.res.Files, fi.name)
		}
	}
	return nil
}

// engine returns the engine for a file, with the config's severities for it.
func (a *pkgRun) engine(fi *fileInfo) *rules.Engine {
	return a.cfg.engines.For(a.cfg.cfg.Severities(fi.name))
}

// severity is a rule's effective severity in a file (Off when disabled or
// not registered).
func (a *pkgRun) severity(id string, fi *fileInfo) rules.Severity {
	if s, ok := a.cfg.cfg.Severities(fi.name)[id]; ok {
		return s
	}
	if r, ok := rules.Lookup(id); ok {
		return r.Severity
	}
	return rules.Off
}
