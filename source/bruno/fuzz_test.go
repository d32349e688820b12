package bruno

import (
	"os"
	"testing"

	"github.com/atslint/atslint/source/internal/srctext"
)

// FuzzRead: any input gives a document whose positions are in the file,
// never a panic or a hang.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/ats/candidates/list.bru", "testdata/ats/candidates/note.bru", "testdata/ats/candidates/script.bru"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := srctext.Verify(data, Read(data, Options{})); err != nil {
			t.Fatal(err)
		}
	})
}
