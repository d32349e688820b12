package textdist

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"auther_id", "author_id", 1}, {"kitten", "sitting", 3}, {"heders", "headers", 1}} {
		assert.Equal(t, tc.d, Levenshtein(tc.a, tc.b), "%q %q", tc.a, tc.b)
		assert.Equal(t, tc.d, Levenshtein(tc.b, tc.a), "%q %q", tc.b, tc.a)
	}
}

func TestClosest(t *testing.T) {
	c, ok := Closest("auther_id", []string{"content", "author_id", "visibility"}, 2)
	assert.True(t, ok)
	assert.Equal(t, "author_id", c)
	_, ok = Closest("zzzzzzzz", []string{"content", "author_id"}, 2)
	assert.False(t, ok)
	_, ok = Closest("x", []string{"y"}, 2) // one edit, but as long as the word: no suggestion
	assert.False(t, ok)
	_, ok = Closest("a", nil, 2)
	assert.False(t, ok)
}
