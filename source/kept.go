package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/bruno"
	"github.com/atslint/atslint/source/curl"
	"github.com/atslint/atslint/source/httpfile"
	"github.com/atslint/atslint/source/insomnia"
	"github.com/atslint/atslint/source/internal/srctext"
	"github.com/atslint/atslint/source/postman"
)

// Env is what the readers of requests kept in other tools' formats
// (Postman, Insomnia, Bruno, .http, curl) take beyond a file's bytes.
type Env struct {
	// Vars fill {{name}} (--env FILE); they win over the variables a
	// collection or file defines itself.
	Vars map[string]string
	// Name selects an environment in files that keep several
	// (http-client.env.json, Bruno's environments/NAME.bru, Insomnia
	// sub-environments; --env-name).
	Name string
	// Files lets a reader read the files beside the one it reads, relative
	// to its name: a .http "< ./body.json", curl "-d @body.json", Bruno's
	// bruno.json, collection.bru and environments, http-client.env.json.
	// Without it, what they would give is unknown.
	Files bool
}

// The kept-request formats (DESIGN §2a). Postman collections and Insomnia
// v4 exports are JSON files recognised by their first bytes (and, when
// Sniff missed them, by readDocument once parsed).
var (
	Postman  = &Format{Name: "postman", Sniff: postman.Sniff, Read: readKept(postmanRead)}
	Insomnia = &Format{Name: "insomnia", Names: isInsomniaName, Sniff: insomnia.Sniff, Read: readKept(insomnia.Read)}
	Bruno    = &Format{Name: "bruno", Extensions: []string{".bru"}, Names: isBrunoName, Read: readBruno}
	HTTPFile = &Format{Name: "http", Extensions: []string{".http", ".rest"}, Read: readKept(httpfile.Read)}
	Shell    = &Format{Name: "shell", Extensions: []string{".sh", ".bash"}, Sniff: curl.SniffScript, Read: readKept(shellRead)}
	Markdown = &Format{Name: "markdown", Extensions: []string{".md", ".markdown"}, Read: readKept(markdownRead)}
)

// isInsomniaName: Insomnia names its exports Insomnia_<date>.json/.yaml;
// other YAML files are not candidates of a directory walk (a named or
// piped one is still recognised by its first bytes).
func isInsomniaName(name string) bool {
	base := strings.ToLower(path.Base(name))
	ext := path.Ext(base)
	return strings.Contains(base, "insomnia") && (ext == ".yaml" || ext == ".yml" || ext == ".json")
}

// isBrunoName claims a collection's bruno.json beside its .bru files.
func isBrunoName(name string) bool { return path.Base(name) == "bruno.json" }

// readBruno reads a .bru request file. A collection's bruno.json, its
// collection.bru and folder.bru settings and its environments hold no
// request: a walk skips them, a file named says so.
func readBruno(data []byte, l Limits) *request.Document {
	if path.Base(l.file) == "bruno.json" || bruno.IsPath(l.file) && !bruno.IsRequestPath(l.file) {
		return &request.Document{Foreign: true, Problems: []request.Problem{{Rule: request.RuleNotARequest,
			Message: "a Bruno collection's settings or environment, not a request; its requests are the other .bru files"}}}
	}
	return readKept(bruno.Read)(data, l)
}

func postmanRead(data []byte, o srctext.Options) *request.Document { return postman.Read(data, o) }

func shellRead(data []byte, o srctext.Options) *request.Document {
	if !curl.MayHold(data) {
		return &request.Document{}
	}
	return curl.Read(data, o)
}

func markdownRead(data []byte, o srctext.Options) *request.Document {
	if !curl.MayHold(data) && !bytes.Contains(data, []byte("```http")) {
		return &request.Document{}
	}
	return curl.ReadMarkdown(data, o)
}

// readKept adapts a kept-request reader to the dispatch table. A file in
// which it finds no StackOne request and nothing wrong is Foreign: a
// directory walk skips it silently, a file named on the command line
// reports input/not-a-request.
func readKept(read func([]byte, srctext.Options) *request.Document) func([]byte, Limits) *request.Document {
	return func(data []byte, l Limits) *request.Document {
		doc := read(data, l.readerOptions())
		if len(doc.Requests) == 0 && len(doc.Problems) == 0 {
			doc.Foreign = true
			msg := "no request to StackOne's API (https://api.stackone.com/unified/…) in this file"
			if doc.Skipped > 0 {
				msg += "; its requests to other hosts are not checked"
			}
			doc.Problems = append(doc.Problems, request.Problem{Rule: request.RuleNotARequest, Message: msg})
		}
		return doc
	}
}

// readerOptions are the kept-request readers' options for the file being
// read.
func (l Limits) readerOptions() srctext.Options {
	o := srctext.Options{Vars: l.Env.Vars, EnvName: l.Env.Name, MaxDepth: l.MaxDepth}
	if l.Env.Files && l.file != "" && l.file != "-" {
		o.Dir = path.Dir(l.file)
		max := l.maxSize()
		o.ReadFile = func(p string) ([]byte, error) { return readSide(p, max) }
		o.ReadDir = func(d string) ([]string, error) {
			es, err := os.ReadDir(d)
			names := make([]string, 0, len(es))
			for _, e := range es {
				if e.Type().IsRegular() {
					names = append(names, e.Name())
				}
			}
			return names, err
		}
	}
	return o
}

// readSide reads a file a request names, if it is a regular file of at
// most max bytes.
func readSide(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > max {
		return nil, errors.New("not a regular file within --max-size")
	}
	return io.ReadAll(io.LimitReader(f, max))
}
