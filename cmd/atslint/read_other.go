//go:build !unix

package main

import (
	"io"
	"os"
)

// openFile opens a file to read it as a stream.
func openFile(path string) (*os.File, error) { return os.Open(path) }

// readRegular reads a regular file of at most max bytes. A file over max
// is not read: data is nil and size its size. Anything else than a
// regular file is an error.
func readRegular(path string, max int64) (data []byte, size int64, err error) {
	if h := testHookReadAll; h != nil {
		h(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fileError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, fileError(err)
	}
	if err := regularMode(st.Mode()); err != nil {
		return nil, 0, err
	}
	if st.Size() > max {
		return nil, st.Size(), nil
	}
	data, err = io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, 0, fileError(err)
	}
	if int64(len(data)) > max {
		return nil, int64(len(data)), nil
	}
	return data, int64(len(data)), nil
}
