package rules

import (
	"strings"

	"github.com/atslint/atslint/request"
)

// proxyCall is the provider-native request that a passthrough request
// (POST /unified/proxy) carries in its body: {url, method, path, headers,
// body}. StackOne sends it to the linked account's provider as it is, so
// provider-native rules check it directly.
type proxyCall struct {
	body *request.Value // the passthrough body (an object)

	// Method is the native method in upper case, "" when the body has none
	// or it is not a known string: method rules then stay silent.
	Method  string
	methodV *request.Value

	// Host is the url's host in lower case, "" without an absolute url.
	Host string
	// Segments are the native path's segments: the url's, then the path's.
	Segments []string
	// Query holds the native query parameters of the url and the path;
	// their spans point into those strings.
	Query []request.Param
	// known is false when the url or the path is not a known string, so
	// the target (and with it every path or query rule) cannot be judged.
	known bool
	urlV  *request.Value
	pathV *request.Value

	headers      *request.Value // an object, or nil when absent
	headersKnown bool           // false when "headers" is unknown or malformed

	// Payload is the native body, nil when absent.
	Payload *request.Value
}

// proxyOf returns the native request of a passthrough request, or nil when
// the request is not one or its body is not a visible object. It is read
// once per request; rules must not modify it.
func proxyOf(p *Pass) *proxyCall {
	if !p.proxyDone {
		p.proxy, p.proxyDone = readProxy(p), true
	}
	return p.proxy
}

func readProxy(p *Pass) *proxyCall {
	if !p.Is(proxyOperation) {
		return nil
	}
	b := p.Request.Body
	if b == nil || b.Kind != request.Object {
		return nil
	}
	pc := &proxyCall{body: b, known: true, headersKnown: true}
	if m := b.Get("method"); m != nil {
		pc.methodV = m
		if s, ok := m.StringValue(); ok {
			pc.Method = strings.ToUpper(strings.TrimSpace(s))
		}
	}
	for _, key := range []string{"url", "path"} {
		v := b.Get(key)
		if v == nil || v.Kind == request.Null {
			continue
		}
		if v.Kind != request.String {
			pc.known = false
			continue
		}
		var t request.Request
		if key == "url" {
			pc.urlV = v
			t.SetURL(v)
			pc.Host = t.Host
		} else {
			pc.pathV = v
			t.SetPath(v)
		}
		pc.Segments = append(pc.Segments, t.PathSegments()...)
		pc.Query = append(pc.Query, t.Query...)
	}
	switch h := b.Get("headers"); {
	case h == nil || h.Kind == request.Null:
	case h.Kind == request.Object:
		pc.headers = h
	default:
		pc.headersKnown = false
	}
	pc.Payload = b.Get("body")
	return pc
}

// providerHosts are the API hosts of each provider (a leading dot matches
// any subdomain). A passthrough request whose url names another host calls
// some other API of the provider (Greenhouse's Job Board API, say), which
// the provider's rules do not describe.
var providerHosts = map[string][]string{
	"greenhouse": {"harvest.greenhouse.io"},
	"lever":      {"api.lever.co"},
	"workable":   {".workable.com"},
	"bullhorn":   {".bullhornstaffing.com"},
	"ashby":      {"api.ashbyhq.com"},
	"personio":   {"api.personio.de"},
	"teamtailor": {"api.teamtailor.com", "api.na.teamtailor.com"},
	"recruitee":  {".recruitee.com"},
	"icims":      {".icims.com"},
	// SAP's OData API servers (apiN.successfactors.com/.eu, apiN.sapsf.com/.eu/.cn).
	"successfactors": {".successfactors.com", ".successfactors.eu", ".sapsf.com", ".sapsf.eu", ".sapsf.cn"},
	"jobvite":        {".jobvite.com"},
	"oracle":         {".oraclecloud.com"}, // Fusion HCM hosts: <pod>.fa.<region>.oraclecloud.com
}

// on reports whether the native request goes to provider's API: its url
// names one of the provider's API hosts, or it has no url (StackOne then
// uses the linked account's base URL).
func (pc *proxyCall) on(provider string) bool {
	if pc.Host == "" {
		return true
	}
	host := pc.Host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	for _, h := range providerHosts[provider] {
		if host == h || strings.HasPrefix(h, ".") && strings.HasSuffix(host, h) {
			return true
		}
	}
	return false
}

// targetValue is the body value to report a problem with the native path
// at: the path when it has segments, else the url, else the body.
func (pc *proxyCall) targetValue() *request.Value {
	if pc.pathV != nil && strings.Trim(strings.SplitN(pc.pathV.Str, "?", 2)[0], "/") != "" {
		return pc.pathV
	}
	if pc.urlV != nil {
		return pc.urlV
	}
	return pc.body
}

// segment returns the i-th native path segment, "" when out of range; a
// negative i counts from the end.
func (pc *proxyCall) segment(i int) string {
	if i < 0 {
		i += len(pc.Segments)
	}
	if i < 0 || i >= len(pc.Segments) {
		return ""
	}
	return pc.Segments[i]
}

// index returns the position of the first segment equal to s, or -1.
func (pc *proxyCall) index(s string) int {
	for i, seg := range pc.Segments {
		if seg == s {
			return i
		}
	}
	return -1
}

// param returns the first plain native query parameter named name.
func (pc *proxyCall) param(name string) *request.Param {
	for i := range pc.Query {
		if pc.Query[i].Key == "" && pc.Query[i].Name == name {
			return &pc.Query[i]
		}
	}
	return nil
}

// header returns the native header named name (case-insensitive), or nil.
func (pc *proxyCall) header(name string) *request.Member {
	if pc.headers == nil {
		return nil
	}
	for _, m := range pc.headers.Members {
		if strings.EqualFold(m.Key, name) {
			return m
		}
	}
	return nil
}

// headersAt is where to report a missing native header: the "headers" key,
// or the passthrough body when it has none.
func (pc *proxyCall) reportMissingHeader(p *Pass, format string, args ...any) {
	if m := pc.body.Member("headers"); m != nil {
		p.ReportMember(m, format, args...)
		return
	}
	p.ReportValue(pc.body, format, args...)
}

// payloadObject returns the native body when it is a visible object.
func (pc *proxyCall) payloadObject() *request.Value {
	if pc.Payload == nil || pc.Payload.Kind != request.Object {
		return nil
	}
	return pc.Payload
}

// reportPayload reports at the native body, or at the passthrough body
// when the native one is absent.
func (pc *proxyCall) reportPayload(p *Pass, format string, args ...any) {
	if pc.Payload != nil {
		p.ReportValue(pc.Payload, format, args...)
		return
	}
	p.ReportValue(pc.body, format, args...)
}

// isWrite reports whether the native method is a known write method.
func (pc *proxyCall) isWrite() bool {
	switch pc.Method {
	case "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}
