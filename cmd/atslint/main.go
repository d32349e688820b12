// Command atslint checks requests to StackOne's unified ATS API before they
// are sent: request documents and HAR recordings (atslint check) and Go
// source (atslint vet, go vet -vettool).
package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	"golang.org/x/term"
)

// Exit codes (DESIGN.md §6).
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// A command is one subcommand. Each lives in its own file and registers
// itself, so adding one touches no other file.
type command struct {
	name  string
	short string
	run   func(env *env, args []string) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env is the process environment a command runs in; tests substitute it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dir            string // working directory for config discovery
	// getenv reads an environment variable; nil reads none (tests).
	getenv func(string) string
	// stdoutIsTerminal reports whether stdout is a terminal; nil: it is not.
	stdoutIsTerminal func() bool
}

func main() {
	paceGC(os.Getenv)
	dir, _ := os.Getwd()
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, dir: dir, getenv: os.Getenv,
		stdoutIsTerminal: func() bool { return term.IsTerminal(int(os.Stdout.Fd())) }}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(e, args[1:])
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(e.stdout)
		return exitOK
	case "help":
		// help CMD is CMD --help: the same text, on stdout, exit 0.
		if len(args) == 1 {
			usage(e.stdout)
			return exitOK
		}
		if c, ok := commands[args[1]]; ok {
			return c.run(e, []string{"--help"})
		}
		fmt.Fprintln(e.stderr, unknownCommand(args[1]))
		return exitUsage
	}
	if h := vettoolHook; h != nil {
		if code, handled := h(e, args); handled {
			return code
		}
	}
	fmt.Fprintln(e.stderr, unknownCommand(args[0]))
	return exitUsage
}

// vettoolHook lets the go vet front end claim invocations that are not
// subcommands (-V=full, -flags, a .cfg file).
var vettoolHook func(e *env, args []string) (int, bool)

func usage(w io.Writer) {
	fmt.Fprintln(w, "atslint finds requests to unified ATS APIs that will fail or lose data.")
	fmt.Fprintln(w, "\nUsage:\n\n\tatslint <command> [flags] [arguments]\n\nCommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\t%-10s %s\n", n, commands[n].short)
	}
	fmt.Fprintln(w, "\nRun 'atslint help <command>' (or 'atslint <command> --help') for a command's flags.")
}

// parseInterleaved parses flags that may come before or after positional
// arguments, as users of go vet and staticcheck expect.
func parseInterleaved(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
