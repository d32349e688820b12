// Package rules holds the atslint engine: the rule registry, the matching of
// a Request to its catalogue operation, provider resolution and the checks.
// It knows nothing of files, HAR or Go source: front ends hand it Requests
// and map the Diagnostics' spans back to their own positions.
package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/request"
)

// Severity of a diagnostic. The zero value is Off, so a rule or override
// that says nothing is not silently an error.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{"off", "info", "warning", "error"}

func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads "off", "info", "warning" (or "warn", as other linters
// spell it) or "error".
func ParseSeverity(s string) (Severity, error) {
	if strings.EqualFold(s, "warn") {
		return Warning, nil
	}
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Doc is a rule's documentation. It is the single source for `atslint
// explain`, `atslint rules`, docs/rules.md and SARIF rule metadata.
type Doc struct {
	// Title is one line, lowercase start allowed, no trailing period.
	Title string
	// Why explains what goes wrong and what the API or provider does.
	Why string
	// Fix says how to change the request.
	Fix string
	// AutoFix says what `atslint check --fix` changes, for a rule with an
	// AutoFix; "" for the others.
	AutoFix string
	// Bad is a request document (JSON) that triggers the rule; Good is the
	// fixed request, which must not. Rules that need several requests
	// (rates) may use a JSON array.
	Bad, Good string
	// Sources cite the public facts the rule rests on.
	Sources []string
}

// Rule is one check with a stable ID.
type Rule struct {
	// ID is "ruleset/kebab-name"; it never changes once released.
	ID       string
	Severity Severity
	// Providers the rule applies to; empty for provider-independent rules.
	Providers []string
	// Predicts is the HTTP outcome the rule predicts ("400", "4xx",
	// "silent"…).
	Predicts Outcome
	// Inputs are the kinds of input the rule applies to; zero means all.
	// A rule about what is written in files (a literal credential) leaves
	// out live requests, which carry the real values by design.
	Inputs Inputs
	Doc    Doc
	// Supersedes lists generic rules that this rule explains more precisely:
	// where both report the same text of a request, only this one is
	// reported (see supersede).
	Supersedes []string
	// SecuritySeverity, for a rule about a security weakness, is its score
	// from 0.1 to 10.0 as GitHub code scanning ranks them (9.0 and up
	// critical, 7.0 high, 4.0 medium, below low); "" for other rules.
	SecuritySeverity string
	// AutoFix is the safety of the fix the rule attaches to its
	// diagnostics when it can (Doc.AutoFix says what it does); NoFix for
	// a rule that has none.
	AutoFix Safety

	// Check runs once per request (and per provider, for provider rules).
	Check func(*Pass)
	// Records makes a cross-request rule (rates, repeated calls): it returns
	// the rule's empty state for one run (a file, or a preflight
	// transport), which then sees the Record of every request in order.
	Records func() RecordCheck
}

// Inputs is a set of kinds of input (request.Input).
type Inputs uint8

const (
	SourceFiles  = Inputs(1 << request.SourceFile)
	Recordings   = Inputs(1 << request.Recording)
	LiveRequests = Inputs(1 << request.Live)
	AllInputs    = SourceFiles | Recordings | LiveRequests
)

// Has reports whether the set holds in; the zero set holds every input.
func (s Inputs) Has(in request.Input) bool { return s == 0 || s&(1<<in) != 0 }

// String lists the kinds: "source files, recordings".
func (s Inputs) String() string {
	var names []string
	for in := request.SourceFile; in <= request.Live; in++ {
		if s.Has(in) {
			names = append(names, in.String())
		}
	}
	return strings.Join(names, ", ")
}

// RuleSet is the part of the ID before the slash ("stackone", "bullhorn").
func (r *Rule) RuleSet() string {
	set, _, _ := strings.Cut(r.ID, "/")
	return set
}

// AppliesTo reports whether the rule runs for provider ("" = no provider).
func (r *Rule) AppliesTo(provider string) bool {
	if len(r.Providers) == 0 {
		return provider == ""
	}
	for _, p := range r.Providers {
		if p == provider {
			return true
		}
	}
	return false
}

// registry holds the registered rules. Only the list is kept when rules are
// registered (package init, on every start-up); the index by ID and the
// sorted list are made when first asked for (issue 12).
var registry struct {
	sync.Mutex
	list   []*Rule          // in registration order
	byID   map[string]*Rule // nil until the first Lookup
	sorted []*Rule          // nil until the first All after a Register
}

// Register adds rules to the registry. It panics on a malformed ID, and on
// a duplicate ID when the registry is next used (All or Lookup) or at once
// if it has been: that is a programming error caught by any test.
func Register(rs ...*Rule) {
	registry.Lock()
	defer registry.Unlock()
	for _, r := range rs {
		if !validID(r.ID) {
			panic("rules: malformed rule ID " + r.ID)
		}
	}
	if registry.list == nil {
		registry.list = make([]*Rule, 0, 128) // the built-in rules (about 90) without growing
	}
	registry.list = append(registry.list, rs...)
	if registry.byID != nil {
		for _, r := range rs {
			indexRule(r)
		}
	}
	registry.sorted = nil
}

func indexRule(r *Rule) {
	if _, dup := registry.byID[r.ID]; dup {
		panic("rules: duplicate rule ID " + r.ID)
	}
	registry.byID[r.ID] = r
}

// All returns every registered rule sorted by ID.
func All() []*Rule {
	registry.Lock()
	defer registry.Unlock()
	if registry.sorted == nil {
		sorted := slices.Clone(registry.list)
		slices.SortFunc(sorted, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
		for i := 1; i < len(sorted); i++ {
			if sorted[i].ID == sorted[i-1].ID {
				panic("rules: duplicate rule ID " + sorted[i].ID)
			}
		}
		registry.sorted = sorted
	}
	return registry.sorted
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (*Rule, bool) {
	registry.Lock()
	defer registry.Unlock()
	if registry.byID == nil {
		registry.byID = make(map[string]*Rule, len(registry.list))
		for _, r := range registry.list {
			indexRule(r)
		}
	}
	r, ok := registry.byID[id]
	return r, ok
}

// validID reports whether id is "set/name", both parts of lower-case
// letters, digits and inner hyphens.
func validID(id string) bool {
	set, name, ok := strings.Cut(id, "/")
	return ok && validIDPart(set) && validIDPart(name)
}

func validIDPart(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Suggest returns the registered rule ID a mistyped one most likely means:
// the rule whose name (after the slash) is the given text, or the rule
// whose ID or name is nearest by edit distance or starts with the text, if
// it is near enough to be a typo.
func Suggest(id string) (string, bool) {
	best, bestD := "", -1
	for _, r := range All() {
		_, name, _ := strings.Cut(r.ID, "/")
		if name == id {
			return r.ID, true
		}
		low := strings.ToLower(id)
		d := min(textdist.Levenshtein(low, r.ID), textdist.Levenshtein(low, name))
		if len(low) >= 4 && (strings.HasPrefix(r.ID, low) || strings.HasPrefix(name, low)) {
			d = min(d, 1) // a truncated ID
		}
		if bestD < 0 || d < bestD {
			best, bestD = r.ID, d
		}
	}
	return best, bestD >= 0 && bestD <= max(2, len(id)/3)
}
