package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/atslint/atslint/rules"
)

// SARIF 2.1.0 output (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
// The types below are the subset atslint writes, in the order the spec
// lists the properties, so that the output is stable and readable.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// InformationURI is atslint's home page, named in SARIF output.
	InformationURI = "https://github.com/atslint/atslint"
	// SrcRoot is the uriBaseId of relative artifact URIs: the directory
	// atslint ran in, which in CI is the repository root.
	SrcRoot = "%SRCROOT%"
	// FingerprintKey names atslint's partialFingerprints entry. The version
	// suffix changes if the fingerprint's inputs ever change.
	FingerprintKey = "atslint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	HelpURI              string             `json:"helpUri"`
	Help                 sarifMessage       `json:"help"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags      []string `json:"tags"`
	Providers []string `json:"providers,omitempty"`
	Predicts  string   `json:"predicts,omitempty"`
	// SecuritySeverity ranks security rules in GitHub code scanning, which
	// reads it together with the "security" tag.
	SecuritySeverity string `json:"security-severity,omitempty"`
	// Fix is the safety of the rule's automatic fix ("safe", "unsafe").
	Fix string `json:"fix,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Locations []sarifLocation `json:"locations,omitempty"`
	Message   sarifMessage    `json:"message"`
	Level     string          `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          sarifResultProps  `json:"properties"`
}

// sarifFix is a result's fix (SARIF §3.55): byte regions of the file and
// their new text.
type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      sarifFixProps         `json:"properties"`
}

type sarifFixProps struct {
	Safety string `json:"safety"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifContent   `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// sarifFixes is a diagnostic's fix in SARIF terms, nil when it has none.
func sarifFixes(d Diagnostic) []sarifFix {
	if d.Fix == nil {
		return nil
	}
	ch := sarifArtifactChange{ArtifactLocation: artifact(d.File)}
	for _, e := range d.Fix.Edits {
		r := sarifReplacement{DeletedRegion: sarifByteRegion{ByteOffset: e.Span.Start.Offset, ByteLength: e.Span.End.Offset - e.Span.Start.Offset}}
		if e.Text != "" {
			r.InsertedContent = &sarifContent{Text: e.Text}
		}
		ch.Replacements = append(ch.Replacements, r)
	}
	return []sarifFix{{Description: sarifMessage{Text: sentence(capitalize(d.Fix.Description))},
		ArtifactChanges: []sarifArtifactChange{ch}, Properties: sarifFixProps{Safety: d.Fix.Safety.String()}}}
}

type sarifResultProps struct {
	Provider  string `json:"provider,omitempty"`
	Operation string `json:"operation,omitempty"`
	Pointer   string `json:"pointer,omitempty"`
	Request   int    `json:"request"`
	Predicts  string `json:"predicts,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// SARIF writes the report as a SARIF 2.1.0 log with one run. The driver
// lists every registered rule with its documentation; results point at
// their rule by ID and index, carry UTF-16 columns (SARIF's default
// columnKind) and a partial fingerprint that survives moved lines. Files
// that could not be read are tool execution notifications, and make the
// invocation unsuccessful.
func SARIF(w io.Writer, r *Report) error {
	all := rules.All()
	index := make(map[string]int, len(all))
	driver := sarifDriver{Name: "atslint", Version: sarifToolVersion(r.Version), InformationURI: InformationURI, Rules: []sarifRule{}}
	for i, rule := range all {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(rule))
	}
	run := sarifRun{
		Tool: sarifTool{Driver: driver},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{
			SrcRoot: {Description: &sarifMessage{Text: "The directory atslint ran in; file paths in results are relative to it."}},
		},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, fe := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact(fe.File)}}},
			Message:   sarifMessage{Text: sentence(fe.Message)},
			Level:     "error",
		})
	}
	run.Invocations = []sarifInvocation{inv}
	// Nothing is written for a report that cannot be written whole.
	for i := range r.Diagnostics {
		if _, ok := index[r.Diagnostics[i].Rule]; !ok {
			return fmt.Errorf("sarif: diagnostic of unregistered rule %q", r.Diagnostics[i].Rule)
		}
	}
	for _, f := range r.held {
		for i := range f.h.Len() {
			if _, ok := index[f.h.Rule(i)]; !ok {
				return fmt.Errorf("sarif: diagnostic of unregistered rule %q", f.h.Rule(i))
			}
		}
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	// The results are encoded one at a time as they are written.
	return streamArray(w, log, `"results"`, 4, func(emit func(any) error) error {
		var fps fingerprints
		for d := range r.All() {
			if err := emit(sarifResultOf(d, index[d.Rule], fps.next(d))); err != nil {
				return err
			}
		}
		return nil
	})
}

