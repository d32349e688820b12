package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/report"
)

// atslint vet's result cache. go vet replays a package's cached result
// when nothing it depends on has changed; atslint vet does the same for a
// whole run, so that a second run over an unchanged module costs one
// `go list` instead of type-checking. The key covers everything a run
// reads: the atslint binary, the working directory, the arguments, the Go
// environment, every config file and OpenAPI document, and every file of
// every package listed: by content for the module's own code and local
// replacements, by size and modification time for the standard library's
// and the module cache's (not by name alone: with -modcacherw, as root, or
// after a re-download, a file of the same path@version can change, and
// dependencies' export data is read). Anything else, or a cache that
// cannot be read, is a miss: the run is made as if there were no cache.
//
// ATSLINT_CACHE=off turns it off; ATSLINT_CACHE=DIR puts it in DIR
// (default: atslint/vet in os.UserCacheDir). It is read from the command's
// environment (env.getenv), like NO_COLOR: a command run without one, as
// tests run it, has no cache. A run with errors, or one that applies
// fixes, is never stored or replayed.

// vetCacheEnv are the environment variables that change what go list or
// the type checker sees. They are read from the process's environment, not
// the command's: go list, which packages.Load runs, inherits the process's.
var vetCacheEnv = []string{"GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOWORK",
	"GO111MODULE", "GOPATH", "GOROOT", "GOTOOLCHAIN", "GOAMD64", "GOARM64", "GOPROXY", "GOMODCACHE"}

// vetCache is one run's place in the cache: a slot per working directory
// and arguments, holding the key of the inputs it was made from.
type vetCache struct {
	file string
	key  [sha256.Size]byte
}

type vetCacheEntry struct {
	Key    [sha256.Size]byte
	Report report.Report
}

// vetCacheDir is where the results are kept, "" for no cache, by the
// environment getenv reads.
func vetCacheDir(getenv func(string) string) string {
	if getenv == nil {
		return ""
	}
	switch v := getenv("ATSLINT_CACHE"); v {
	case "off":
		return ""
	case "":
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(d, "atslint", "vet")
	default:
		return v
	}
}

// newVetCache returns the cache slot of a run, or nil when there is no
// cache (in.cache is "") or an input cannot be read. listed are the
// packages of the run's first go list (with their dependencies).
func newVetCache(dir string, in vetInputs, listed []*packages.Package) *vetCache {
	if in.cache == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	slot := sha256.New()
	field := func(h io.Writer, s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	field(slot, dir)
	for _, a := range in.args {
		field(slot, a)
	}
	for _, k := range vetCacheEnv {
		field(slot, k+"="+os.Getenv(k))
	}
	k, ok := statKey(exe)
	if !ok {
		return nil
	}
	slot.Write(k)
	field(slot, versionString())

	h := sha256.New()
	h.Write(slot.Sum(nil))
	configs, dirs := map[string]bool{}, map[string]bool{}
	var pkgs []*packages.Package
	packages.Visit(listed, nil, func(p *packages.Package) { pkgs = append(pkgs, p) })
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].ID < pkgs[j].ID })
	keys, ok := fileKeys(pkgs)
	if !ok {
		return nil
	}
	for _, p := range pkgs {
		field(h, p.ID)
		stdlib := p.Module == nil
		for _, f := range packageFiles(p) {
			field(h, f)
			h.Write(keys[f])
		}
		if !stdlib && len(p.GoFiles) > 0 {
			// The analyzer reads the config of each package's directory.
			if d := filepath.Dir(p.GoFiles[0]); !dirs[d] {
				dirs[d] = true
				if c := config.Find(d); c != "" {
					configs[c] = true
				}
			}
		}
	}
	for _, f := range in.files {
		if f != "" {
			configs[f] = true
		}
	}
	names := make([]string, 0, len(configs))
	for c := range configs {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		field(h, c)
		k, ok := contentKey(c)
		if !ok {
			return nil
		}
		h.Write(k)
	}
	c := &vetCache{file: filepath.Join(in.cache, hex.EncodeToString(slot.Sum(nil)[:16]))}
	copy(c.key[:], h.Sum(nil))
	return c
}

