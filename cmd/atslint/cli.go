package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/rules"
)

// parseFlags parses a command's flags the same way for every command:
// -h/--help prints the command's usage to stdout (exit 0); a bad flag is
// one line on stderr naming the nearest flag, with a pointer to the help,
// not a dump of every flag (exit 2). done reports that the command must
// return code now.
func (e *env) parseFlags(fs *flag.FlagSet, synopsis string, args []string) (pos []string, code int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	pos, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(e.stdout, synopsis, fs)
		return nil, exitOK, true
	case err != nil:
		fmt.Fprintf(e.stderr, "atslint %s: %s\nRun 'atslint help %s' for usage.\n", fs.Name(), flagError(fs, err), fs.Name())
		return nil, exitUsage, true
	}
	return pos, exitOK, false
}

// printUsage writes a command's synopsis and its flags, spelt as the README
// spells them: --name (and -x for one-letter flags).
func printUsage(w io.Writer, synopsis string, fs *flag.FlagSet) {
	fmt.Fprintln(w, strings.TrimRight(synopsis, "\n"))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		arg, help := flag.UnquoteUsage(f)
		line := "  " + flagName(f.Name)
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(help, "(default") {
			if arg == "string" {
				help += fmt.Sprintf(" (default %q)", f.DefValue)
			} else if f.Name != "j" { // -j's default is the machine's CPU count
				help += fmt.Sprintf(" (default %s)", f.DefValue)
			}
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, help)
	})
}

// flagName spells a flag the way users type it.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagError rewrites the flag package's errors with --flag spelling and, for
// an unknown flag, the nearest known one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		out := "unknown flag " + flagName(name)
		if c, ok := textdist.Closest(name, names, max(2, len(name)/3)); ok {
			out += "; did you mean " + flagName(c) + "?"
		}
		return out
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "flag " + flagName(strings.TrimLeft(name, "-")) + " needs a value"
	}
	// invalid value "x" for flag -j: parse error
	if i := strings.Index(msg, " for flag -"); i >= 0 {
		rest := msg[i+len(" for flag -"):]
		name, tail, _ := strings.Cut(rest, ":")
		return msg[:i] + " for flag " + flagName(name) + ":" + tail
	}
	return msg
}

// unknownCommand is the message for a command that does not exist.
func unknownCommand(name string) string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	msg := fmt.Sprintf("atslint: unknown command %q", name)
	if c, ok := textdist.Closest(name, names, max(2, len(name)/3)); ok {
		msg += fmt.Sprintf("; did you mean %q?", c)
	}
	return msg + "\nRun 'atslint help' for the list of commands."
}

// parseFailOn reads a --fail-on value; "warn" is accepted for "warning", as
// other linters spell it.
func parseFailOn(s string) (rules.Severity, error) {
	sev, err := rules.ParseSeverity(s)
	if err == nil && sev != rules.Off {
		return sev, nil
	}
	msg := fmt.Sprintf("invalid --fail-on %q", s)
	if c, ok := textdist.Closest(s, []string{"error", "warning", "info"}, 2); ok {
		msg += fmt.Sprintf("; did you mean %q?", c)
	}
	return rules.Off, errors.New(msg + " (want error, warning or info)")
}

// unknownFormat is the error for a --format value no writer has.
func unknownFormat(name string, known []string) error {
	msg := fmt.Sprintf("unknown format %q", name)
	if c, ok := textdist.Closest(name, known, 2); ok {
		msg += fmt.Sprintf("; did you mean %q?", c)
	}
	return errors.New(msg + " (want " + strings.Join(known, ", ") + ")")
}

// newFlagSet returns an empty flag set for a command; parseFlags reports
// its errors.
func newFlagSet(name string) *flag.FlagSet {
	return flag.NewFlagSet(name, flag.ContinueOnError)
}

// colorModes are the values of --color.
var colorModes = []string{"auto", "always", "never"}

// useColor decides whether text output is coloured: --color=always or
// never, or with auto (the default) when stdout is a terminal and NO_COLOR
// is unset or empty (https://no-color.org: an explicit flag overrides it).
func (e *env) useColor(mode, output string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if output != "" || e.stdoutIsTerminal == nil || !e.stdoutIsTerminal() {
			return false, nil
		}
		return e.getenv == nil || e.getenv("NO_COLOR") == "", nil
	}
	msg := fmt.Sprintf("invalid --color %q", mode)
	if c, ok := textdist.Closest(mode, colorModes, 2); ok {
		msg += fmt.Sprintf("; did you mean %q?", c)
	}
	return false, errors.New(msg + " (want auto, always or never)")
}