func sarifResultOf(d *Diagnostic, ruleIndex int, fp string) sarifResult {
	loc := sarifPhysicalLocation{ArtifactLocation: artifact(d.File), Region: region(*d)}
	return sarifResult{
		RuleID:              d.Rule,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(d.Severity),
		Message:             sarifMessage{Text: sentence(d.Message)},
		Locations:           []sarifLocation{{PhysicalLocation: loc}},
		PartialFingerprints: map[string]string{FingerprintKey: fp},
		Fixes:               sarifFixes(*d),
		Properties: sarifResultProps{Provider: d.Provider, Operation: d.Operation, Pointer: d.Pointer,
			Request: d.Request, Predicts: string(d.Predicts)},
	}
}

// fingerprints numbers the results that share a fingerprint (several
// failing constraints of one value), so that their fingerprints stay
// apart: the second is "fp:2". A fingerprint names its file, and the
// diagnostics of a file are together (Report.Finish sorts by file), so
// the counts of one file at a time are kept.
type fingerprints struct {
	file string
	seen map[[16]byte]int
}

func (f *fingerprints) next(d *Diagnostic) string {
	if f.seen == nil || d.File != f.file {
		f.file, f.seen = d.File, map[[16]byte]int{}
	}
	sum := fingerprintSum(d)
	f.seen[sum]++
	fp := hex.EncodeToString(sum[:])
	if n := f.seen[sum]; n > 1 {
		fp = fmt.Sprintf("%s:%d", fp, n)
	}
	return fp
}

// sarifToolVersion writes a Go module version the way SARIF consumers
// compare versions, starting with a number: v1.2.3 is 1.2.3, and a build
// with no module version ("(devel)") is 0.0.0-devel.
func sarifToolVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return "0.0.0-devel"
	}
	return v
}

func sarifRuleOf(r *rules.Rule) sarifRule {
	set := r.RuleSet()
	tags := []string{set}
	if r.SecuritySeverity != "" && set != "security" {
		tags = append(tags, "security")
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 ruleName(r.ID),
		ShortDescription:     sarifMessage{Text: sentence(capitalize(r.Doc.Title))},
		FullDescription:      sarifMessage{Text: sentence(r.Doc.Why)},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		HelpURI:              r.URL(),
		Help:                 ruleHelp(r),
		Properties: sarifRuleProps{Tags: tags, Providers: r.Providers, Predicts: string(r.Predicts), Fix: fixSafety(r.AutoFix),
			SecuritySeverity: r.SecuritySeverity},
	}
}

// ruleName is the rule's friendly name in SARIF's PascalCase convention:
// stackone/page-size is StackonePageSize.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, c := range id {
		switch {
		case c == '/' || c == '-':
			up = true
		case up && c >= 'a' && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
			up = false
		default:
			b.WriteRune(c)
			up = false
		}
	}
	return b.String()
}

