package srctext

import "testing"

func TestTextSourceRanges(t *testing.T) {
	// "ab{{x}}cd" with x = "XY", then sliced and re-appended.
	f := NewFile([]byte("ab{{x}}cd\n"))
	var in Text
	in.Lit("ab{{x}}cd", 0)
	got := Expand(in, Mustache, Lookup(map[string]string{"x": "XY"}))
	if got.String() != "abXYcd" {
		t.Fatalf("expanded %q", got.String())
	}
	for _, tc := range []struct {
		i, j, from, to int
	}{
		{0, 1, 0, 1}, {1, 2, 1, 2}, {2, 3, 2, 7}, {2, 4, 2, 7}, {3, 5, 2, 8}, {4, 6, 7, 9}, {0, 6, 0, 9},
		{2, 2, 2, 2}, {6, 6, 9, 9},
	} {
		if from, to := got.Source(tc.i, tc.j); from != tc.from || to != tc.to {
			t.Errorf("Source(%d, %d) = %d, %d; want %d, %d", tc.i, tc.j, from, to, tc.from, tc.to)
		}
	}
	// A slice keeps its bytes' ranges, and so does a text built from slices.
	mid := got.Slice(1, 5) // "bXYc"
	if from, to := mid.Source(0, 4); from != 1 || to != 8 {
		t.Errorf("slice source %d, %d", from, to)
	}
	var joined Text
	joined.Append(got.Slice(4, 6))
	joined.Append(mid.Slice(1, 3))
	if joined.String() != "cdXY" {
		t.Fatalf("joined %q", joined.String())
	}
	if from, to := joined.Source(0, 2); from != 7 || to != 9 {
		t.Errorf("joined cd at %d, %d", from, to)
	}
	if from, to := joined.Source(2, 4); from != 2 || to != 7 {
		t.Errorf("joined XY at %d, %d", from, to)
	}
	if s := joined.Span(f, 0, 1); s.Start.Column != 8 || s.End.Column != 9 {
		t.Errorf("span %+v", s)
	}
}

func TestTextUnknown(t *testing.T) {
	var in Text
	in.Lit("/a/{{missing}}/b?x={{$guid}}", 10)
	got := Expand(in, Mustache, Lookup(nil))
	if got.String() != "/a/\x00/b?x=\x00" || got.Known() {
		t.Fatalf("%q known=%v", got.String(), got.Known())
	}
	parts := got.Split('/')
	if len(parts) != 4 || !parts[1].Known() || parts[2].Known() || !parts[3].Slice(0, 1).Known() {
		t.Errorf("split %q", parts)
	}
	if from, to := parts[2].Source(0, 1); from != 13 || to != 24 {
		t.Errorf("unknown at %d, %d, want the reference 13, 24", from, to)
	}
	if i := got.Index('?', 0); i != 6 {
		t.Errorf("Index = %d", i)
	}
	// A value holding variables maps, expanded, to the reference.
	nested := Expand(in, Mustache, Lookup(map[string]string{"missing": "{{y}}-{{z}}", "y": "1"}))
	if nested.String() != "/a/1-\x00/b?x=\x00" {
		t.Errorf("nested %q", nested.String())
	}
	if from, to := nested.Source(3, 6); from != 13 || to != 24 {
		t.Errorf("nested at %d, %d", from, to)
	}
}
