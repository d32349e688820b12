package rules

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/atslint/atslint/request"
)

// Record is what the cross-request rules (rates, repeated calls) keep of
// one request: a few fields instead of its tree, so that a recording of a
// million requests, or a long-running preflight transport, needs memory
// for the requests of the current window only. Diagnostics about a
// request are reported at the position kept here.
type Record struct {
	// Request is the index of the request in its file.
	Request int
	// Operation is the matched operation's ID, "" when none matched.
	Operation string
	// Family is the path segment after /unified/ats of the operation (or,
	// for an unmatched request, of its path): "applications", "jobs".
	Family string
	// Span and Pointer are where diagnostics about the request are
	// reported: its url or path, or the request object.
	Span    request.Span
	Pointer string

	// Time is when the request was sent; zero when unknown.
	Time time.Time
	// ATS is set for requests to the unified ATS API or the passthrough.
	ATS bool
	// Key is a hash of the Authorization header (the API key), valid when
	// HasKey. The key itself is never kept.
	Key    uint64
	HasKey bool
	// Account is the x-account-id ("" without the header); AccountKnown is
	// false when the header is there but not visible, or when the front end
	// could not see every header.
	Account      string
	AccountKnown bool
	// Providers are the providers the request is checked against.
	Providers []string
}

// For reports whether the request is checked against provider.
func (r *Record) For(provider string) bool { return slices.Contains(r.Providers, provider) }

// keySeed hashes API keys. Hashes are compared within one process only.
var keySeed = maphash.MakeSeed()

// record builds the Record of a checked request, in the Pass. Its strings
// may view the request's tree: a check that keeps a Record keeps its copy
// (kept).
func (e *Engine) record(p *Pass) *Record {
	r := p.Request
	rec := &p.rec
	*rec = Record{
		Request: r.Index, Operation: p.OperationID(), Time: r.Time, ATS: isATSPath(r),
		Span: r.Span, Pointer: r.Pointer, Providers: p.providers,
	}
	if !r.PathSpan.IsZero() {
		rec.Span = r.PathSpan
	}
	if r.PathPointer != "" { // a live request has a pointer and no span
		rec.Pointer = r.PathPointer
	}
	if p.Operation != nil {
		rec.Family = family(p.Operation.Path)
	} else {
		rec.Family = family(r.Path)
	}
	if h := r.Header("authorization"); h != nil {
		if s, ok := h.Value.StringValue(); ok {
			rec.Key, rec.HasKey = maphash.String(keySeed, s), true
		}
	}
	account, known := accountOf(r)
	rec.Account, rec.AccountKnown = account, known
	return rec
}

// kept returns a copy of r that holds no string of the request's tree, for
// a check to keep after the request is gone.
func (r *Record) kept() *Record {
	c := *r
	c.Pointer, c.Family, c.Account = strings.Clone(r.Pointer), strings.Clone(r.Family), strings.Clone(r.Account)
	return &c
}

// family returns the segment after /unified/ats of a path, or "".
func family(path string) string {
	rest := strings.Trim(path, "/")
	for range 2 { // cut, not split: this runs for every request
		var ok bool
		if _, rest, ok = strings.Cut(rest, "/"); !ok {
			return ""
		}
	}
	f, _, _ := strings.Cut(rest, "/")
	return f
}

// RecordCheck is the state of one cross-request rule over one run (a file,
// or the life of a preflight transport). It sees the Record of every
// request in order, once, and keeps only what later requests need: old
// entries are dropped as time moves on.
type RecordCheck interface {
	Add(*RecordPass)
}

// RecordPass is what a RecordCheck sees of one request.
type RecordPass struct {
	Record *Record
	engine *Engine
	rule   *Rule
	out    []Diagnostic
}

// Report reports a diagnostic of the running rule about a request: the one
// being added, or an earlier one the check kept (a request that turns out
// to be too close to one recorded later in the file but earlier in time).
func (rp *RecordPass) Report(about *Record, provider, format string, args ...any) {
	rp.out = append(rp.out, Diagnostic{
		Rule: rp.rule.ID, Severity: rp.engine.severity(rp.rule), Provider: provider,
		Operation: about.Operation, Pointer: strings.Clone(about.Pointer), Request: about.Request,
		Predicts: rp.rule.Predicts, Message: fmt.Sprintf(format, args...), Span: about.Span,
	})
}

// Tracker runs the cross-request rules over a sequence of Records: the
// requests of one file, or those a preflight transport sees. It is safe
// for concurrent use; Records are counted in the order Add is called.
type Tracker struct {
	mu     sync.Mutex
	engine *Engine
	checks []trackedRule
	rp     RecordPass // of the Record being added, reused
}

type trackedRule struct {
	rule  *Rule
	check RecordCheck
}

