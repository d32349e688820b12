package rules

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// Diagnostic is one finding about one request.
type Diagnostic struct {
	Rule      string
	Severity  Severity
	Provider  string // "" for provider-independent rules
	Operation string // operationId, "" when none matched
	Pointer   string // JSON Pointer into the source document
	Request   int    // index of the request in its file
	Predicts  Outcome
	Message   string
	Span      request.Span
	// Fix, when not nil, is what the rule would change to remove the
	// diagnostic.
	Fix *Fix
}

// Tag is how output names a diagnostic's rule: "rule", or "rule for
// provider" when a provider rule fired for one provider and the ID does
// not already say which (its set is another name, or the rule applies to
// several providers).
func (d Diagnostic) Tag() string {
	if d.Provider == "" {
		return d.Rule
	}
	if set, _, _ := strings.Cut(d.Rule, "/"); d.Provider == set {
		if r, ok := Lookup(d.Rule); !ok || len(r.Providers) <= 1 {
			return d.Rule
		}
	}
	return d.Rule + " for " + d.Provider
}

// Options configure an Engine.
type Options struct {
	// Set is the catalogue; nil means schemas.Default().
	Set *schemas.Set
	// Provider is the --provider flag: used when a request names none and
	// its account is not in Accounts.
	Provider string
	// Providers is the target list for requests with no provider at all.
	Providers []string
	// Accounts maps x-account-id values to providers.
	Accounts map[string]string
	// Severity overrides a rule's default severity; Off disables it.
	Severity map[string]Severity
	// Rules, when non-nil, restricts the run to these rules (tests, docs).
	Rules []*Rule
	// Jobs is how many workers check the requests of one file
	// (FileCheck.AddAll); 0 or 1 means one. The result is the same at any
	// number.
	Jobs int
}

// Engine checks Requests. It is safe for concurrent use.
type Engine struct {
	opts  Options
	set   *schemas.Set
	rules []*Rule
	match *matcher
	// supersedes maps a rule ID to the rules that supersede it.
	supersedes map[string][]string
	// The per-request rules that are on, sorted out once: those for any
	// provider, and those of each provider.
	anyProvider []*Rule
	byProvider  map[string][]*Rule
}

// New returns an Engine. Provider names in opts must already be normalised
// (see NormalizeProvider).
func New(opts Options) *Engine {
	e := &Engine{opts: opts, set: opts.Set, rules: opts.Rules}
	if e.set == nil {
		e.set = schemas.Default()
	}
	if e.rules == nil {
		e.rules = All()
	}
	e.match = matcherFor(e.set)
	e.supersedes = supersededBy(e.rules)
	e.byProvider = map[string][]*Rule{}
	for _, r := range e.rules {
		if r.Check == nil || e.severity(r) == Off {
			continue
		}
		if len(r.Providers) == 0 {
			e.anyProvider = append(e.anyProvider, r)
		}
		for _, p := range r.Providers {
			e.byProvider[p] = append(e.byProvider[p], r)
		}
	}
	return e
}

// Jobs is how many workers check the requests of one file.
func (e *Engine) Jobs() int { return e.opts.Jobs }

// Engines hands out one Engine per severity map, for front ends whose
// config gives different files different severities. It is safe for
// concurrent use.
type Engines struct {
	opts Options
	m    sync.Map // severityKey → *Engine
}

// NewEngines returns the Engines for opts; opts.Severity is replaced by
// each file's map.
func NewEngines(opts Options) *Engines { return &Engines{opts: opts} }

// For returns the engine with severities sev.
func (es *Engines) For(sev map[string]Severity) *Engine {
	key := severityKey(sev)
	if e, ok := es.m.Load(key); ok {
		return e.(*Engine)
	}
	opts := es.opts
	opts.Severity = sev
	e, _ := es.m.LoadOrStore(key, New(opts))
	return e.(*Engine)
}

