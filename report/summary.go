package report

import (
	"fmt"
	"strings"

	"github.com/atslint/atslint/rules"
)

// severityColor is the ANSI colour of each severity in ColorText: bold red,
// yellow and cyan, as compilers and linters colour them.
var severityColor = map[rules.Severity]string{
	rules.Error:   "\x1b[1;31m",
	rules.Warning: "\x1b[33m",
	rules.Info:    "\x1b[36m",
}

// SummaryLine is the last line of a text run with findings, written to
// stderr: "5 problems (3 errors, 2 warnings) in 2 files", with infos named
// only when there are some, and what --fix would fix (FixSummary) after a
// comma. "" when there is nothing to report. This is the
// one place the line is made; whatever it grows (fixable counts) goes here.
func SummaryLine(r *Report) string {
	n := r.Len()
	if n == 0 {
		return ""
	}
	files := map[string]bool{}
	for i := range r.Diagnostics {
		files[r.Diagnostics[i].File] = true
	}
	for _, f := range r.held {
		files[f.name] = true
	}
	parts := []string{count(r.Summary.Error, "error", "errors"), count(r.Summary.Warning, "warning", "warnings")}
	if r.Summary.Info > 0 {
		parts = append(parts, count(r.Summary.Info, "info", "infos"))
	}
	line := fmt.Sprintf("%s (%s) in %s", count(n, "problem", "problems"), strings.Join(parts, ", "), count(len(files), "file", "files"))
	if fix := FixSummary(r); fix != "" {
		line += ", " + fix
	}
	return line
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
