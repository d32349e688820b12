//go:build tools

// Command gendocs writes docs/rules.md, docs/providers.md, the rule table of
// README.md and the config's JSON Schema (schemas/atslint-config.schema.json)
// from the rule registry. Run it with `go generate ./rules`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/rules"
)

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	if err := generate(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func generate(root string) error {
	all := rules.All()
	if err := os.WriteFile(filepath.Join(root, "docs", "rules.md"), rules.Markdown(all), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "docs", "providers.md"), rules.ProvidersMarkdown(), 0o644); err != nil {
		return err
	}
	readme := filepath.Join(root, "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	out, err := rules.SpliceReadme(data, all)
	if err != nil {
		return err
	}
	if err := os.WriteFile(readme, out, 0o644); err != nil {
		return err
	}
	// The config schema lists the rule IDs, so it changes with them.
	return os.WriteFile(filepath.Join(root, filepath.FromSlash(config.SchemaFile)), config.JSONSchema(), 0o644)
}
