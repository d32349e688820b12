package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 400},
		{1 * mib, 400},
		{6 * mib, 400}, // 433, capped
		{8 * mib, 300},
		{12 * mib, 166},
		{15 * mib, 113},
		{16*mib - 1, 100},
		{16 * mib, 100},
		{500 * mib, 100},
	} {
		assert.Equal(t, c.want, gcPercent(c.live), "live %d", c.live)
	}
}

func TestLiveHeap(t *testing.T) {
	const mib = 1 << 20
	assert.Equal(t, uint64(10*mib), liveHeap(50*mib, 400))
	assert.Equal(t, uint64(10*mib), liveHeap(20*mib, 100))
	assert.Equal(t, uint64(8*mib), liveHeap(24*mib, 200))
	assert.Equal(t, uint64(0), liveHeap(0, 400))
}

func TestPaceGCLeavesUserSettings(t *testing.T) {
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		p := paceGC(func(k string) string {
			if k == name {
				return "100"
			}
			return ""
		})
		assert.Nil(t, p, name)
		assert.Equal(t, 123, debug.SetGCPercent(123), "%s set: GOGC unchanged", name)
	}
}

// TestPaceGCFollowsCollections: the pace starts at its fastest and is
// set again after each collection from the live heap: Go's default once
// the live heap is half the ceiling.
func TestPaceGCFollowsCollections(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	p := paceGC(func(string) string { return "" })
	require.NotNil(t, p)
	defer p.stop.Store(true)
	assert.Equal(t, fastestPace, debug.SetGCPercent(fastestPace))
	// Finalizers run on their own goroutine after a collection.
	for i := 0; i < 200 && p.cycles.Load() < 2; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	assert.GreaterOrEqual(t, p.cycles.Load(), int64(2), "the marker is re-armed after each collection")
	assert.Equal(t, fastestPace, debug.SetGCPercent(fastestPace), "small live heap")

	held := make([]byte, heapCeiling/2)
	seen := p.cycles.Load()
	for i := 0; i < 200 && p.cycles.Load() < seen+2; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, defaultPace, debug.SetGCPercent(defaultPace), "live heap over half the ceiling")
	// The live heap as the pacer reads it: what the test holds, plus the
	// test binary's own small heap, stacks and globals.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := liveHeap(ms.NextGC, defaultPace)
	assert.GreaterOrEqual(t, live, uint64(len(held)))
	assert.Less(t, live, uint64(len(held))+4<<20)
	runtime.KeepAlive(held)
}
