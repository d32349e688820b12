package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/atslint/atslint/config"
)

func init() {
	register(&command{name: "config", short: "print the resolved configuration (.atslint.yaml) in force here", run: runConfig})
}

const configSynopsis = `usage: atslint config [flags]

Prints the configuration in force in the working directory: which file it
comes from (the .atslint.yaml of the working directory or a parent, or
--config), with provider names normalised and defaults filled in. The output
is itself a valid .atslint.yaml.`

func runConfig(e *env, args []string) int {
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	configPath := fs.String("config", "", "config file (default: .atslint.yaml in the working directory or a parent)")
	rest, code, done := e.parseFlags(fs, configSynopsis, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "atslint config: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	cfg, err := loadConfig(e.dir, *configPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}
	if err := writeConfig(e.stdout, cfg); err != nil {
		fmt.Fprintf(e.stderr, "atslint: writing output: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func writeConfig(w io.Writer, cfg *config.Config) error {
	if cfg.Path == "" {
		fmt.Fprintln(w, "# no .atslint.yaml found here or in a parent directory: defaults in force")
	} else {
		fmt.Fprintf(w, "# from %s\n", cfg.Path)
	}
	data, err := cfg.Resolved()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// loadConfig loads the config named by --config, or the one found from
// dir; the zero config when there is none.
func loadConfig(dir, path string) (*config.Config, error) {
	if path == "" {
		path = config.Find(dir)
	}
	if path == "" {
		return &config.Config{}, nil
	}
	return config.Load(path)
}

// absIn resolves a path given on the command line against dir.
func absIn(dir, path string) string {
	if filepath.IsAbs(path) || dir == "" {
		return path
	}
	return filepath.Join(dir, path)
}
