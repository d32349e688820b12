package clientcheck

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/bruno"
	"github.com/atslint/atslint/source/curl"
	"github.com/atslint/atslint/source/httpfile"
	"github.com/atslint/atslint/source/postman"
)

const fixtures = "../../testdata/formats"

// entry is one request as internal/echoserver logged it.
type entry struct {
	Method  string              `json:"method"`
	Path    string              `json:"path"`
	Query   string              `json:"query"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

// Headers each client adds by itself, which a request file does not hold.
var (
	common  = []string{"host", "user-agent", "accept", "accept-encoding", "connection", "content-length"}
	clients = map[string][]string{
		"postman":  {"cache-control", "postman-token"},
		"http":     {},
		"bruno":    {"request-start-time"},
		"curl":     {"content-type"}, // -d sends application/x-www-form-urlencoded, --json application/json
		"markdown": {"content-type"},
	}
)

func files(opts *httpfile.Options, dir string) {
	opts.Dir = dir
	opts.ReadFile = os.ReadFile
	opts.ReadDir = func(d string) ([]string, error) {
		es, err := os.ReadDir(d)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out, err
	}
}

// read reads a fixture the way atslint check does.
func read(t *testing.T, format string) []*request.Request {
	t.Helper()
	dir := filepath.Join(fixtures, format)
	var opts httpfile.Options
	files(&opts, dir)
	load := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var docs []*request.Document
	switch format {
	case "postman":
		docs = append(docs, postman.Read(load("ats.postman_collection.json"), opts))
	case "http":
		docs = append(docs, httpfile.Read(load("ats.http"), opts))
	case "curl":
		docs = append(docs, curl.Read(load("ats.sh"), opts))
	case "markdown":
		docs = append(docs, curl.ReadMarkdown(load("README.md"), opts))
	case "bruno":
		names, _ := filepath.Glob(filepath.Join(dir, "*.bru"))
		sort.Strings(names) // the fixtures' names follow their seq
		for _, n := range names {
			docs = append(docs, bruno.Read(load(filepath.Base(n)), opts))
		}
	}
	var out []*request.Request
	for _, d := range docs {
		if len(d.Problems) > 0 {
			t.Fatalf("%s: reader problems: %+v", format, d.Problems)
		}
		out = append(out, d.Requests...)
	}
	return out
}

func TestRealClients(t *testing.T) {
	logs := os.Getenv("ATSLINT_CLIENT_LOGS")
	if logs == "" {
		t.Skip("ATSLINT_CLIENT_LOGS not set: run .ci/steps/85-real-clients.sh")
	}
	for format := range clients {
		t.Run(format, func(t *testing.T) {
			sent := readLog(t, filepath.Join(logs, format+".jsonl"))
			got := read(t, format)
			if len(sent) != len(got) {
				t.Fatalf("the client sent %d requests, atslint read %d", len(sent), len(got))
			}
			for i := range got {
				for _, d := range compare(format, got[i], sent[i]) {
					t.Errorf("request %d (%s %s): %s", i, sent[i].Method, sent[i].Path, d)
				}
			}
		})
	}
}

func readLog(t *testing.T, path string) []entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// compare returns how request r, as read, differs from what the client
// sent: an unknown value matches anything, but must be there.
func compare(format string, r *request.Request, e entry) []string {
	var diffs []string
	fail := func(what string, args ...any) {
		diffs = append(diffs, fmt.Sprintf(what, args...))
	}
	if r.MethodKnown && r.Method != e.Method {
		fail("method: read %s, sent %s", r.Method, e.Method)
	}
	var sentSegs []string
	for _, s := range strings.Split(strings.Trim(e.Path, "/"), "/") {
		d, err := url.PathUnescape(s)
		if err != nil {
			d = s
		}
		sentSegs = append(sentSegs, d)
	}
	segs := r.PathSegments()
	if len(segs) != len(sentSegs) {
		fail("path: read %q, sent %q", segs, sentSegs)
	} else {
		for j := range segs {
			if segs[j] != "\x00" && segs[j] != sentSegs[j] {
				fail("path segment %d: read %q, sent %q", j, segs[j], sentSegs[j])
			}
		}
	}

	var sentQ [][2]string
	for _, pair := range strings.Split(e.Query, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			dk, dv = k, v
		}
		sentQ = append(sentQ, [2]string{dk, dv})
	}
	if r.QueryComplete && len(sentQ) != len(r.Query) {
		fail("query: read %d parameters, sent %q", len(r.Query), e.Query)
	} else {
		for j, p := range r.Query {
			if j >= len(sentQ) {
				fail("query: %s read but not sent", p.FullName())
				break
			}
			if sentQ[j][0] != p.FullName() || p.Value.IsKnown() && sentQ[j][1] != p.Value.Str {
				fail("query %d: read %s=%q, sent %s=%q", j, p.FullName(), p.Value.Str, sentQ[j][0], sentQ[j][1])
			}
		}
	}

	own := map[string]bool{}
	for _, h := range append(append([]string{}, common...), clients[format]...) {
		own[h] = true
	}
	sentH := map[string]string{}
	for k, v := range e.Headers {
		sentH[strings.ToLower(k)] = strings.Join(v, ", ")
	}
	readH := map[string]bool{}
	for _, h := range r.Headers {
		name := strings.ToLower(h.Name)
		readH[name] = true
		v, ok := sentH[name]
		switch {
		case !ok:
			fail("header %s read but not sent", h.Name)
		case h.Value.IsKnown() && h.Value.Str != v:
			fail("header %s: read %q, sent %q", h.Name, h.Value.Str, v)
		}
	}
	if r.HeadersComplete {
		for name := range sentH {
			if !readH[name] && !own[name] {
				fail("header %s sent but not read", name)
			}
		}
	}

	switch {
	case r.Body == nil:
		if strings.TrimSpace(e.Body) != "" {
			fail("body sent but none read")
		}
	case r.Body.IsKnown():
		var sent any
		if err := json.Unmarshal([]byte(e.Body), &sent); err != nil {
			fail("body read as JSON, sent %q", e.Body)
		} else if path, ok := same(r.Body, sent, ""); !ok {
			fail("body differs at %q", path)
		}
	}
	return diffs
}

// same compares a read value with a decoded JSON one; unknown parts match.
func same(v *request.Value, x any, at string) (string, bool) {
	switch v.Kind {
	case request.Unknown:
		return "", true
	case request.Null:
		return at, x == nil
	case request.Bool:
		b, ok := x.(bool)
		return at, ok && b == v.Bool
	case request.Number:
		n, ok := x.(float64)
		var want float64
		json.Unmarshal([]byte(v.Str), &want)
		return at, ok && n == want
	case request.String:
		s, ok := x.(string)
		return at, ok && s == v.Str
	case request.Array:
		a, ok := x.([]any)
		if !ok || len(a) != len(v.Elems) {
			return at, false
		}
		for i, e := range v.Elems {
			if p, ok := same(e, a[i], at+"/"+strconv.Itoa(i)); !ok {
				return p, false
			}
		}
		return "", true
	case request.Object:
		o, ok := x.(map[string]any)
		if !ok || len(o) != len(v.Members) {
			return at, false
		}
		for _, m := range v.Members {
			y, ok := o[m.Key]
			if !ok {
				return at + "/" + m.Key, false
			}
			if p, ok := same(m.Value, y, at+"/"+m.Key); !ok {
				return p, false
			}
		}
		return "", true
	}
	return at, false
}