// NewTracker returns a Tracker with the engine's cross-request rules that
// are on, each with empty state.
func (e *Engine) NewTracker() *Tracker {
	t := &Tracker{engine: e}
	for _, r := range e.rules {
		if r.Records != nil && e.severity(r) != Off {
			t.checks = append(t.checks, trackedRule{r, r.Records()})
		}
	}
	return t
}

// Add counts one request and returns the diagnostics it gives rise to
// (rate limits it goes over), unsorted. They are usually about rec itself;
// when requests arrive out of time order, they may be about an earlier one.
func (t *Tracker) Add(rec *Record) []Diagnostic {
	if len(t.checks) == 0 {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	rp := &t.rp
	*rp = RecordPass{Record: rec, engine: t.engine}
	for _, c := range t.checks {
		rp.rule = c.rule
		c.add(rp)
	}
	out := rp.out
	*rp = RecordPass{} // nothing of the request is kept
	return out
}

func (c trackedRule) add(rp *RecordPass) {
	defer annotatePanic(c.rule)
	c.check.Add(rp)
}

// Record runs no rule: it returns the Record of a request, for a Tracker
// fed by a front end that checks requests itself (preflight).
func (e *Engine) Record(req *request.Request) *Record {
	p := e.newPass(req)
	rec := e.record(p)
	p.release()
	return rec
}

// keyed holds the state of a cross-request rule per key (API key, account,
// account and operation), and forgets keys that have seen no request for
// longer than a window, so that state stays bounded by the number of keys
// active at one time. A pinned key is kept for the whole run (a key that
// is reported once per run).
type keyed[K comparable, S any] struct {
	// own, when set, copies a key before the map keeps it (a string that
	// views a request's tree).
	own    func(K) K
	m      map[K]*keyState[S]
	newest time.Time
	sweep  int // map size that triggers the next sweep
}

type keyState[S any] struct {
	s      S
	last   time.Time // newest request of the key
	pinned bool
}

// get returns the state of key k, creating it. at is the request's time
// (zero when unknown: a key seen only without times is never forgotten).
func (k *keyed[K, S]) get(key K, at time.Time) *S {
	if k.m == nil {
		k.m, k.sweep = map[K]*keyState[S]{}, 64
	}
	ks, ok := k.m[key]
	if !ok {
		ks = new(keyState[S])
		if k.own != nil {
			key = k.own(key)
		}
		k.m[key] = ks
	}
	if at.After(ks.last) {
		ks.last = at
	}
	if at.After(k.newest) {
		k.newest = at
	}
	return &ks.s
}

// pin keeps a key for the whole run.
func (k *keyed[K, S]) pin(key K) {
	if ks, ok := k.m[key]; ok {
		ks.pinned = true
	}
}

// forget drops the keys, unpinned and with a time, whose newest request is
// at least window older than the newest request seen, once the map has
// doubled since the last sweep: amortised constant time per request.
func (k *keyed[K, S]) forget(window time.Duration) {
	if len(k.m) < k.sweep {
		return
	}
	for key, ks := range k.m {
		if !ks.pinned && !ks.last.IsZero() && k.newest.Sub(ks.last) >= window {
			delete(k.m, key)
		}
	}
	k.sweep = max(64, 2*len(k.m))
}

// window holds the timed Records of one key within a sliding window,
// sorted by time (equal times in arrival order).
type window struct {
	held []*Record
	done bool // reported: nothing more is counted for this key
}

// add inserts rec and drops the records a window or more older than the
// newest. It returns the first record, in time order, that is now over
// limit: the one that ends a window of w holding more than limit records
// (n, the earliest of which is first). In time order that can only be
// rec; a record that arrives late can also push a later one over.
// Records dropped before a late one arrives are not counted with it.
func (win *window) add(rec *Record, w time.Duration, limit int) (over *Record, n int, first *Record) {
	i := len(win.held)
	for i > 0 && win.held[i-1].Time.After(rec.Time) {
		i--
	}
	win.held = slices.Insert(win.held, i, rec.kept())
	newest := win.held[len(win.held)-1].Time
	lo := 0
	for newest.Sub(win.held[lo].Time) >= w {
		lo++
	}
	// Re-slicing keeps the cost per request constant; the next growth of
	// the slice copies only what is left.
	win.held = win.held[lo:]
	i -= lo
	switch {
	case i < 0:
		return nil, 0, nil
	case i == len(win.held)-1: // in time order: the window is what is held
		if n := len(win.held); n > limit {
			return win.held[i], n, win.held[0]
		}
		return nil, 0, nil
	}
	j := i
	for j > 0 && rec.Time.Sub(win.held[j-1].Time) < w {
		j--
	}
	for x := i; x < len(win.held); x++ {
		for win.held[x].Time.Sub(win.held[j].Time) >= w {
			j++
		}
		if n := x - j + 1; n > limit {
			return win.held[x], n, win.held[j]
		}
	}
	return nil, 0, nil
}
