package rules

import (
	"regexp"
	"testing"
)

// placeholderRE is what isPlaceholder writes out.
var placeholderRE = regexp.MustCompile(`^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|<[^>]*>|%[A-Za-z_][A-Za-z0-9_]*%|[A-Z][A-Z0-9_]*|x{3,}|X{3,}|\*+|\.{3}|(?i:redacted|changeme|placeholder|secret|token|api[_-]?key|your[_-].*))$`)

var placeholderSamples = []string{
	"", " ", "$", "${", "${}", "${KEY}", "${KEY", "${A}B}", "$KEY", "$_k1", "$1k", "$KEY-1", "{{x}}", "{{x}", "{{}}", "{{a}b}}",
	"<x>", "<>", "<a>b>", "%K%", "%%", "%1%", "%K", "K%", "API_KEY", "A", "a", "AbC", "A-B", "XXX", "XX", "xxxx", "xXx",
	"*", "***", "..", "...", "....", "REDACTED", "redacted", "Redacted", "ReDaCtEd", "changeme", "placeholder", "secret",
	"ſecret", "toKen", "TOKEN", "tokens", "apikey", "api_key", "api-key", "API-KEY", "api key", "apiKey", "api__key",
	"your_key", "your-key", "YOUR_API_KEY", "your_", "your", "yourkey", "your_a\nb", "yoUr-x", "yoſr_x", "ÿour_x",
	"sk_live_123", "Basic abc", "ghp_abcdef", "\u212Aey", "K", "\u212A",
}

func TestIsPlaceholderMatchesRegexp(t *testing.T) {
	for _, s := range placeholderSamples {
		if want, got := placeholderRE.MatchString(s), isPlaceholder(s); want != got {
			t.Errorf("isPlaceholder(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

func FuzzIsPlaceholder(f *testing.F) {
	for _, s := range placeholderSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := placeholderRE.MatchString(s), isPlaceholder(s); want != got {
			t.Fatalf("isPlaceholder(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
