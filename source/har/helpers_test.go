package har

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/atslint/atslint/request"
)

func eq[T any](t *testing.T, got, want T, what string, args ...any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", fmt.Sprintf(what, args...), got, want)
	}
}

func must(t *testing.T, ok bool, what string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(what, args...)
	}
}

// naivePos computes the position of offset off by scanning data.
func naivePos(data []byte, off int) request.Pos {
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return request.Pos{Offset: off, Line: line, Column: col}
}
