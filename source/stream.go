package source

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source/har"
)

// Each is how a streamed format hands over its requests one at a time
// (Format.Each): the Document returned keeps no Requests.
type Each func(r io.Reader, l Limits, fn func(*request.Request)) (*request.Document, error)

func eachHAR(r io.Reader, l Limits, fn func(*request.Request)) (*request.Document, error) {
	rec, err := har.Read(r, har.Options{Options: l.options(), Each: fn})
	return &rec.Document, err
}

// CheckStream reads a file of a streamed format from r and checks its
// requests as they are read, on the engine's workers (rules.Options.Jobs):
// a request is dropped once checked, and only its diagnostics and what
// the cross-request rules need are kept. The error is a read error of r.
func CheckStream(e *rules.Engine, f *Format, r io.Reader, l Limits) (Result, error) {
	if f.Each == nil {
		doc, err := f.Stream(r, l)
		if err != nil {
			return Result{}, err
		}
		return check(e, doc, l), nil
	}
	fc := e.NewFileCheck()
	var (
		doc *request.Document
		err error
		n   int
	)
	fc.AddAll(e.Jobs(), func(add func(*request.Request)) {
		doc, err = f.Each(r, l, func(req *request.Request) {
			add(req)
			n++
		})
	})
	if err != nil {
		return Result{}, err
	}
	return finish(e, fc, n, nil, doc, l), nil
}

// StartsArray reports whether the start of a file is a JSON array.
func StartsArray(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(head) > 0 && head[0] == '['
}

// CheckArrayStream reads an array request document from r one request at
// a time (request.StreamElements, each element parsed by the worker that
// checks it) and checks each as it is read: neither the file nor its
// requests are held. complete is false when the file is not a clean
// array (what was checked is dropped; read it whole with CheckBytes,
// which reports its problem exactly). err is a read error.
func CheckArrayStream(e *rules.Engine, r io.Reader, l Limits) (res Result, complete bool, err error) {
	split := request.StreamElements
	if e.Jobs() <= 1 {
		// One job reads each element as it is split off: no copy.
		split = request.StreamElementsInPlace
	}
	return checkElements(e, l, func(fn func(request.Element)) (bool, error) {
		return split(r, fn)
	})
}

// checkArrayBytes checks an array document held in memory one request at
// a time (request.EachRequest): its requests are not all held at once.
func checkArrayBytes(e *rules.Engine, data []byte, l Limits) Result {
	if e.Jobs() > 1 && len(data) >= elementsAbove {
		res, ok, _ := checkElements(e, l, func(fn func(request.Element)) (bool, error) {
			return request.ArrayElements(data, fn), nil
		})
		if ok {
			return res
		}
		// Not a clean array: nearly always a syntax error, which the
		// whole-file read reports. Find out by reading without checking,
		// not by checking every request a second time.
		if doc, ok := request.EachRequest(data, l.options(), func(*request.Request, []request.Problem) {}); !ok {
			return check(e, doc, l)
		}
	}
	fc := e.NewFileCheck()
	var (
		probs []request.Problem
		doc   *request.Document
		ok    bool
		n     int
	)
	each := request.EachRequest
	if e.Jobs() <= 1 {
		// AddAll at one job checks each request before the next is read:
		// the next can be read into its memory.
		each = request.EachRequestReusing
	}
	fc.AddAll(e.Jobs(), func(add func(*request.Request)) {
		doc, ok = each(data, l.options(), func(req *request.Request, ps []request.Problem) {
			probs = append(probs, ps...)
			if req != nil {
				add(req)
				n++
			}
		})
	})
	if !ok {
		// Not JSON: the file is reported as such, and nothing read before
		// the error is.
		return check(e, doc, l)
	}
	return finish(e, fc, n, e.InputDiagnostics(probs), doc, l)
}

// elementsAbove is the size from which an array held in memory is parsed
// on the workers, element by element, with more than one job: below it,
// splitting the array first costs more than the workers win.
const elementsAbove = 64 << 10

// checkElements checks the elements of an array document that split
// hands over (request.ArrayElements, StreamElements) on the engine's
// workers: each worker parses the elements it checks, so that reading the
// file is not left to one core. ok is false when the file cannot be read
// so (split's complete; an element too deep or with invalid UTF-8): what
// was checked then does not count, and the file is to be read whole. err
// is split's read error.
func checkElements(e *rules.Engine, l Limits, split func(fn func(request.Element)) (bool, error)) (res Result, ok bool, err error) {
	type found struct {
		index int
		probs []request.Problem
	}
	var (
		mu       sync.Mutex
		founds   []found
		looks    atomic.Bool
		failed   atomic.Bool
		n        atomic.Int64
		complete bool
	)
	opts := l.options()
	fc := e.NewFileCheck()
	fc.AddElements(e.Jobs(), func() func(request.Element) *request.Request {
		er := request.NewElementReader(opts)
		// A worker checks a request before it reads the next, and
		// CheckRequest's results own their strings: the next element
		// can have the memory of the one before.
		er.Reuse()
		return func(el request.Element) *request.Request {
			if failed.Load() {
				return nil
			}
			req, probs, lk, err := er.Read(el)
			switch {
			case err != nil:
				failed.Store(true)
				return nil
			case lk:
				looks.Store(true)
			}
			if len(probs) > 0 {
				mu.Lock()
				founds = append(founds, found{el.Index, probs})
				mu.Unlock()
			}
			if req != nil {
				n.Add(1)
			}
			return req
		}
	}, func(add func(request.Element)) {
		complete, err = split(add)
	})
	if err != nil || !complete || failed.Load() {
		return Result{}, false, err
	}
	// The reader's problems in file order, as a single reader finds them.
	slices.SortFunc(founds, func(a, b found) int { return cmp.Compare(a.index, b.index) })
	var probs []request.Problem
	for _, f := range founds {
		probs = append(probs, f.probs...)
	}
	doc := &request.Document{Foreign: !looks.Load()}
	return finish(e, fc, int(n.Load()), e.InputDiagnostics(probs), doc, l), true, nil
}

// finish adds the reader's problems to a file check's diagnostics and
// sorts them once, held compactly when l.Hold asks for it.
func finish(e *rules.Engine, fc *rules.FileCheck, requests int, probs []rules.Diagnostic, doc *request.Document, l Limits) Result {
	res := Result{Requests: requests, Skipped: doc.Skipped, Foreign: doc.Foreign}
	h := fc.Held(append(probs, e.InputDiagnostics(doc.Problems)...)...)
	if l.Hold {
		res.Held = h
	} else {
		res.Diagnostics = h.Slice()
	}
	return res
}
