package funnel

// A report collects durations per segment and stage in lists of blocks,
// which grow without copying; selector summarises them.

const (
	blockBits = 12
	blockLen  = 1 << blockBits // durations per block: 32 KiB
)

type durBlock = [blockLen]int64

// durPool hands out blocks for one report and takes them all back at its
// end, keeping them for the analyzer's next report. Keeping them makes a
// repeated report faster: BenchmarkReportSegments/ByOwner (1,000,000 deals)
// took 144–219 ms against 191–355 ms allocating them afresh, on the loaded
// two-core VM the budgets are checked on. A package-wide sync.Pool that let
// a new analyzer reuse another's blocks measured no better than this for
// new analyzers (BenchmarkWholeGrouped 325–434 ms against 342–415 ms), so
// there is none. An analyzer holds its blocks until it is dropped.
type durPool struct {
	blocks []*durBlock // handed out since the last release
	free   []*durBlock // handed back, for the next report
}

func (p *durPool) get() *durBlock {
	var b *durBlock
	if n := len(p.free); n > 0 {
		b = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		b = new(durBlock)
	}
	p.blocks = append(p.blocks, b)
	return b
}

// release takes back every block handed out; lists using them must not be
// read again.
func (p *durPool) release() {
	p.free = append(p.free, p.blocks...)
	clear(p.blocks)
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
