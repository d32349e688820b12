package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/atslint/atslint/rules"
)

func init() {
	register(&command{name: "rules", short: "list the rules (ID, severity, providers, title)", run: runRules})
}

func runRules(e *env, args []string) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "text", "output format: text or json")
	provider := fs.String("provider", "", "list only the rules that run for this provider (provider-independent rules included)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: atslint rules [--format text|json] [--provider NAME]\n\nLists every rule with its default severity, providers and title; 'atslint explain RULE' prints one in full.\n\nFlags:")
		fs.PrintDefaults()
	}
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "atslint rules: unexpected argument %q (to read one rule: atslint explain %s)\n", rest[0], rest[0])
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
	switch *format {
	case "text":
		err = rulesText(e.stdout, list)
	case "json":
		err = rulesJSON(e.stdout, list)
	default:
		fmt.Fprintf(e.stderr, "atslint: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: writing output: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func rulesText(w io.Writer, list []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tPROVIDERS\tTITLE")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.ProviderList(), r.Doc.Title)
	}
	return tw.Flush()
}

type jsonRule struct {
	ID        string   `json:"id"`
	Severity  string   `json:"severity"`
	Providers []string `json:"providers"`
	Predicts  string   `json:"predicts"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
}

func rulesJSON(w io.Writer, list []*rules.Rule) error {
	out := struct {
		Version int        `json:"version"`
		Rules   []jsonRule `json:"rules"`
	}{Version: 1, Rules: []jsonRule{}}
	for _, r := range list {
		ps := r.Providers
		if ps == nil {
			ps = []string{}
		}
		out.Rules = append(out.Rules, jsonRule{ID: r.ID, Severity: r.Severity.String(), Providers: ps,
			Predicts: string(r.Predicts), Title: r.Doc.Title, URL: r.URL()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