// ruleHelp renders what docs/rules.md says about a rule: why, fix,
// examples, sources.
func ruleHelp(r *rules.Rule) sarifMessage {
	var t, m strings.Builder
	fmt.Fprintf(&t, "%s\n\nFix: %s\n", sentence(r.Doc.Why), sentence(r.Doc.Fix))
	fmt.Fprintf(&m, "%s\n\n**Fix:** %s\n", sentence(r.Doc.Why), sentence(r.Doc.Fix))
	if r.AutoFix != rules.NoFix {
		fmt.Fprintf(&t, "\n%s: %s\n", r.AutoFixLabel(), sentence(r.Doc.AutoFix))
		fmt.Fprintf(&m, "\n**%s:** %s\n", r.AutoFixLabel(), sentence(r.Doc.AutoFix))
	}
	if r.Doc.Bad != "" {
		fmt.Fprintf(&t, "\nBad:\n\n%s\n", indent(r.Doc.Bad))
		fmt.Fprintf(&m, "\nBad:\n\n```json\n%s\n```\n", strings.TrimSpace(r.Doc.Bad))
	}
	if r.Doc.Good != "" {
		fmt.Fprintf(&t, "\nGood:\n\n%s\n", indent(r.Doc.Good))
		fmt.Fprintf(&m, "\nGood:\n\n```json\n%s\n```\n", strings.TrimSpace(r.Doc.Good))
	}
	if len(r.Doc.Sources) > 0 {
		t.WriteString("\nSources:\n")
		m.WriteString("\nSources:\n\n")
		for _, s := range r.Doc.Sources {
			fmt.Fprintf(&t, "  - %s\n", s)
			fmt.Fprintf(&m, "- %s\n", s)
		}
	}
	fmt.Fprintf(&t, "\n%s\n", r.URL())
	fmt.Fprintf(&m, "\n[Full documentation](%s)\n", r.URL())
	return sarifMessage{Text: t.String(), Markdown: m.String()}
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence ends a message with a period, as SARIF asks of plain-text
// messages (a question or exclamation keeps its mark).
func sentence(s string) string {
	s = strings.TrimRight(s, " \n")
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	case rules.Info:
		return "note"
	}
	return "none"
}

// artifact is the artifactLocation of a file as named in the report: a
// relative path is a relative URI against SrcRoot, an absolute path a file
// URI.
func artifact(file string) sarifArtifactLoc {
	if strings.HasPrefix(file, "/") || hasDrive(file) {
		p := file
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		return sarifArtifactLoc{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	u := (&url.URL{Path: path.Clean(file)}).EscapedPath()
	return sarifArtifactLoc{URI: u, URIBaseID: SrcRoot}
}

// hasDrive reports a Windows path such as C:/x (paths are slash-separated
// by the time they reach a report).
func hasDrive(p string) bool {
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' &&
		(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

// region is the diagnostic's span in SARIF terms, nil when it has none.
// SARIF's endColumn is exclusive, like the engine's span end.
func region(d Diagnostic) *sarifRegion {
	s, e := d.Span.Start, d.Span.End
	if s.Line == 0 {
		return nil
	}
	rg := &sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: e.Line, EndColumn: e.Column}
	if d.Column16 > 0 {
		rg.StartColumn = d.Column16
	}
	if d.EndColumn16 > 0 {
		rg.EndColumn = d.EndColumn16
	}
	if rg.EndLine < rg.StartLine || rg.EndLine == rg.StartLine && rg.EndColumn < rg.StartColumn {
		rg.EndLine, rg.EndColumn = rg.StartLine, rg.StartColumn
	}
	return rg
}

// fingerprintSum identifies a finding across runs without its position:
// the rule, the file, the JSON Pointer of the offending value and the
// provider. It does not include the message or the value, so an alert
// stays the same alert while its wording or the value changes.
func fingerprintSum(d *Diagnostic) [16]byte {
	sum := sha256.Sum256([]byte(strings.Join([]string{d.Rule, d.File, d.Pointer, d.Provider}, "\x00")))
	return [16]byte(sum[:16])
}

// fixSafety names a fix's safety, "" for none.
func fixSafety(s rules.Safety) string {
	if s == rules.NoFix {
		return ""
	}
	return s.String()
}
