package rules

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSprintfIsFmt: the hand-made formats give what fmt gives, and the
// rest is fmt's.
func TestSprintfIsFmt(t *testing.T) {
	type name string
	for _, c := range []struct {
		format string
		args   []any
	}{
		{"plain message", nil},
		{"", nil},
		{"100%% sure", nil},
		{"dangling %", nil},
		{"%s", []any{"a%sb"}},
		{"%s", []any{""}},
		{"%s", []any{name("named")}},
		{"%s", []any{errors.New("an error")}},
		{"%s", []any{42}},
		{"%q", []any{"quoted"}},
		{"%10s", []any{"wide"}},
		{"%s: %s", []any{"a", "b"}},
		{"%s: %s", []any{"a", 1}},
		{"%s: %s", []any{name("a"), "b"}},
		{"%s, %s", []any{"a", "b"}},
		{"%s: %q", []any{"a", "b"}},
		{"%s %s %s", []any{"a", "b", "c"}},
		{"no verbs", []any{"extra"}},
	} {
		assert.Equal(t, fmt.Sprintf(c.format, c.args...), sprintf(c.format, c.args), "%q %v", c.format, c.args)
	}
}
