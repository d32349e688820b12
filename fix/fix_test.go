package fix

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/request"
)

func ed(from, to int, text string) request.Edit {
	return request.Edit{Span: request.Span{Start: request.Pos{Offset: from}, End: request.Pos{Offset: to}}, Text: text}
}

func TestApply(t *testing.T) {
	src := []byte("0123456789")
	for _, tc := range []struct {
		name  string
		fixes [][]request.Edit
		want  string
		n     int
	}{
		{"none", nil, "0123456789", 0},
		{"one", [][]request.Edit{{ed(2, 4, "ab")}}, "01ab456789", 1},
		{"insert and delete", [][]request.Edit{{ed(0, 0, "<"), ed(10, 10, ">")}, {ed(4, 6, "")}}, "<01236789>", 2},
		{"given out of order", [][]request.Edit{{ed(8, 9, "x")}, {ed(1, 2, "y")}}, "0y234567x9", 2},
		{"overlap: the first wins", [][]request.Edit{{ed(2, 5, "a")}, {ed(4, 6, "b")}, {ed(6, 7, "c")}}, "01a5c789", 2},
		{"insert inside a replaced range waits", [][]request.Edit{{ed(2, 5, "a")}, {ed(3, 3, "b")}}, "01a56789", 1},
		{"insert at the edge of a replaced range waits", [][]request.Edit{{ed(2, 5, "a")}, {ed(5, 5, "b")}}, "01a56789", 1},
		{"two inserts at one point: the first wins", [][]request.Edit{{ed(3, 3, "a")}, {ed(3, 3, "b")}}, "012a3456789", 1},
		{"adjacent replacements", [][]request.Edit{{ed(2, 4, "a")}, {ed(4, 6, "b")}}, "01ab6789", 2},
		{"a fix is taken whole or not at all", [][]request.Edit{{ed(0, 1, "x")}, {ed(5, 6, "y"), ed(0, 0, "z")}}, "x123456789", 1},
		{"identical fixes apply once", [][]request.Edit{{ed(2, 4, "ab")}, {ed(2, 4, "ab")}}, "01ab456789", 1},
		{"outside the source", [][]request.Edit{{ed(8, 11, "x")}, {ed(-1, 0, "y")}, {ed(5, 4, "z")}}, "0123456789", 0},
		{"edits of one fix overlap", [][]request.Edit{{ed(1, 3, "x"), ed(2, 4, "y")}}, "0123456789", 0},
		{"empty fix", [][]request.Edit{{}}, "0123456789", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := Apply(src, tc.fixes)
			assert.Equal(t, tc.want, string(got))
			assert.Equal(t, tc.n, n)
			assert.Equal(t, "0123456789", string(src), "the source is not modified")
		})
	}
}
