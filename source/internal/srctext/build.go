package srctext

import (
	"encoding/base64"
	"strings"

	"github.com/atslint/atslint/request"
)

// NewRequest starts a request numbered index at ptr covering span.
func NewRequest(index int, ptr string, span request.Span) *request.Request {
	return &request.Request{Index: index, Pointer: ptr, Span: span, QueryComplete: true, HeadersComplete: true}
}

// SetMethod sets the method from t.
func SetMethod(f *File, r *request.Request, t Text) {
	t = t.TrimSpace()
	r.MethodSpan = t.Whole(f)
	r.MethodKnown = t.Known() && t.Len() > 0
	if r.MethodKnown {
		r.Method = strings.ToUpper(t.String())
	}
}

// SetURL fills the target of r from the URL t as sent (variables already
// expanded): URL, Scheme, Host, Path, Segments and their spans, and the
// parameters of its query string. A URL without a scheme that does not
// start with '/' starts with its host, as clients read it
// ("api.stackone.com/unified/…", "{{baseUrl}}/unified/…"). An unknown
// stretch makes its host unknown (Host ""), its path segment "\x00"
// (PathKnown false), its query value Unknown, or, in a parameter name, the
// query incomplete.
func SetURL(f *File, r *request.Request, t Text, ptr string) {
	t = t.TrimSpace()
	r.URL = t.String()
	r.PathSpan, r.PathPointer = t.Whole(f), ptr
	r.PathKnown = true
	rest := t
	if i := indexStr(t, "://"); i > 0 && t.Slice(0, i).Known() && isScheme(t.Slice(0, i).String()) {
		r.Scheme = strings.ToLower(t.Slice(0, i).String())
		rest = t.Slice(i+3, t.Len())
	}
	if rest.Len() > 0 {
		if c, ok := rest.Byte(0); !(ok && c == '/') || r.Scheme != "" {
			h := rest.Len()
			for i := 0; i < rest.Len(); i++ {
				if c, ok := rest.Byte(i); ok && (c == '/' || c == '?' || c == '#') {
					h = i
					break
				}
			}
			if host := rest.Slice(0, h); host.Known() {
				r.Host = strings.ToLower(host.String())
			}
			rest = rest.Slice(h, rest.Len())
		}
	}
	if i := rest.Index('#', 0); i >= 0 {
		rest = rest.Slice(0, i)
	}
	path, query := rest, Text{}
	if i := rest.Index('?', 0); i >= 0 {
		path, query = rest.Slice(0, i), rest.Slice(i+1, rest.Len())
	}
	parts := path.Split('/')
	lo, hi := 0, len(parts)
	if lo < hi && parts[lo].Len() == 0 {
		lo++
	}
	if hi > lo && parts[hi-1].Len() == 0 {
		hi--
	}
	r.Segments, r.PathSegmentSpans = nil, nil
	for _, p := range parts[lo:hi] {
		seg := "\x00"
		if p.Known() {
			seg = unescape(p.String(), false)
		} else {
			r.PathKnown = false
		}
		r.Segments = append(r.Segments, seg)
		r.PathSegmentSpans = append(r.PathSegmentSpans, p.Whole(f))
	}
	r.Path = "/" + strings.Join(r.Segments, "/")
	if query.Len() > 0 {
		for _, pair := range query.Split('&') {
			if pair.Len() == 0 {
				continue
			}
			key, val, hasVal := pair, Text{}, false
			if i := pair.Index('=', 0); i >= 0 {
				key, val, hasVal = pair.Slice(0, i), pair.Slice(i+1, pair.Len()), true
			}
			addParam(f, r, key, val, hasVal, true, ptr)
		}
	}
}

func indexStr(t Text, s string) int {
	i := strings.Index(t.String(), s)
	if i < 0 || !t.Slice(i, i+len(s)).Known() {
		return -1
	}
	return i
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return len(s) > 0
}

// AddQuery appends one query parameter given as a separate key and value
// (Postman query[], Bruno params:query, curl -G data). Encoded is true when
// they are written percent-encoded, as in a URL.
func AddQuery(f *File, r *request.Request, key, val Text, encoded bool, ptr string) {
	addParam(f, r, key, val, true, encoded, ptr)
}

