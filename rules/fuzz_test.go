package rules

import "testing"

// FuzzCheck runs the engine over every provider's rules; no input may make
// it panic. The seeds are the rules' examples, so a plain `go test` runs
// them all against every provider.
func FuzzCheck(f *testing.F) {
	for _, r := range All() {
		f.Add([]byte(r.Doc.Bad))
		f.Add([]byte(r.Doc.Good))
	}
	e := New(Options{Providers: KnownProviders()})
	f.Fuzz(func(t *testing.T, data []byte) {
		e.CheckBytes(data, Limits{})
	})
}
