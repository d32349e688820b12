package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/atslint/atslint/rules"
)

func init() {
	register(&command{name: "rules", short: "list the rules (ID, severity, providers, title)", run: runRules})
}

const rulesSynopsis = `usage: atslint rules [flags]

Lists every rule with the severity in force here (the .atslint.yaml of the
working directory or a parent, or --config; off when the config turns it off),
its providers and title. A severity that differs from the rule's default names
the default. 'atslint explain RULE' prints one rule in full.`

func runRules(e *env, args []string) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	provider := fs.String("provider", "", "list only the rules that run for this provider (provider-independent rules included)")
	configPath := fs.String("config", "", "config file (default: .atslint.yaml in the working directory or a parent)")
	file := fs.String("for", "", "show the severities in force for this `FILE`, with the config's overrides for it")
	rest, code, done := e.parseFlags(fs, rulesSynopsis, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "atslint rules: unexpected argument %q (to read one rule: atslint explain %s)\n", rest[0], rest[0])
		return exitUsage
	}
	cfg, err := loadConfig(e.dir, *configPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}
	list := rules.All()
	if *provider != "" {
		p, ok := rules.NormalizeProvider(*provider)
		if !ok {
			fmt.Fprintf(e.stderr, "atslint: %v\n", rules.UnknownProviderError(*provider))
			return exitUsage
		}
		var kept []*rules.Rule
		for _, r := range list {
			if len(r.Providers) == 0 || r.AppliesTo(p) {
				kept = append(kept, r)
			}
		}
		list = kept
	}
	target := ""
	if *file != "" {
		target = absIn(e.dir, *file)
	}
	sev := cfg.Severities(target)
	switch *format {
	case "text":
		err = rulesText(e.stdout, list, sev)
	case "json":
		err = rulesJSON(e.stdout, list, sev)
	default:
		fmt.Fprintf(e.stderr, "atslint: %v\n", unknownFormat(*format, []string{"json", "text"}))
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: writing output: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// inForce is a rule's severity under a config's severities.
func inForce(r *rules.Rule, sev map[string]rules.Severity) rules.Severity {
	if s, ok := sev[r.ID]; ok {
		return s
	}
	return r.Severity
}

func rulesText(w io.Writer, list []*rules.Rule, sev map[string]rules.Severity) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tPROVIDERS\tTITLE")
	for _, r := range list {
		s := inForce(r, sev).String()
		if inForce(r, sev) != r.Severity {
			s += " (default " + r.Severity.String() + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, s, r.ProviderList(), r.Doc.Title)
	}
	return tw.Flush()
}

type jsonRule struct {
	ID       string `json:"id"`
	Severity string `json:"severity"` // in force under the config
	// Default is the rule's own severity.
	Default   string   `json:"default_severity"`
	Providers []string `json:"providers"`
	Predicts  string   `json:"predicts"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
}

func rulesJSON(w io.Writer, list []*rules.Rule, sev map[string]rules.Severity) error {
	out := struct {
		Version int        `json:"version"`
		Rules   []jsonRule `json:"rules"`
	}{Version: 1, Rules: []jsonRule{}}
	for _, r := range list {
		ps := r.Providers
		if ps == nil {
			ps = []string{}
		}
		out.Rules = append(out.Rules, jsonRule{ID: r.ID, Severity: inForce(r, sev).String(), Default: r.Severity.String(), Providers: ps,
			Predicts: string(r.Predicts), Title: r.Doc.Title, URL: r.URL()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
