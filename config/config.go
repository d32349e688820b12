// Package config reads .atslint.yaml (DESIGN.md §7). Unknown keys, rule IDs
// and providers are errors that name the file and line: a typo in a config
// must not silently turn a check off.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/rules"
)

// Keys are the top-level keys of a config, in the order of DESIGN.md §7;
// OverrideKeys those of an override. schemas/atslint-config.schema.json
// declares exactly these (TestSchemaMatchesReader).
var (
	Keys         = []string{"providers", "accounts", "fail_on", "rules", "ignore", "overrides"}
	OverrideKeys = []string{"files", "rules"}
)

// FileNames are the names searched for, in order.
var FileNames = []string{".atslint.yaml", ".atslint.yml"}

// Config is a parsed .atslint.yaml.
type Config struct {
	// Path is the file the config was read from ("" for the zero config).
	Path      string
	Providers []string
	Accounts  map[string]string
	// FailOn is the configured fail_on severity, Off when unset.
	FailOn    rules.Severity
	Rules     map[string]rules.Severity
	Ignore    []string
	Overrides []Override
}

// Override changes rule severities for files matching its globs.
type Override struct {
	Files []string
	Rules map[string]rules.Severity
}

// Error is a config error at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Find looks for a config file in dir and its parents. It returns "" when
// there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, n := range FileNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and parses the config at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: path, Msg: "config file not found"}
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return Parse(path, data)
}

// Parse parses config data; name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{Path: name}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // an empty file is the zero config
		}
		return nil, &Error{File: name, Line: yamlErrorLine(err), Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, c.errf(root, "config must be a mapping of keys (%s)", strings.Join(Keys, ", "))
	}
	if err := c.checkKeys(root); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "providers":
			c.Providers, err = c.providerList(v)
		case "accounts":
			c.Accounts, err = c.accounts(v)
		case "fail_on":
			c.FailOn, err = c.severity(v, false)
		case "rules":
			c.Rules, err = c.ruleMap(v)
		case "ignore":
			c.Ignore, err = c.globs(v, "ignore")
		case "overrides":
			c.Overrides, err = c.overrides(v)
		default:
			err = c.errf(k, "unknown key %q%s (want providers, accounts, fail_on, rules, ignore or overrides)", k.Value,
				suggest(k.Value, Keys))
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func yamlErrorLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); e == nil {
		return line
	}
	return 0
}

func (c *Config) errf(n *yaml.Node, format string, args ...any) error {
	return &Error{File: c.Path, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

// checkKeys rejects mapping keys that are not plain strings and keys given
// twice: YAML keeps the last of two, which would silently drop the first
// setting.
func (c *Config) checkKeys(m *yaml.Node) error {
	first := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			return c.errf(k, "keys must be strings")
		}
		if line, dup := first[k.Value]; dup {
			return c.errf(k, "duplicate key %q (first at line %d)", k.Value, line)
		}
		first[k.Value] = k.Line
	}
	return nil
}

func (c *Config) strings(v *yaml.Node, key string) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, c.errf(v, "%s must be a list", key)
	}
	var out []string
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode {
			return nil, c.errf(e, "%s entries must be strings", key)
		}
		out = append(out, e.Value)
	}
	return out, nil
}

// globs reads a list of glob patterns, each checked now: a pattern that
// cannot match (an unclosed [ or {) would otherwise silently match nothing.
func (c *Config) globs(v *yaml.Node, key string) ([]string, error) {
	out, err := c.strings(v, key)
	if err != nil {
		return nil, err
	}
	for i, g := range out {
		if g == "" || !doublestar.ValidatePattern(globPattern(g)) {
			return nil, c.errf(v.Content[i], "invalid glob %q in %s (syntax: * ? [abc] {a,b} and ** for any number of directories)", g, key)
		}
	}
	return out, nil
}

func (c *Config) provider(n *yaml.Node) (string, error) {
	p, ok := rules.NormalizeProvider(n.Value)
	if !ok || n.Kind != yaml.ScalarNode {
		return "", c.errf(n, "%v", rules.UnknownProviderError(n.Value))
	}
	return p, nil
}

func (c *Config) providerList(v *yaml.Node) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, c.errf(v, "providers must be a list")
	}
	var out []string
	for _, e := range v.Content {
		p, err := c.provider(e)
		if err != nil {
			return nil, err
		}
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (c *Config) accounts(v *yaml.Node) (map[string]string, error) {
	if v.Kind != yaml.MappingNode {
		return nil, c.errf(v, "accounts must map x-account-id values to providers")
	}
	if err := c.checkKeys(v); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		p, err := c.provider(v.Content[i+1])
		if err != nil {
			return nil, err
		}
		out[v.Content[i].Value] = p
	}
	return out, nil
}