// packageFiles are the files of p that go list names (Go files, cgo
// files among them, and the others: C, assembly…).
func packageFiles(p *packages.Package) []string {
	return append(p.GoFiles[:len(p.GoFiles):len(p.GoFiles)], p.OtherFiles...)
}

// fileKeys makes the key of every file of pkgs, once per file (a package
// and its test variants share files), on all cores: by content, by size
// and modification time for the standard library's and the module
// cache's. It fails when a file cannot be read or a package did not list
// cleanly.
func fileKeys(pkgs []*packages.Package) (map[string][]byte, bool) {
	type job struct {
		name string
		stat bool // by size and modification time
	}
	var jobs []job
	seen := map[string]bool{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, false
		}
		for _, f := range packageFiles(p) {
			if !seen[f] {
				seen[f] = true
				jobs = append(jobs, job{f, p.Module == nil || inModuleCache(p.Module, f)})
			}
		}
	}
	keys := make([][]byte, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				if jobs[i].stat {
					keys[i], _ = statKey(jobs[i].name)
				} else {
					keys[i], _ = contentKey(jobs[i].name)
				}
			}
		}()
	}
	wg.Wait()
	out := make(map[string][]byte, len(jobs))
	for i, j := range jobs {
		if keys[i] == nil {
			return nil, false
		}
		out[j.name] = keys[i]
	}
	return out, true
}

// inModuleCache reports whether file, of a package of module m, is in the
// module cache: m (or what replaces it) is a module at a version, its
// directory is named path@version as the module cache names them, and the
// file is in it. A vendored module (no directory) and a replacement by a
// local directory (no version) are read by content.
func inModuleCache(m *packages.Module, file string) bool {
	if m == nil {
		return false
	}
	if m.Replace != nil {
		m = m.Replace
	}
	if m.Main || m.Version == "" || m.Dir == "" || !strings.HasSuffix(m.Dir, "@"+m.Version) {
		return false
	}
	rel, err := filepath.Rel(m.Dir, file)
	return err == nil && filepath.IsLocal(rel)
}

func statKey(name string) ([]byte, bool) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, false
	}
	b := make([]byte, 16)
	binary.LittleEndian.PutUint64(b[:8], uint64(fi.Size()))
	binary.LittleEndian.PutUint64(b[8:], uint64(fi.ModTime().UnixNano()))
	return b, true
}

func contentKey(name string) ([]byte, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	sum := sha256.Sum256(data)
	return sum[:], true
}

// load returns the stored report when it was made from the same inputs.
func (c *vetCache) load() (*report.Report, bool) {
	if c == nil {
		return nil, false
	}
	data, err := os.ReadFile(c.file)
	if err != nil {
		return nil, false
	}
	var e vetCacheEntry
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&e) != nil || e.Key != c.key {
		return nil, false
	}
	return &e.Report, true
}

// store keeps rep for the next run with the same inputs. Failing to store
// is not an error: the next run is made again.
func (c *vetCache) store(rep *report.Report) {
	if c == nil || len(rep.Errors) > 0 {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(vetCacheEntry{Key: c.key, Report: *rep}) != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(c.file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), c.file) != nil {
		os.Remove(tmp.Name())
	}
	pruneVetCache(filepath.Dir(c.file), time.Now())
}

// vetCacheAge is how long an entry is kept after it was written. Each new
// binary, directory or command line has its own entry (go run builds a
// new binary every time), so old ones are removed when a run stores one.
const vetCacheAge = 7 * 24 * time.Hour

func pruneVetCache(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > vetCacheAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// vetInputs are what a run reads besides its packages: its command line
// and the files named by its flags (config files, an OpenAPI document),
// and where its result is cached ("" for nowhere).
type vetInputs struct {
	args  []string
	files []string
	cache string
}
