package analyzer

import (
	"strings"
	"testing"
)

// extractDocSplit is mustExtractDoc as first written (a split of the rest
// of the file): the definition the start-up version must match.
func extractDocSplit(content, name string) (string, bool) {
	_, rest, ok := strings.Cut(content, "// # Analyzer "+name+"\n")
	if !ok {
		return "", false
	}
	var lines []string
	for _, l := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(l, "//") || strings.HasPrefix(l, "// # ") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	return strings.CutPrefix(strings.TrimSpace(strings.Join(lines, "\n")), name+": ")
}

func TestExtractDoc(t *testing.T) {
	if !strings.HasPrefix(Analyzer.Doc, "report requests to StackOne's unified ATS API that will fail or lose data\n\nThe atslint analyzer") {
		t.Errorf("Analyzer.Doc = %q", Analyzer.Doc)
	}
	for _, content := range []string{
		doc,
		"// # Analyzer x\n//\n// x: one\n//\n//  two\n//\n// # Next\n// not this",
		"// # Analyzer x\n// x: at the end of the file",
		"// # Analyzer x\n// x: at the end of the file\n",
		"// # Analyzer x\n//\n//\n// x: a\n//   \n// b\npackage p\n// c",
	} {
		_, after, _ := strings.Cut(content, "// # Analyzer ")
		name, _, _ := strings.Cut(after, "\n")
		want, ok := extractDocSplit(content, name)
		if !ok {
			t.Fatalf("no section in %q", content)
		}
		if got := mustExtractDoc(content, name); got != want {
			t.Errorf("mustExtractDoc(%q) = %q, want %q", content, got, want)
		}
	}
}