func severityKey(m map[string]Severity) string {
	parts := make([]string, 0, len(m))
	for k, v := range m {
		parts = append(parts, k+"="+v.String())
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// Set returns the catalogue the engine checks against.
func (e *Engine) Set() *schemas.Set { return e.set }

// severity is the effective severity of a rule in this run.
func (e *Engine) severity(r *Rule) Severity {
	if s, ok := e.opts.Severity[r.ID]; ok {
		return s
	}
	return r.Severity
}

// Operation returns the catalogue operation a request calls, nil when its
// method and path match none (or, with unknown path segments, several).
func (e *Engine) Operation(req *request.Request) *schemas.Operation {
	op, _ := e.match.match(req, nil)
	return op
}

// Providers returns the providers a request is checked against, in the
// order of DESIGN.md §4. The slice is shared: do not modify it.
func (e *Engine) Providers(req *request.Request) []string {
	if req.Provider != "" {
		if p, ok := NormalizeProvider(req.Provider); ok {
			return oneProvider(p)
		}
		return nil // an unknown provider in a document is reported, not guessed
	}
	if h := req.Header("x-account-id"); h != nil && len(e.opts.Accounts) > 0 {
		if id, ok := h.Value.StringValue(); ok {
			if p, ok := e.opts.Accounts[id]; ok {
				return oneProvider(p)
			}
		}
	}
	if e.opts.Provider != "" {
		return oneProvider(e.opts.Provider)
	}
	return e.opts.Providers
}

// Check runs every rule over the requests of one file and returns the
// diagnostics sorted by position, rule and provider.
func (e *Engine) Check(reqs []*request.Request) []Diagnostic {
	fc := e.NewFileCheck()
	for _, req := range reqs {
		fc.Add(req)
	}
	return fc.Diagnostics()
}

// CheckRequest runs the per-request rules on one request and returns their
// diagnostics, unsorted and before ignores, and the request's Record for
// the cross-request rules (Tracker.Add).
func (e *Engine) CheckRequest(req *request.Request) ([]Diagnostic, *Record) {
	return e.checkIn(new(Pass), req)
}

// checkIn is CheckRequest in the Pass p (new, or one whose results are
// no longer used): the results are p's memory.
func (e *Engine) checkIn(p *Pass, req *request.Request) ([]Diagnostic, *Record) {
	req = withoutNullQuery(req)
	e.startPass(p, req)
	for _, r := range e.anyProvider {
		if r.Inputs.Has(req.Input) {
			p.run(r, "")
		}
	}
	e.checkProvider(p)
	for _, prov := range p.providers {
		for _, r := range e.byProvider[prov] {
			if r.Inputs.Has(req.Input) {
				p.run(r, prov)
			}
		}
	}
	diags, rec := e.supersede(p.providers, p.diags), e.record(p)
	if req.Reused() {
		ownResults(req, diags, rec)
	}
	p.release()
	return diags, rec
}

// ownResults makes the results of the check of a request whose memory
// its reader reuses hold none of that memory (request.Request.Own): the
// strings of the diagnostics, their fixes and the Record.
func ownResults(req *request.Request, ds []Diagnostic, rec *Record) {
	for i := range ds {
		d := &ds[i]
		d.Provider, d.Operation, d.Pointer, d.Message = req.Own(d.Provider), req.Own(d.Operation), req.Own(d.Pointer), req.Own(d.Message)
		if f := d.Fix; f != nil && (req.Views(f.Description) || slices.ContainsFunc(f.Edits, func(e request.Edit) bool { return req.Views(e.Text) })) {
			// A copy: a rule's edits may be shared.
			f := *f
			f.Description = req.Own(f.Description)
			f.Edits = slices.Clone(f.Edits)
			for k := range f.Edits {
				f.Edits[k].Text = req.Own(f.Edits[k].Text)
			}
			d.Fix = &f
		}
	}
	rec.Operation, rec.Family, rec.Pointer, rec.Account = req.Own(rec.Operation), req.Own(rec.Family), req.Own(rec.Pointer), req.Own(rec.Account)
}

// FileCheck checks the requests of one file one at a time: a request can
// be dropped once added, since what is kept of it is its diagnostics
// (compact, in a Held), its ignore entries, and what the cross-request
// rules need (Record).
type FileCheck struct {
	e       *Engine
	tracker *Tracker
	held    Held
	ignores ignoreSet
	// pass is the Pass of Add, used for every request: what is kept of a
	// check is copied out by AddChecked.
	pass *Pass
}

// freshPasses, set by tests, gives every check of a FileCheck a new Pass,
// the reference a check in reused Passes must equal.
var freshPasses bool

// NewFileCheck starts the check of one file.
func (e *Engine) NewFileCheck() *FileCheck {
	return &FileCheck{e: e, tracker: e.NewTracker()}
}

// Add checks the next request of the file.
func (fc *FileCheck) Add(req *request.Request) {
	if fc.pass == nil || freshPasses {
		fc.pass = new(Pass)
	}
	ds, rec := fc.e.checkIn(fc.pass, req)
	fc.AddChecked(req.Index, req.Ignores, ds, rec)
}

// AddChecked adds a request that CheckRequest has already checked (by a
// worker, in any order): the number, ignore entries, diagnostics and
// Record of one request. Requests must be added in file order. The
// memory of ds and rec is not kept (their strings and fixes may be), so
// the caller can use it again.
func (fc *FileCheck) AddChecked(index int, ignores []*request.Ignore, ds []Diagnostic, rec *Record) {
	for _, d := range ds {
		fc.held.Add(d)
	}
	for _, d := range fc.tracker.Add(rec) {
		fc.held.Add(d)
	}
	fc.ignores.add(index, ignores)
}

// Diagnostics applies the ignore entries and returns every diagnostic of
// the file, sorted. It is called once, after the last request, instead of
// Held.
func (fc *FileCheck) Diagnostics() []Diagnostic {
	return fc.Held().Slice()
}

// Held applies the ignore entries, adds extra (the reader's problems,
// which no ignore entry silences) and returns every diagnostic of the
// file, sorted once, as they are held. It is called once, after the last
// request, instead of Diagnostics.
func (fc *FileCheck) Held(extra ...Diagnostic) *Held {
	h := &fc.held
	if len(fc.ignores.order) > 0 {
		// Only the diagnostics of requests with ignore entries are looked
		// at again.
		var ds []Diagnostic
		h.Keep(func(i int) bool {
			if _, ok := fc.ignores.byIndex[h.requestAt(i)]; ok {
				ds = append(ds, h.At(i))
				return false
			}
			return true
		})
		for _, d := range fc.e.applyIgnores(&fc.ignores, ds) {
			h.Add(d)
		}
	}
	for _, d := range extra {
		h.Add(d)
	}
	h.Sort()
	return h
}

// checkProvider reports a provider named by the request itself that atslint
// does not know: its provider rules would silently not run.
func (e *Engine) checkProvider(p *Pass) {
	req := p.Request
	// A provider the request names is known when it resolved to one.
	if req.Provider == "" || p.providers != nil || e.severity(ruleUnknownProvider) == Off {
		return
	}
	norm, ok := NormalizeProvider(req.Provider)
	if ok {
		return
	}
	// The name is repeated only next to the provider it is a typo of: a
	// field that holds anything else could hold anything, personal data
	// included.
	msg := "unknown provider"
	if c, ok := closestProvider(norm); ok {
		msg += " " + quote(req.Provider) + " (did you mean " + quote(c) + "?)"
	}
	msg += ", so no provider rule runs for this request; use one of: " + strings.Join(KnownProviders(), ", ")
	p.rule, p.Provider = ruleUnknownProvider, ""
	span := req.ProviderSpan
	if span.IsZero() {
		span = req.Span
	}
	p.Reportf(span, req.Pointer+"/provider", "%s", msg)
}

// SortDiagnostics orders diagnostics by position, then as
// CompareDiagnostics does, so that output is the same at any level of
// parallelism.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Span.Start.Offset, b.Span.Start.Offset),
			CompareDiagnostics(a, b))
	})
}

