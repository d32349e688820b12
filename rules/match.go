package rules

import (
	"sort"
	"strings"
	"sync"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

type template struct {
	op   *schemas.Operation
	segs []string // literal segment, or "" for a {parameter}
}

type matcher struct {
	templates []template
	// byLen holds the templates by their number of segments, in catalogue
	// order: a path is only ever compared with templates of its length.
	byLen [][]template
}

var matchers sync.Map // *schemas.Set → *matcher

func matcherFor(set *schemas.Set) *matcher {
	if m, ok := matchers.Load(set); ok {
		return m.(*matcher)
	}
	// Built once per process for the catalogue in use, so it runs on every
	// start-up: all segments share one backing array (issue 12).
	n, nops := 0, 0
	for op := range set.AllOperations() {
		n += strings.Count(op.Path, "/") + 1
		nops++
	}
	all := make([]string, 0, n)
	m := &matcher{templates: make([]template, 0, nops)}
	maxLen := 0
	for op := range set.AllOperations() {
		start := len(all)
		if p := strings.TrimPrefix(strings.TrimSuffix(op.Path, "/"), "/"); p != "" {
			for more := true; more; {
				var s string
				s, p, more = strings.Cut(p, "/")
				if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
					s = ""
				}
				all = append(all, s)
			}
		}
		t := template{op: op}
		if len(all) > start {
			t.segs = all[start:len(all):len(all)]
		}
		m.templates = append(m.templates, t)
		maxLen = max(maxLen, len(t.segs))
	}
	count := make([]int, maxLen+1)
	for _, t := range m.templates {
		count[len(t.segs)]++
	}
	m.byLen = make([][]template, maxLen+1)
	for l, c := range count {
		if c > 0 {
			m.byLen[l] = make([]template, 0, c)
		}
	}
	for _, t := range m.templates {
		m.byLen[len(t.segs)] = append(m.byLen[len(t.segs)], t)
	}
	actual, _ := matchers.LoadOrStore(set, m)
	return actual.(*matcher)
}

// matchPath returns the templates whose path matches segs, most literal
// segments first.
func (m *matcher) matchPath(segs []string) []template {
	return m.appendMatches(nil, segs)
}

// appendMatches is matchPath appending to out.
func (m *matcher) appendMatches(out []template, segs []string) []template {
	best := -1
	if len(segs) >= len(m.byLen) {
		return out
	}
	for _, t := range m.byLen[len(segs)] {
		literal, ok := 0, true
		// From the end: /unified/ats is common to all, the resource names
		// after it tell templates apart.
		for i := len(t.segs) - 1; i >= 0; i-- {
			s := t.segs[i]
			switch {
			case segs[i] == request.UnknownSegment:
			case s == "":
				// A parameter matches any segment, empty and placeholder
				// ones included: those are placeholder-id's business.
			case s == segs[i]:
				literal++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		// A literal match beats a parameter: /jobs/{id} must not swallow a
		// more specific path of the same length.
		if literal > best {
			best, out = literal, out[:0]
		}
		if literal == best {
			out = append(out, t)
		}
	}
	return out
}

// match returns the operation a request calls (nil if none) and the
// operations on the same path (for messages and path-parameter checks),
// appended to dst.
// When unknown segments let the request match several operations with its
// method (POST /unified/ats/\x00), it calls none that can be named: rules
// must not judge it by a guess.
func (m *matcher) match(req *request.Request, dst []*schemas.Operation) (*schemas.Operation, []*schemas.Operation) {
	if req.Path == "" && !req.PathKnown {
		return nil, nil
	}
	segs := req.PathSegments()
	var buf [8]template // most paths have one to three operations
	var op *schemas.Operation
	ambiguous := false
	matched := m.appendMatches(buf[:0], segs)
	same := dst
	for _, t := range matched {
		same = append(same, t.op)
		if req.MethodKnown && strings.EqualFold(t.op.Method, req.Method) {
			if op == nil {
				op = t.op
			} else if op != t.op && hasUnknownSegment(segs) {
				ambiguous = true
			}
		}
	}
	if ambiguous {
		op = nil
	}
	return op, same
}

func hasUnknownSegment(segs []string) bool {
	for _, s := range segs {
		if s == request.UnknownSegment {
			return true
		}
	}
	return false
}

// nearest returns the operations whose path template is closest to segs by a
// segment-wise edit distance, preferring the request's method.
func (m *matcher) nearest(method string, segs []string) []*schemas.Operation {
	type scored struct {
		op   *schemas.Operation
		dist int
	}
	var all []scored
	for _, t := range m.templates {
		d := segmentDistance(segs, t.segs)
		if !strings.EqualFold(t.op.Method, method) {
			d++ // same path, other method: a close second
		}
		all = append(all, scored{t.op, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].dist < all[j].dist })
	var out []*schemas.Operation
	for _, s := range all {
		if len(out) == 3 || (len(out) > 0 && s.dist > all[0].dist) {
			break
		}
		out = append(out, s.op)
	}
	return out
}

// segmentDistance is an edit distance over path segments where a template
// parameter matches any segment and a changed literal costs its character
// edit distance.
func segmentDistance(a, tmpl []string) int {
	const gap = 4
	prev := make([]int, len(tmpl)+1)
	cur := make([]int, len(tmpl)+1)
	for j := range prev {
		prev[j] = j * gap
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i * gap
		for j := 1; j <= len(tmpl); j++ {
			sub := 0
			if t := tmpl[j-1]; t != "" && t != a[i-1] {
				sub = textdist.Levenshtein(a[i-1], t)
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+gap, cur[j-1]+gap)
		}
		prev, cur = cur, prev
	}
	return prev[len(tmpl)]
}

// closest returns the candidate nearest to s, if it is near enough to be a
// likely typo.
func closest(s string, candidates []string) (string, bool) {
	return textdist.Closest(s, candidates, max(2, len(s)/3))
}
