package funnel

import (
	"math/bits"
	"slices"
)

// appendRec stores r as deal d's newest event.
func (a *Analyzer) appendRec(d uint32, r rec) {
	switch {
	case !a.grouped:
		a.recDeal = append(a.recDeal, d)
	case d >= a.tail:
		// The deals after the tail have no recs yet: d's recs stay
		// contiguous, and after those of the deals before it.
		a.tail = d
	default:
		a.ungroup()
		a.recDeal = append(a.recDeal, d)
	}
	if len(a.recs) == cap(a.recs) {
		a.recs = growFor(a.recs, 1, a.hintEv)
	}
	a.recs = append(a.recs, r)
	a.deals[d].n++
}

// ungroup notes the deal of every rec so far, as recs stop being grouped.
func (a *Analyzer) ungroup() {
	a.grouped = false
	a.recDeal = slices.Grow(a.recDeal[:0], cap(a.recs))[:len(a.recs)]
	k := 0
	for i := range a.deals {
		for range a.deals[i].n {
			a.recDeal[k] = uint32(i)
			k++
		}
	}
}

// regroup makes each deal's recs contiguous, in place: a radix sort by
// deal in at most two levels, first by the high bits of the deal index, so
// that the moves of the second level, by deal, stay in the cache. It does
// not keep the arrival order of a deal's recs, which reports put in
// canonical order anyway. With one level, the first report of 1,000,000
// deals' events in arbitrary order takes 3.2 times the CPU time (1.19–1.39 s
// against 0.37–0.52 s, alternating runs), although it runs 5% fewer
// instructions.
func (a *Analyzer) regroup() {
	if a.grouped {
		return
	}
	// start[i] is deal i's first rec once grouped, then the next place
	// for one of its recs; end[i] is the place after its last.
	nd := len(a.deals)
	bounds := make([]uint32, 2*nd)
	start, end := bounds[:nd], bounds[nd:]
	pos := uint32(0)
	for i := range a.deals {
		start[i] = pos
		pos += a.deals[i].n
		end[i] = pos
	}
	recs, keys := a.recs, a.recDeal[:len(a.recs)]
	if shift := uint(max(bits.Len(uint(nd-1))-radixBits, 0)); shift > 0 {
		nb := (nd-1)>>shift + 1
		hb := make([]uint32, 2*nb)
		heads, ends := hb[:nb], hb[nb:]
		for b := range nb {
			heads[b] = start[b<<shift]
			ends[b] = end[min((b+1)<<shift, nd)-1]
		}
		cycleSort(recs, keys, heads, ends, shift)
	}
	// By deal. A deal's recs are now within its bucket, so the moves stay
	// in the cache.
	cycleSort(recs, keys, start, end, 0)
	a.recDeal = a.recDeal[:0]
	a.grouped = true
	a.tail = uint32(max(len(a.deals)-1, 0))
}

// cycleSort moves every rec to its bucket, keys[i]>>shift, in place, by
// following cycles: bucket b is the places from heads[b] to ends[b], and
// heads[b] advances as they fill. keys move with their recs.
func cycleSort(recs []rec, keys []uint32, heads, ends []uint32, shift uint) {
	for b := range heads {
		for heads[b] < ends[b] {
			i := heads[b]
			r, d := recs[i], keys[i]
			for k := d >> shift; k != uint32(b); k = d >> shift {
				j := heads[k]
				heads[k]++
				r, recs[j] = recs[j], r
				d, keys[j] = keys[j], d
			}
			recs[i], keys[i] = r, d
			heads[b]++
		}
	}
}

// radixBits is the widest digit regroup sorts on in one pass.
const radixBits = 11