// CompareDiagnostics orders two diagnostics at the same position: by rule,
// provider, request and message. Front ends that order by positions of
// their own (the report by file, line and column; the analyzer by
// token.Pos) break ties with it.
func CompareDiagnostics(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Provider, b.Provider),
		cmp.Compare(a.Request, b.Request),
		cmp.Compare(a.Message, b.Message))
}

// ignoreSet holds the ignore entries of a file's requests, copied, so
// that the requests themselves need not be kept.
type ignoreSet struct {
	byIndex map[int][]*ignoreUse
	order   []*ignoreUse // every entry, in request order
}

type ignoreUse struct {
	request.Ignore
	index int
}

func (s *ignoreSet) add(index int, igs []*request.Ignore) {
	if len(igs) == 0 {
		if s.byIndex != nil {
			delete(s.byIndex, index) // the last request of an index holds its ignores
		}
		return
	}
	if s.byIndex == nil {
		s.byIndex = map[int][]*ignoreUse{}
	}
	list := make([]*ignoreUse, len(igs))
	for i, ig := range igs {
		c := *ig
		c.Rule, c.Reason, c.Pointer = strings.Clone(c.Rule), strings.Clone(c.Reason), strings.Clone(c.Pointer)
		list[i] = &ignoreUse{Ignore: c, index: index}
	}
	s.byIndex[index] = list
	s.order = append(s.order, list...)
}

