package rules

import "time"

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
	Records: func() RecordCheck { return &stackOneRate{} },
}

// stackOneRate counts the timed ATS requests of each API key.
type stackOneRate struct{ keys keyed[uint64, window] }

func (c *stackOneRate) Add(rp *RecordPass) {
	r := rp.Record
	if r.Time.IsZero() || !r.ATS || !r.HasKey {
		return
	}
	win := c.keys.get(r.Key, r.Time)
	if win.done {
		return
	}
	if over, n, _ := win.add(r, stackOneWindow, stackOneLimit); over != nil {
		rp.Report(over, "", "this API key sent %d requests in 60 s (limit %d per minute); StackOne answers 429", n, stackOneLimit)
		// Once per key: the first request over the limit.
		*win = window{done: true}
		c.keys.pin(r.Key)
	}
	c.keys.forget(stackOneWindow)
}
