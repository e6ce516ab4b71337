package funnel

import "math"

// aheadLen is the number of events whose memory touchAhead touches at once.
const aheadLen = 32

// touchAhead reads, for each event in a batch, the memory that finding its
// deal will read: the hash table slot, the deal, the deal's id. Done for the
// whole batch first, these reads wait for memory together instead of one
// after the other, and the adds that follow find them in the cache. Nothing
// is changed, so the adds need not trust what was found. Without it, AddAll
// of 1,000,000 deals' events in arbitrary order takes 2.5 times the CPU time
// (1.95–2.71 s against 0.79–1.37 s, alternating runs), although it runs 22%
// fewer instructions.
func (a *Analyzer) touchAhead(events []Event) {
	x := &a.ids
	mask := uint32(len(x.slots) - 1)
	var at, hs [aheadLen]uint32
	var sink uint64
	prev := ""
	for k := range events {
		id := events[k].Deal
		if id == prev {
			at[k] = math.MaxUint32 // found by the previous event's add
			continue
		}
		prev = id
		h := x.hash(id)
		hs[k], at[k] = h, h&mask
		sink += x.slots[at[k]]
	}
	var deals [aheadLen]uint32
	for k := range events {
		deals[k] = math.MaxUint32
		i := at[k]
		if i == math.MaxUint32 {
			continue
		}
		for ; ; i = (i + 1) & mask {
			s := x.slots[i]
			if s == 0 {
				break
			}
			if d := uint32(s) - 1; uint32(s>>32) == hs[k] && int(d) < len(a.deals) {
				deals[k] = d
				sink += uint64(a.deals[d].idLen)
				break
			}
		}
	}
	for _, d := range deals[:len(events)] {
		if d != math.MaxUint32 {
			if id := a.id(&a.deals[d]); id != "" {
				sink += uint64(id[0])
			}
		}
	}
	a.sink = sink
}
