package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/atslint/atslint/rules"
)

func init() {
	register(&command{name: "explain", short: "print a rule's documentation", run: runExplain})
}

func runExplain(e *env, args []string) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: atslint explain RULE...\n\nPrints each rule's documentation: why it matters, how to fix it, a bad and a good example request, and its sources. 'atslint rules' lists the rules.")
	}
	ids, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(ids) == 0 {
		fs.Usage()
		return exitUsage
	}
	// Check every ID first, so that a typo prints nothing but the error.
	var list []*rules.Rule
	for _, id := range ids {
		r, ok := rules.Lookup(id)
		if !ok {
			msg := fmt.Sprintf("atslint explain: unknown rule %q", id)
			if s, ok := rules.Suggest(id); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; run 'atslint rules' to list them"
			}
			fmt.Fprintln(e.stderr, msg)
			return exitUsage
		}
		list = append(list, r)
	}
	for i, r := range list {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprint(e.stdout, rules.Explain(r))
	}
	return exitOK
}
