package srctext

import (
	"regexp"
	"sync"
)

// LazyRegexp compiles expr on first use, not at start-up: the script
// patterns of Postman and Bruno cost every run that reads neither.
func LazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