func (c *Config) severity(v *yaml.Node, allowOff bool) (rules.Severity, error) {
	s, err := rules.ParseSeverity(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil || (!allowOff && s == rules.Off) {
		want := "info, warning or error"
		if allowOff {
			want = "off, info, warning or error"
		}
		return rules.Off, c.errf(v, "invalid severity %q (want %s)", v.Value, want)
	}
	return s, nil
}

func (c *Config) ruleMap(v *yaml.Node) (map[string]rules.Severity, error) {
	if v.Kind != yaml.MappingNode {
		return nil, c.errf(v, "rules must map rule IDs to off, info, warning or error")
	}
	if err := c.checkKeys(v); err != nil {
		return nil, err
	}
	out := map[string]rules.Severity{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		if _, ok := rules.Lookup(k.Value); !ok {
			var ids []string
			for _, r := range rules.All() {
				ids = append(ids, r.ID)
			}
			return nil, c.errf(k, "unknown rule %q%s (atslint rules lists them)", k.Value, suggest(k.Value, ids))
		}
		s, err := c.severity(v.Content[i+1], true)
		if err != nil {
			return nil, err
		}
		out[k.Value] = s
	}
	return out, nil
}

func (c *Config) overrides(v *yaml.Node) ([]Override, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, c.errf(v, "overrides must be a list of {files, rules}")
	}
	var out []Override
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			return nil, c.errf(e, "an override must be a mapping with files and rules")
		}
		if err := c.checkKeys(e); err != nil {
			return nil, err
		}
		var o Override
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, val := e.Content[i], e.Content[i+1]
			var err error
			switch k.Value {
			case "files":
				o.Files, err = c.globs(val, "files")
			case "rules":
				o.Rules, err = c.ruleMap(val)
			default:
				err = c.errf(k, "unknown key %q in override%s (want files or rules)", k.Value, suggest(k.Value, OverrideKeys))
			}
			if err != nil {
				return nil, err
			}
		}
		if len(o.Files) == 0 {
			return nil, c.errf(e, "override has no files")
		}
		out = append(out, o)
	}
	return out, nil
}

// Dir is the directory globs are relative to.
func (c *Config) Dir() string {
	if c.Path == "" {
		return "."
	}
	return filepath.Dir(c.Path)
}

// rel makes file relative to the config's directory, slash-separated.
func (c *Config) rel(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	dir, err := filepath.Abs(c.Dir())
	if err != nil {
		return filepath.ToSlash(file)
	}
	r, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(r)
}

// Ignored reports whether a file matches an ignore glob.
func (c *Config) Ignored(file string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	r := c.rel(file)
	for _, g := range c.Ignore {
		if MatchGlob(g, r) {
			return true
		}
	}
	return false
}

// IgnoredDir reports whether a directory matches an ignore glob, so that
// a walk need not enter it.
func (c *Config) IgnoredDir(dir string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	r := c.rel(dir)
	for _, g := range c.Ignore {
		if MatchGlob(strings.TrimSuffix(g, "/"), r) {
			return true
		}
	}
	return false
}

// Severities returns the rule severities for a file: rules, then every
// matching override in order.
func (c *Config) Severities(file string) map[string]rules.Severity {
	if c == nil {
		return nil
	}
	out := map[string]rules.Severity{}
	for k, v := range c.Rules {
		out[k] = v
	}
	if len(c.Overrides) > 0 && file != "" {
		r := c.rel(file)
		for _, o := range c.Overrides {
			for _, g := range o.Files {
				if MatchGlob(g, r) {
					for k, v := range o.Rules {
						out[k] = v
					}
					break
				}
			}
		}
	}
	return out
}

// MatchGlob matches a slash-separated path, relative to the config's
// directory, against a glob in doublestar syntax (* ? [abc] {a,b}, and **
// for any number of directories), with .gitignore's meaning for names: a
// pattern with no slash but a trailing one matches at any depth, a pattern
// that names a directory matches every file under it, and a trailing slash
// matches directories only.
func MatchGlob(pattern, name string) bool {
	p := globPattern(pattern)
	dirOnly := strings.HasSuffix(p, "/")
	p = strings.TrimSuffix(p, "/")
	if !dirOnly && doublestar.MatchUnvalidated(p, name) {
		return true
	}
	// A matching directory takes everything below it.
	for i := 0; i < len(name); i++ {
		if name[i] == '/' && doublestar.MatchUnvalidated(p, name[:i]) {
			return true
		}
	}
	return false
}

// globPattern is the doublestar pattern a config glob stands for: "./" and
// a leading "/" anchor it to the config's directory (as any slash inside
// it does); a pattern without a slash matches at any depth.
func globPattern(g string) string {
	g = strings.TrimPrefix(g, "./")
	anchored := strings.Contains(strings.TrimSuffix(g, "/"), "/")
	g = strings.TrimPrefix(g, "/")
	if !anchored && !strings.HasPrefix(g, "**/") {
		g = "**/" + g
	}
	return g
}

// Resolved returns the config as YAML with every key present, providers
// normalised and fail_on's default filled in: what atslint runs with. It is
// itself a valid config.
func (c *Config) Resolved() ([]byte, error) {
	type override struct {
		Files []string          `yaml:"files"`
		Rules map[string]string `yaml:"rules"`
	}
	out := struct {
		Providers []string          `yaml:"providers"`
		Accounts  map[string]string `yaml:"accounts"`
		FailOn    string            `yaml:"fail_on"`
		Rules     map[string]string `yaml:"rules"`
		Ignore    []string          `yaml:"ignore"`
		Overrides []override        `yaml:"overrides"`
	}{Providers: c.Providers, Accounts: c.Accounts, FailOn: rules.Error.String(), Rules: severityNames(c.Rules),
		Ignore: c.Ignore, Overrides: []override{}}
	if out.Providers == nil {
		out.Providers = []string{}
	}
	if out.Accounts == nil {
		out.Accounts = map[string]string{}
	}
	if out.Ignore == nil {
		out.Ignore = []string{}
	}
	if c.FailOn != rules.Off {
		out.FailOn = c.FailOn.String()
	}
	for _, o := range c.Overrides {
		out.Overrides = append(out.Overrides, override{Files: o.Files, Rules: severityNames(o.Rules)})
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

func severityNames(m map[string]rules.Severity) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v.String()
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// suggest returns `; did you mean "x"?` for the closest candidate, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if d := textdist.Levenshtein(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" && bestD <= max(2, len(s)/4) {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
