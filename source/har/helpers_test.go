package har

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/request"
)

// eq and must keep the tests' compact form on top of testify.
func eq[T any](t *testing.T, got, want T, what string, args ...any) {
	t.Helper()
	assert.Equal(t, want, got, append([]any{what}, args...)...)
}

func must(t *testing.T, ok bool, what string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(what, args...)
	}
}

// naivePos is the position of offset off in data, found by counting the
// newlines before it (independently of the reader's lineCounter).
func naivePos(data []byte, off int) request.Pos {
	before := data[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return request.Pos{Offset: off, Line: int32(bytes.Count(before, []byte("\n")) + 1), Column: int32(off - lineStart + 1)}
}