func addParam(f *File, r *request.Request, key, val Text, hasVal, encoded bool, ptr string) {
	if !key.Known() {
		r.QueryComplete = false // an unknown name: any parameter may be sent
		return
	}
	k := key.String()
	if encoded {
		k = unescape(k, true)
	}
	v := &request.Value{Kind: request.Unknown, Pointer: ptr}
	if hasVal {
		v.Span = val.Whole(f)
	} else {
		v.Span = key.Span(f, key.Len(), key.Len())
	}
	if val.Known() {
		v.Kind, v.Str = request.String, val.String()
		if encoded {
			v.Str = unescape(v.Str, true)
		}
	} else if encoded && val.Index('&', 0) < 0 {
		// An unknown stretch in a URL may hold '&' and more parameters.
		r.QueryComplete = false
	}
	name, sub := request.SplitParamName(k)
	r.Query = append(r.Query, request.Param{Name: name, Key: sub, KeySpan: key.Whole(f), Value: v, Pointer: ptr})
}

// AddHeader appends a header. An unknown name makes the headers incomplete;
// an unknown value is an Unknown value.
func AddHeader(f *File, r *request.Request, name, val Text, ptr string) {
	name = name.TrimSpace()
	if !name.Known() {
		r.HeadersComplete = false
		return
	}
	r.Headers = append(r.Headers, request.Header{Name: name.String(), NameSpan: name.Whole(f), Value: TextValue(f, val.TrimSpace(), ptr)})
}

// SetHeader replaces every header named like name (case-insensitive) by one.
func SetHeader(f *File, r *request.Request, name, val Text, ptr string) {
	out := r.Headers[:0]
	for _, h := range r.Headers {
		if !strings.EqualFold(h.Name, name.String()) {
			out = append(out, h)
		}
	}
	r.Headers = out
	AddHeader(f, r, name, val, ptr)
}

// UnknownHeader adds a header whose value a script may set: present, value
// unknown. It replaces one of the same name.
func UnknownHeader(r *request.Request, name string, span request.Span, ptr string) {
	out := r.Headers[:0]
	for _, h := range r.Headers {
		if !strings.EqualFold(h.Name, name) {
			out = append(out, h)
		}
	}
	r.Headers = append(out, request.Header{Name: name, NameSpan: span, Value: &request.Value{Kind: request.Unknown, Span: span, Pointer: ptr}})
}

// TextValue is t as a string value, Unknown when any byte is.
func TextValue(f *File, t Text, ptr string) *request.Value {
	v := &request.Value{Kind: request.Unknown, Span: t.Whole(f), Pointer: ptr}
	if t.Known() {
		v.Kind, v.Str = request.String, t.String()
	}
	return v
}

// BasicAuth is the Authorization value a client builds from a user name and
// password: "Basic " + base64(user:password), unknown when either is. The
// value spans the user name (the credential a StackOne key is).
func BasicAuth(user, pass Text) Text {
	var t Text
	from, to := user.Source(0, user.Len())
	if user.Len() == 0 {
		from, to = pass.Source(0, pass.Len())
	}
	if !user.Known() || !pass.Known() {
		t.Unknown(from, to)
		return t
	}
	t.Var("Basic "+base64.StdEncoding.EncodeToString([]byte(user.String()+":"+pass.String())), from, to)
	return t
}

// Prefixed is prefix (placed at the start of t) followed by t.
func Prefixed(prefix string, t Text) Text {
	var out Text
	from, _ := t.Source(0, 0)
	out.Var(prefix, from, from)
	out.Append(t)
	return out
}

// IsStackOne reports whether r is a call to StackOne's API: a StackOne
// host (request.IsStackOneURL), or a host that is an unresolved variable
// (a {{baseUrl}} with no value) followed by a /unified/ path.
func IsStackOne(r *request.Request) bool {
	if r.Host == "" && r.Scheme == "" && strings.HasPrefix(r.URL, "\x00") {
		return strings.HasPrefix(r.Path, "/unified/")
	}
	return request.IsStackOneURL(r)
}

func unescape(s string, plusSpace bool) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+' && plusSpace:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func ishex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// PathVars substitutes the ":name" segments of u's path (after the
// authority, before '?') with value(name); a name value does not know is
// left as written (Postman and Bruno send it so).
func PathVars(u Text, value func(name string) (Text, bool)) Text {
	start := 0
	if i := strings.Index(u.String(), "://"); i >= 0 {
		start = i + 3
	}
	end := u.Len()
	if q := u.Index('?', start); q >= 0 {
		end = q
	}
	var out Text
	out.Append(u.Slice(0, start))
	seg := start
	flush := func(i int) {
		s := u.Slice(seg, i)
		if s.Len() > 1 && s.Known() && s.String()[0] == ':' {
			if v, ok := value(s.String()[1:]); ok {
				out.Append(v)
				return
			}
		}
		out.Append(s)
	}
	for i := start; i < end; i++ {
		if b, ok := u.Byte(i); ok && b == '/' {
			flush(i)
			out.Append(u.Slice(i, i+1))
			seg = i + 1
		}
	}
	flush(end)
	out.Append(u.Slice(end, u.Len()))
	return out
}
