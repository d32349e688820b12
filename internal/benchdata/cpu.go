//go:build unix

package benchdata

import (
	"syscall"
	"testing"
	"time"
)

// CPU measures the process's user and system CPU time. On a shared
// machine wall time per operation grows with other people's load; CPU
// time much less so.
type CPU struct{ start time.Duration }

// StartCPU starts measuring; call it just before a benchmark's loop.
func StartCPU() CPU { return CPU{cpuTime()} }

// Report adds the CPU time since StartCPU per iteration as a cpu-ns/op
// metric; call it just after the loop.
func (c CPU) Report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-c.start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
