package rules

import (
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// replacements name what to use instead of a deprecated query parameter.
var replacements = map[string]string{
	"page":           "the next cursor from the previous response",
	"updated_after":  "filter[updated_after]",
	"sync_token":     "filter[updated_after]",
	"job_id":         "filter[job_id]",
	"filter[status]": "filter[job_status]",
}

// equivalents are the replacements that take the same value as the
// deprecated parameter: renaming is all the fix there is.
var equivalents = map[string]string{
	"updated_after":  "filter[updated_after]",
	"job_id":         "filter[job_id]",
	"filter[status]": "filter[job_status]",
}

// filterAccepts reports whether the filter[...] parameter full takes the
// value v as it is: a renamed parameter must not start failing on its value.
func filterAccepts(op *schemas.Operation, full string, v *request.Value) bool {
	_, key := request.SplitParamName(full)
	f := findFilter(op, key)
	if f == nil || !v.IsKnown() || v.Kind == request.Null {
		return f != nil
	}
	s, isString := v.StringValue()
	switch {
	case f.Format == "date-time":
		return isString && schemas.IsDateTime(s)
	case len(f.Enum) > 0:
		return isString && declared(f.Enum, s)
	}
	return true
}

// declaresFilter reports whether op declares the filter[...] parameter full.
func declaresFilter(op *schemas.Operation, full string) bool {
	name, key := request.SplitParamName(full)
	return name == "filter" && declaresParam(op, "filter") && hasFilterKey(op, key)
}

var ruleDeprecatedQueryParam = &Rule{
	ID: "stackone/deprecated-query-param", Severity: Warning, Predicts: "none", AutoFix: Safe,
	Doc: Doc{
		Title: "deprecated query parameter",
		Why: "The spec marks page, the top-level updated_after, sync_token, the top-level job_id on applications and " +
			"filter[status] on jobs as deprecated. They still work today but may stop working, and page-based paging " +
			"is slower and less stable than the next cursor.",
		Fix:     "Use the replacement the message names: the next cursor, filter[updated_after], filter[job_id] or filter[job_status].",
		AutoFix: "Renames updated_after to filter[updated_after], job_id to filter[job_id] and filter[status] to filter[job_status], when the operation declares the new key and the request does not send it already; the value stays. page and sync_token have no equivalent that takes the same value, so they have no automatic fix.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?updated_after=2024-01-01T00:00:00Z", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": deprecated: true on these parameters"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil {
			return
		}
		for _, q := range p.Request.Query {
			name := q.FullName()
			deprecated := false
			if q.Key == "" {
				for _, d := range op.Query {
					deprecated = deprecated || d.Name == q.Name && d.Deprecated
				}
			} else if q.Name == "filter" {
				for _, f := range op.Filters {
					deprecated = deprecated || f.Name == q.Key && f.Deprecated
				}
			}
			if !deprecated {
				continue
			}
			if r, ok := replacements[name]; ok {
				p.ReportParam(q, "query parameter %s is deprecated; use %s", name, r)
				if to, ok := equivalents[name]; ok && declaresFilter(op, to) && !hasParam(p.Request, to) && filterAccepts(op, to, q.Value) {
					if e, ok := renameParam(p.Request, q, to); ok {
						p.Fix("rename "+name+" to "+to, e)
					}
				}
			} else {
				p.ReportParam(q, "query parameter %s is deprecated", name)
			}
		}
	},
}

var ruleUnknownFilter = &Rule{
	ID: "stackone/unknown-filter", Severity: Warning, Predicts: "silent", AutoFix: Unsafe,
	Doc: Doc{
		Title: "filter key the operation does not declare",
		Why: "Each list operation declares the keys it accepts inside filter[...]. Other keys (filter[updated_at], " +
			"filter[status] on candidates) are not part of the unified API: the request returns unfiltered results, " +
			"or fails for providers that reject unknown parameters.",
		Fix:     "Use a declared filter key; the message names the closest. To filter on a provider-native field, use proxy[...].",
		AutoFix: "Renames the key to the one declared filter key nearest to it, when no other is as near and the request does not send it already. Unsafe: the filter starts being applied.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": the filter parameter's object schema per operation"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil || !declaresParam(op, "filter") {
			return
		}
		names := filterNames(op)
		for _, q := range p.Request.Params("filter") {
			if q.Key == "" {
				p.ReportParam(q, "filter must be a deepObject (filter[key]=value); allowed keys: %s", strings.Join(names, ", "))
				continue
			}
			if declared(names, q.Key) {
				continue
			}
			msg := "filter key " + quote(q.Key) + " is not declared by " + op.ID
			if c, ok := closest(q.Key, names); ok {
				msg += "; did you mean filter[" + c + "]?"
			} else {
				msg += "; allowed keys: " + strings.Join(names, ", ")
			}
			p.ReportParam(q, "%s", msg)
			if c, ok := closestOnly(q.Key, names); ok && !hasParam(p.Request, "filter["+c+"]") {
				if e, ok := renameParam(p.Request, q, "filter["+c+"]"); ok {
					p.Fix("rename "+q.FullName()+" to filter["+c+"]", e)
				}
			}
		}
	},
}

