package main

import (
	"flag"
	"fmt"

	"github.com/atslint/atslint/rules"
)

func init() {
	register(&command{name: "explain", short: "print a rule's documentation", run: runExplain})
}

const explainSynopsis = `usage: atslint explain RULE...

Prints each rule's documentation: why it matters, how to fix it, a bad and a
good example request, the rules it supersedes, and its sources. 'atslint
rules' lists the rules.`

func runExplain(e *env, args []string) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	ids, code, done := e.parseFlags(fs, explainSynopsis, args)
	if done {
		return code
	}
	if len(ids) == 0 {
		fmt.Fprintln(e.stderr, "atslint explain: name a rule, e.g. atslint explain stackone/page-size; 'atslint rules' lists them")
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
