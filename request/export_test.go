package request

// SetReuseTest sets the test hooks of reusing readers (ElementReader.Reuse)
// for the external tests: off makes Reuse do nothing, poison makes a
// reader overwrite the memory it hands on (poisonReused). It returns a
// function that restores them.
func SetReuseTest(off, poison bool) (restore func()) {
	o, p := reuseOff, poisonReused
	reuseOff, poisonReused = off, poison
	return func() { reuseOff, poisonReused = o, p }
}