func declaresParam(op *schemas.Operation, name string) bool {
	for _, q := range op.Query {
		if q.Name == name {
			return true
		}
	}
	return false
}

var ruleInvalidFilterValue = &Rule{
	ID: "stackone/invalid-filter-value", Severity: Error, Predicts: "400",
	Doc: Doc{
		Title: "filter value of the wrong format or outside its values",
		Why: "Date filters (updated_after, created_after) take an RFC 3339 date-time and enum filters a listed value. " +
			"Anything else is rejected with 400 or, depending on the provider, ignored.",
		Fix:     "Send a full date-time with a time zone (2024-01-01T00:00:00Z) or one of the listed values.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=yesterday", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": format date-time and enum on filter keys"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil {
			return
		}
		for _, q := range p.Request.Params("filter") {
			f := findFilter(op, q.Key)
			if f == nil || !q.Value.IsKnown() || q.Value.Kind == request.Null {
				continue
			}
			s, isString := q.Value.StringValue()
			if f.Format == "date-time" {
				if !isString || !schemas.IsDateTime(s) {
					p.ReportParamValue(q, "filter[%s] is not an RFC 3339 date-time (for example 2024-01-01T00:00:00Z)", q.Key)
				}
				continue
			}
			if len(f.Enum) > 0 && (!isString || !declared(f.Enum, s)) {
				p.ReportParamValue(q, "filter[%s] is not one of %s", q.Key, strings.Join(f.Enum, ", "))
			}
		}
	},
}

func findFilter(op *schemas.Operation, key string) *schemas.Filter {
	for i := range op.Filters {
		if op.Filters[i].Name == key {
			return &op.Filters[i]
		}
	}
	return nil
}

var rulePageSize = &Rule{
	ID: "stackone/page-size", Severity: Error, Predicts: "400", AutoFix: Unsafe,
	Doc: Doc{
		Title: "page_size is not an integer from 1 to 100",
		Why: "StackOne pages list results with page_size, documented up to 100. A larger, zero, negative or " +
			"non-integer value is rejected or silently capped, so a sync loop that counts on the page size misses records.",
		Fix:     "Send a page_size from 1 to 100 and follow the next cursor for more.",
		AutoFix: "Lowers an integer page_size above 100 to 100. Unsafe: each page holds fewer records, so code that reads one page only gets fewer.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?page_size=500", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?page_size=100", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcPagination},
	},
	Check: func(p *Pass) {
		if p.Operation == nil || !declaresParam(p.Operation, "page_size") {
			return
		}
		for _, q := range p.Request.Params("page_size") {
			if q.Key != "" || !q.Value.IsKnown() {
				continue
			}
			text := q.Value.Str
			if q.Value.Kind != request.String && q.Value.Kind != request.Number {
				p.ReportParamValue(q, "page_size must be an integer from 1 to 100, got %s", q.Value.Kind)
				continue
			}
			n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
			switch {
			case err != nil:
				p.ReportParamValue(q, "page_size must be an integer from 1 to 100")
			case n < 1 || n > 100:
				if !smallNumber(n) {
					p.ReportParamValue(q, "page_size must be an integer from 1 to 100")
					break
				}
				p.ReportParamValue(q, "page_size must be an integer from 1 to 100, got %d", n)
			}
			if err == nil && n > 100 {
				if e, ok := setParamValue(p.Request, q, "100"); ok {
					p.Fix("set page_size to 100", e)
				}
			}
		}
	},
}

// pagingKeys are provider paging parameters that StackOne sets itself.
var pagingKeys = []string{"page", "per_page", "limit", "offset", "size", "count", "cursor", "start"}

var ruleProxyPagination = &Rule{
	ID: "stackone/proxy-pagination", Severity: Warning, Predicts: "silent",
	Doc: Doc{
		Title: "proxy[...] parameter sets the provider's paging",
		Why: "proxy[...] parameters are forwarded to the provider as they are. StackOne pages provider results itself; " +
			"overriding page, limit, offset or size through proxy fights that paging, and StackOne documents that it " +
			"may result in unexpected behaviour: skipped or repeated records.",
		Fix:     "Page with page_size and the next cursor; keep proxy[...] for provider-native filters.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?proxy[per_page]=500", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?page_size=100", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcPassthrough},
	},
	Check: func(p *Pass) {
		for _, q := range p.Request.Params("proxy") {
			top, _, _ := strings.Cut(q.Key, "[")
			if declared(pagingKeys, strings.ToLower(top)) {
				p.ReportParam(q, "proxy[%s] overrides the provider's paging, which StackOne manages; use page_size and next", top)
			}
		}
	},
}
