package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/atslint/atslint/rules"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request:
//
//	::error file=notes/bad.json,line=7,col=5,endLine=7,endColumn=20,title=bullhorn/note-missing-author::message
//
// Errors are ::error, warnings ::warning and info ::notice. Columns count
// UTF-16 code units like SARIF's; GitHub takes columns only for a one-line
// range, so a span over several lines gives line and endLine alone. Files
// that could not be read are ::error lines titled "atslint".
// See https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands.
func GitHub(w io.Writer, r *Report) error {
	for _, fe := range r.Errors {
		if _, err := fmt.Fprintf(w, "::error file=%s,title=atslint::%s\n", escapeProperty(fe.File), escapeData(fe.Message)); err != nil {
			return err
		}
	}
	for d := range r.All() {
		var props []string
		props = append(props, "file="+escapeProperty(d.File))
		if rg := region(*d); rg != nil {
			props = append(props, fmt.Sprintf("line=%d", rg.StartLine))
			if rg.EndLine == rg.StartLine {
				props = append(props, fmt.Sprintf("col=%d", rg.StartColumn))
			}
			props = append(props, fmt.Sprintf("endLine=%d", rg.EndLine))
			if rg.EndLine == rg.StartLine {
				props = append(props, fmt.Sprintf("endColumn=%d", rg.EndColumn))
			}
		}
		props = append(props, "title="+escapeProperty(d.Tag()))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubCommand(d.Severity), strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

func githubCommand(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message, as the Actions runner
// unescapes it (actions/toolkit, packages/core/src/command.ts).
var escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// escapeProperty escapes a workflow command property value: also ':' and
// ',', which delimit properties.
var escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
