//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file to read it as a stream, without blocking (see
// openFD).
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// openFD opens a file for reading. O_NONBLOCK: a path that has become a
// named pipe since it was looked at does not block the open (nor the
// read: it is not read, being no regular file).
func openFD(path string) (int, error) {
	if h := testHookReadAll; h != nil {
		h(path)
	}
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC|syscall.O_NOCTTY, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// readRegular reads a regular file of at most max bytes, with as few
// system calls as the job allows (open, fstat, read, close: checking
// thousands of small files is mostly system calls). A file over max is not
// read: data is nil and size its size. Anything else than a regular file
// is an error.
func readRegular(path string, max int64) (data []byte, size int64, err error) {
	fd, err := openFD(path)
	if err != nil {
		return nil, 0, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	for {
		if err = syscall.Fstat(fd, &st); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, err
	}
	if err := regularMode(unixMode(uint32(st.Mode))); err != nil {
		return nil, 0, err
	}
	if st.Size > max {
		return nil, st.Size, nil
	}
	// One byte more than the size seen, so that a read of exactly that
	// size can only be short because the file ends there.
	data = make([]byte, st.Size+1)
	n := 0
	for {
		if n == len(data) { // the file grew
			data = append(data, 0)[:cap(data)]
		}
		m, err := syscall.Read(fd, data[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		n += m
		if int64(n) > max {
			return nil, int64(n), nil
		}
		if m == 0 || int64(n) == st.Size && n < len(data) {
			return data[:n], int64(n), nil
		}
	}
}

// unixMode maps the file type bits of a stat mode to fs.FileMode.
func unixMode(m uint32) fs.FileMode {
	switch m & uint32(syscall.S_IFMT) {
	case uint32(syscall.S_IFREG):
		return 0
	case uint32(syscall.S_IFDIR):
		return fs.ModeDir
	case uint32(syscall.S_IFIFO):
		return fs.ModeNamedPipe
	case uint32(syscall.S_IFSOCK):
		return fs.ModeSocket
	case uint32(syscall.S_IFCHR):
		return fs.ModeDevice | fs.ModeCharDevice
	case uint32(syscall.S_IFBLK):
		return fs.ModeDevice
	case uint32(syscall.S_IFLNK):
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}
