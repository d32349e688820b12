//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckFileSystemErrors: every file that cannot be read is one error
// line naming it (exit 2), and every other file is still checked.
func TestCheckFileSystemErrors(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	write(t, p("a-good.json"), pageSize500)
	write(t, p("sub/z-good.json"), pageSize500)
	require.NoError(t, syscall.Mkfifo(p("fifo.json"), 0o644))
	l, err := net.Listen("unix", p("socket.json"))
	require.NoError(t, err)
	defer l.Close()
	require.NoError(t, os.Symlink(p("missing.json"), p("dangling.json")))
	require.NoError(t, os.Symlink(p("loop-b.json"), p("loop-a.json")))
	require.NoError(t, os.Symlink(p("loop-a.json"), p("loop-b.json")))
	require.NoError(t, os.Symlink(p("sub"), p("dirlink.json")))
	write(t, p("vanishing.json"), pageSize500)
	// vanishing.json is found by the directory walk and deleted before it
	// is read, as by another process mid-run.
	testHookBeforeRead = func(path string) {
		if filepath.Base(path) == "vanishing.json" {
			require.NoError(t, os.Remove(path))
		}
	}
	defer func() { testHookBeforeRead = nil }()

	out, errOut, code := runGuarded(t, "check", dir)
	assert.Equal(t, exitUsage, code)
	d := filepath.ToSlash(dir)
	assert.Equal(t, []string{
		"atslint: " + d + "/dangling.json: no such file or directory",
		"atslint: " + d + "/dirlink.json: not a regular file (a directory); use - to read standard input",
		"atslint: " + d + "/fifo.json: not a regular file (a named pipe); use - to read standard input",
		"atslint: " + d + "/loop-a.json: too many levels of symbolic links",
		"atslint: " + d + "/loop-b.json: too many levels of symbolic links",
		"atslint: " + d + "/socket.json: not a regular file (a socket); use - to read standard input",
		"atslint: " + d + "/vanishing.json: no such file or directory",
		"2 problems (2 errors, 0 warnings) in 2 files, 2 fixable with --fix --unsafe-fixes",
	}, lines(errOut))
	assert.Equal(t, []string{
		d + "/a-good.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]",
		d + "/sub/z-good.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]",
	}, lines(out))

	// Named on the command line, the same.
	out, errOut, code = runGuarded(t, "check", p("fifo.json"), p("a-good.json"), p("loop-a.json"))
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, []string{
		"atslint: " + d + "/fifo.json: not a regular file (a named pipe); use - to read standard input",
		"atslint: " + d + "/loop-a.json: too many levels of symbolic links",
		"1 problem (1 error, 0 warnings) in 1 file, 1 fixable with --fix --unsafe-fixes",
	}, lines(errOut))
	assert.Len(t, lines(out), 1)
}

// TestCheckUnreadable needs a user that permissions apply to: root reads
// anything. The error path itself is the one TestCheckFileSystemErrors
// covers.
func TestCheckUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not stop reads")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.json"), pageSize500)
	write(t, filepath.Join(dir, "b.json"), pageSize500)
	write(t, filepath.Join(dir, "locked/c.json"), pageSize500)
	require.NoError(t, os.Chmod(filepath.Join(dir, "a.json"), 0))
	require.NoError(t, os.Chmod(filepath.Join(dir, "locked"), 0))
	defer os.Chmod(filepath.Join(dir, "locked"), 0o755)
	out, errOut, code := runGuarded(t, "check", dir)
	assert.Equal(t, exitUsage, code)
	d := filepath.ToSlash(dir)
	assert.Equal(t, []string{
		"atslint: " + d + "/a.json: permission denied",
		"atslint: " + d + "/locked: permission denied",
	}, lines(errOut))
	assert.Equal(t, []string{d + "/b.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]"}, lines(out))
}
