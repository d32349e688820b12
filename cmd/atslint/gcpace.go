package main

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// The collector's pace. A check holds little: one request at a time and a
// compact record per diagnostic, a few MiB live even on a 100,000-request
// file, so Go's default (a collection each time the heap doubles) spends a
// fifth of a large file's CPU time collecting, and at -j 2 takes the core
// the second worker needs. While the live heap is small a run may let the
// heap grow further between collections, up to heapCeiling; as the live
// heap grows the pace falls back to Go's default, so a run that must hold
// much (a large collection read whole, vet's type-checked packages) runs
// as it would without this, never with less headroom. A soft memory limit
// would do it in one call but makes the collector run back to back once
// the live heap is above it.

// heapCeiling is the heap size the pace aims to stay under. 32 MiB: a
// clean 100,000-request array peaks at 28 MB instead of 16 MB and takes a
// fifth less CPU (a third less at -j 2); with 126,660 diagnostics it peaks
// at 48 MB as with the default. 40 MiB took that one to 57 MB.
const heapCeiling = 32 << 20

const (
	fastestPace = 400 // GOGC while the live heap is under heapCeiling/5
	defaultPace = 100 // Go's default GOGC
)

// paceGC sets the collector's pace for this process and adjusts it after
// every collection, unless the user set GOGC or GOMEMLIMIT.
func paceGC(getenv func(string) string) *pacer {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	p := &pacer{percent: fastestPace}
	debug.SetGCPercent(p.percent)
	p.arm()
	return p
}

type pacer struct {
	stats   *runtime.MemStats // made at the first collection
	percent int
	cycles  atomic.Int64 // collections seen
	stop    atomic.Bool  // ends the chain of markers (tests)
}

// gcMarker is a heap object no one keeps, so each collection finalizes it;
// its finalizer re-reads the live heap and arms a new marker. It holds a
// pointer, so it is never a tiny allocation (which may not be finalized).
type gcMarker struct{ p *pacer }

func (p *pacer) arm() {
	runtime.SetFinalizer(&gcMarker{p: p}, func(m *gcMarker) {
		if m.p.stop.Load() {
			return
		}
		m.p.cycles.Add(1)
		m.p.adjust()
		m.p.arm()
	})
}

// adjust reads the live heap the last collection left from the heap goal
// it set, and sets the pace from it. ReadMemStats stops the world, once a
// collection. runtime/metrics reads the live heap without stopping it, but
// its package init alone costs more than a small check's own collector
// work: it builds the description of every metric in every process.
func (p *pacer) adjust() {
	if p.stats == nil {
		p.stats = new(runtime.MemStats)
	}
	runtime.ReadMemStats(p.stats)
	if pct := gcPercent(liveHeap(p.stats.NextGC, p.percent)); pct != p.percent {
		p.percent = pct
		debug.SetGCPercent(pct)
	}
}

// liveHeap is the live heap a collection found, from the goal it set for the
// next one at GOGC percent: Go aims at the live heap plus percent of it and
// of the stacks and globals, so this also counts percent/(100+percent) of
// those (a few hundred KiB for check, which changes no pace).
func liveHeap(goal uint64, percent int) uint64 {
	return goal * 100 / uint64(100+percent)
}

// gcPercent is the GOGC that lets a heap of live bytes grow to heapCeiling
// before the next collection, between Go's default and fastestPace.
func gcPercent(live uint64) int {
	switch {
	case live == 0:
		return fastestPace
	case live >= heapCeiling/2:
		return defaultPace
	}
	return max(defaultPace, min(fastestPace, int((heapCeiling-live)*100/live)))
}
