package funnel

import "sync"

// Durations are collected per segment and stage in block lists, then
// summarised by radix selection: one pass counts the values per bucket of
// their range, a second collects the few in the buckets holding the median
// and the 90th percentile, and selectNth finishes among those. The segments
// of one stage share the range, so the same two passes also find the
// quantiles of their union, the whole report's.

const (
	blockBits = 12
	blockLen  = 1 << blockBits // durations per block: 32 KiB
	histBits  = 12
	histLen   = 1 << histBits
)

type durBlock = [blockLen]int64

// durPool hands out blocks for one report and takes them all back at its
// end. Blocks come from, and go back to, blockPool, which all analyzers
// share: the blocks are needed only while a report runs, so a report of a
// new analyzer reuses those of an earlier report instead of allocating its
// own, and an idle analyzer holds none.
type durPool struct {
	blocks []*durBlock // handed out since the last release
}

var blockPool = sync.Pool{New: func() any { return new(durBlock) }}

func (p *durPool) get() *durBlock {
	b := blockPool.Get().(*durBlock)
	p.blocks = append(p.blocks, b)
	return b
}

// release returns every block handed out; lists using them must not be
// read again.
func (p *durPool) release() {
	for i, b := range p.blocks {
		blockPool.Put(b)
		p.blocks[i] = nil
	}
	p.blocks = p.blocks[:0]
}

// durList is a list of durations in blocks from a durPool, so it grows
// without copying. When n > 0, lo and hi bound its values.
type durList struct {
	blocks []*durBlock
	cur    *durBlock
	n      int
	lo, hi int64
}

func (l *durList) add(p *durPool, v int64) {
	i := l.n & (blockLen - 1)
	if i == 0 {
		l.cur = p.get()
		l.blocks = append(l.blocks, l.cur)
		if l.n == 0 {
			l.lo, l.hi = v, v
		}
	}
	l.cur[i] = v
	l.n++
	l.lo = min(l.lo, v)
	l.hi = max(l.hi, v)
}

// set replaces the value at position i.
func (l *durList) set(i int, v int64) {
	l.blocks[i>>blockBits][i&(blockLen-1)] = v
	l.lo = min(l.lo, v)
	l.hi = max(l.hi, v)
}

// chunk returns the values of block b.
func (l *durList) chunk(b int) []int64 {
	return l.blocks[b][:min(blockLen, l.n-b<<blockBits)]
}