// AddAll checks the requests that read hands to its add function, in file
// order, with up to jobs workers running the per-request rules once there
// are more than a few requests. The cross-request rules and the ignores
// see the requests in file order whatever the workers do, so the result is
// the same at any jobs. Few requests are in flight at a time: memory does
// not grow with the file. With one job, each request is checked before
// add returns.
func (fc *FileCheck) AddAll(jobs int, read func(add func(*request.Request))) {
	addAll(fc, jobs, func() func(*request.Request) *request.Request {
		return func(r *request.Request) *request.Request { return r }
	}, read)
}

// AddElements is AddAll for the elements of an array document still to be
// parsed: each worker reads the elements it checks, with a function of
// its own that newRead makes (one per worker, so that it can keep an
// ElementReader) and that returns nil for an element that is no request.
// Elements are read in any order, each once; their requests are added in
// file order, as AddAll adds them. With one job, each element is read
// before read's add returns.
func (fc *FileCheck) AddElements(jobs int, newRead func() func(request.Element) *request.Request, read func(add func(request.Element))) {
	addAll(fc, jobs, newRead, read)
}

// addAll is AddAll for items of any kind that a worker turns into
// requests with a function that newLoad makes for it.
func addAll[T any](fc *FileCheck, jobs int, newLoad func() func(T) *request.Request, read func(add func(T))) {
	const batchSize = 32
	if jobs <= 1 {
		load := newLoad()
		read(func(it T) {
			if r := load(it); r != nil {
				fc.Add(r)
			}
		})
		return
	}
	type checked struct {
		index   int
		ignores []*request.Ignore
		diags   []Diagnostic
		rec     *Record
		ok      bool
	}
	type batch struct {
		seq   int
		items []T
		out   []checked
		// passes hold the results in out until they are added, and are
		// used again with the batch.
		passes []Pass
	}
	var (
		work, done chan *batch
		inFlight   chan struct{}
		free       chan *batch // batches added, to be used again
		workers    sync.WaitGroup
		sequenced  chan struct{}
	)
	start := func() {
		work, done = make(chan *batch, jobs), make(chan *batch, jobs)
		// At most this many batches are read and not yet added, however
		// unevenly the workers go.
		inFlight = make(chan struct{}, 4*jobs)
		free = make(chan *batch, 4*jobs+2)
		for range jobs {
			workers.Go(func() {
				load := newLoad()
				for b := range work {
					b.out = slices.Grow(b.out[:0], len(b.items))[:len(b.items)]
					if len(b.passes) < len(b.items) || freshPasses {
						b.passes = make([]Pass, batchSize)
					}
					for i, it := range b.items {
						if r := load(it); r != nil {
							ds, rec := fc.e.checkIn(&b.passes[i], r)
							b.out[i] = checked{r.Index, r.Ignores, ds, rec, true}
						} else {
							b.out[i] = checked{}
						}
					}
					clear(b.items) // the trees can go
					b.items = b.items[:0]
					done <- b
				}
			})
		}
		// The sequencer adds the batches in the order they were read.
		sequenced = make(chan struct{})
		go func() {
			defer close(sequenced)
			pending := map[int]*batch{}
			next := 0
			for b := range done {
				pending[b.seq] = b
				for b := pending[next]; b != nil; b = pending[next] {
					delete(pending, next)
					for _, c := range b.out {
						if c.ok {
							fc.AddChecked(c.index, c.ignores, c.diags, c.rec)
						}
					}
					clear(b.out)
					next++
					<-inFlight
					select {
					case free <- b:
					default:
					}
				}
			}
		}()
	}
	send := func(b *batch) {
		if work == nil {
			start()
		}
		inFlight <- struct{}{}
		work <- b
	}
	cur := &batch{items: make([]T, 0, batchSize)}
	read(func(it T) {
		cur.items = append(cur.items, it)
		if len(cur.items) == batchSize {
			send(cur)
			seq := cur.seq + 1
			select {
			case cur = <-free:
				cur.seq = seq
			default:
				cur = &batch{seq: seq, items: make([]T, 0, batchSize)}
			}
		}
	})
	if work == nil {
		// A small file: not worth the workers.
		load := newLoad()
		for _, it := range cur.items {
			if r := load(it); r != nil {
				fc.Add(r)
			}
		}
		return
	}
	if len(cur.items) > 0 {
		send(cur)
	}
	close(work)
	workers.Wait()
	close(done)
	<-sequenced
}
