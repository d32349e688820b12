package rules

import (
	"crypto/sha256"
	"sort"
	"time"
)

// StackOne's documented platform limit.
const (
	stackOneLimit  = 1000
	stackOneWindow = time.Minute
)

var ruleStackOneRateLimit = &Rule{
	ID: "stackone/rate-limit", Severity: Warning, Predicts: "429",
	Doc: Doc{
		Title: "one API key over 1,000 requests in a minute",
		Why: "StackOne allows 1,000 requests per minute per API key. Over that it answers 429 with Retry-After, and every " +
			"integration sharing the key stalls. atslint counts requests per key (compared by hash, never printed) in any " +
			"60-second window of a recording's timestamps.",
		Fix:     "Throttle below 1,000 requests per minute per key and honour Retry-After on 429.",
		Sources: []string{srcRateDocs},
	},
	CheckAll: func(fp *FilePass) {
		type sent struct {
			at time.Time
			p  *Pass
		}
		byKey := map[[32]byte][]sent{}
		var keys [][32]byte
		for _, p := range fp.Passes {
			r := p.Request
			if r.Time.IsZero() || !isATSPath(r) {
				continue
			}
			h := r.Header("authorization")
			if h == nil {
				continue
			}
			s, ok := h.Value.StringValue()
			if !ok {
				continue
			}
			k := sha256.Sum256([]byte(s))
			if _, seen := byKey[k]; !seen {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], sent{r.Time, p})
		}
		for _, k := range keys {
			reqs := byKey[k]
			sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].at.Before(reqs[j].at) })
			lo := 0
			for hi := range reqs {
				for reqs[hi].at.Sub(reqs[lo].at) >= stackOneWindow {
					lo++
				}
				if n := hi - lo + 1; n > stackOneLimit {
					fp.ReportRequest(reqs[hi].p, "", "this API key sent %d requests in 60 s (limit %d per minute); StackOne answers 429", n, stackOneLimit)
					break // once per key: the first request over the limit
				}
			}
		}
	},
}
