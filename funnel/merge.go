package funnel

import (
	"fmt"
	"slices"
)

// Merge adds every event of b to a, as if a had been given them directly, so
// reports of the merged analyzer equal those of one analyzer fed all events,
// whatever the sharding, including shards that split one deal's events. Merge
// is associative and commutative up to the order of internal storage, which
// no report depends on. b is left unchanged.
//
// Merge returns a [*FieldError] for b wrapping [ErrMismatch] that says what
// differs when the analyzers have different stage lists or OnUnknown
// options, [ErrSelfMerge] when b is a, and [ErrCapacity] when the result
// would be too large; on error a is unchanged.
func (a *Analyzer) Merge(b *Analyzer) error {
	if a == b {
		return ErrSelfMerge
	}
	if err := mismatch(a, b); err != nil {
		return err
	}
	if int64(len(a.recs))+int64(len(b.recs)) > maxIndex || int64(len(a.deals))+int64(len(b.deals)) > maxIndex {
		return ErrCapacity
	}
	a.recs = slices.Grow(a.recs, len(b.recs))
	a.deals = growFor(a.deals, len(b.deals), a.hint)
	bigBase := int64(len(a.bigs))
	a.bigs = append(a.bigs, b.bigs...)
	to := make([]uint32, len(b.deals)) // b's deal index → a's
	// When b's deals are in id order, walk a's sorted prefix alongside
	// instead of searching it for each deal: searching takes
	// BenchmarkMerge a third longer (42–126 ms against 31–126 ms,
	// alternating runs) and 1.9 times the instructions (Ir, bench_test.go,
	// 75,000 deals split as BenchmarkMerge splits them).
	walk := b.sorted == len(b.deals)
	cursor := 0
	for bi := range b.deals {
		bd := &b.deals[bi]
		bid := b.id(bd)
		var i, h uint32
		var known, ext bool
		if walk {
			for cursor < a.sorted && a.id(&a.deals[cursor]) < bid {
				cursor++
			}
			switch {
			case cursor < a.sorted && a.id(&a.deals[cursor]) == bid:
				i, known = uint32(cursor), true
			case a.extends(bid): // past every deal a has, and none is hashed
				ext = true
			default:
				h = a.ids.hash(bid)
				i, known = a.ids.find(a.deals, &a.idText, bid, h)
			}
		} else {
			i, known, h, ext = a.find(bid)
		}
		if !known {
			i = a.insert(bid, h, ext)
		}
		to[bi] = i
	}
	// b's events, re-encoded for a: names interned in a, amounts in bigs
	// moved past a's.
	names := make([]uint32, len(b.names.keys)+1) // 1 + b's name index → 1 + a's; 0 until needed
	inA := func(n uint32) uint32 {
		if n != 0 && names[n] == 0 {
			names[n] = a.intern(b.names.keys[n-1])
		}
		return names[n]
	}
	move := func(bd *dealState, d uint32, r rec) {
		amt := b.amountOf(r)
		if wordBig(amt) {
			amt = bigWord(int(bigBase + wordCoef(amt)))
		}
		owner, source := b.namesOf(bd, r)
		a.appendRec(d, a.encode(&a.deals[d], r.t, int(r.stage()), amt, inA(owner), inA(source)))
	}
	if b.grouped {
		start := uint32(0)
		for bi := range b.deals {
			bd := &b.deals[bi]
			for _, r := range b.recs[start : start+bd.n] {
				move(bd, to[bi], r)
			}
			start += bd.n
		}
	} else {
		for k, r := range b.recs {
			bi := b.recDeal[k]
			move(&b.deals[bi], to[bi], r)
		}
	}
	for k, n := range b.unknown {
		if a.unknown == nil {
			a.unknown = make(map[string]int, len(b.unknown))
		}
		a.unknown[k] += n
	}
	a.lastOwnerI, a.lastSrcI = 0, 0
	return nil
}

// mismatch returns nil when b may be merged into a, and otherwise an error
// for b saying what differs.
func mismatch(a, b *Analyzer) error {
	d := a.stages.diff(b.stages)
	if d == "" && a.onUnknown != b.onUnknown {
		d = fmt.Sprintf("on_unknown is %s in b, %s in a", b.onUnknown, a.onUnknown)
	}
	if d == "" {
		return nil
	}
	return fieldErr("b", "", fmt.Errorf("%w: %s", ErrMismatch, d))
}
