package funnel

import (
	"math"
	"slices"
)

// A report counts each deal's events in canonical order (by time, then
// stage list order), without duplicates, and without those after AsOf or
// outside the window.

// prep yields each deal's events as a report counts them, deal after deal.
type prep struct {
	a       *Analyzer
	hasAsOf bool
	asOf    int64
	window  int64
	next    uint32 // the first rec of the next deal
	all     []rec  // the deal's events in canonical order, duplicates and all
}

func (a *Analyzer) newPrep(o *ReportOptions) *prep {
	p := &prep{a: a, window: int64(o.Window)}
	if !o.AsOf.IsZero() {
		p.hasAsOf = true
		p.asOf, _ = eventNanos(o.AsOf)
	}
	return p
}

// events returns deal i's counted events in canonical order and the instant
// up to which a stay still open is measured; the events left out are in
// a.scr.drops. It must be called for each deal in turn, from the first.
func (p *prep) events(i int) ([]rec, int64) {
	a := p.a
	sc := &a.scr
	sc.drops = sc.drops[:0]
	evs, strict := a.gather(i, p.next)
	p.next += uint32(len(evs))
	p.all = evs
	// Deals whose events came strictly in order have no duplicates and skip
	// dedupe: a report of grouped events runs 3.5% more instructions
	// without this (Ir, bench_test.go).
	if !strict {
		evs = dedupe(evs, &sc.buf, func(r rec) { sc.drops = append(sc.drops, drop{Duplicate, r.stage()}) })
	}
	if p.hasAsOf {
		evs = cutAfter(evs, p.asOf, AfterAsOf, &sc.drops)
	}
	end := p.asOf
	if len(evs) > 0 && p.window > 0 {
		limit := evs[0].t + p.window
		if limit < evs[0].t { // overflow: no limit
			limit = math.MaxInt64
		}
		evs = cutAfter(evs, limit, OutsideWindow, &sc.drops)
		end = min(end, limit)
	}
	return evs, end
}

// cutAfter drops the events later than limit from the end of evs, which is
// in time order, recording each under cause.
func cutAfter(evs []rec, limit int64, cause Cause, drops *[]drop) []rec {
	n := len(evs)
	for n > 0 && evs[n-1].t > limit {
		n--
		*drops = append(*drops, drop{cause, evs[n].stage()})
	}
	return evs[:n]
}

// cmpRec orders events canonically: by time, then stage list order, then
// larger amount first, so the first of a run of duplicates is the one kept.
func (a *Analyzer) cmpRec(x, y rec) int {
	if c := cmpTimeStage(x, y); c != 0 {
		return c
	}
	return a.cmpAmount(y, x)
}

// gather returns the events of deal i, whose first rec is start (see
// dealState), in canonical order. The analyzer must be grouped; gather
// sorts the deal's events in place, once, so later reports find them
// sorted. strict says whether they were already in strictly increasing
// order of time and stage, so that none of them is a duplicate.
func (a *Analyzer) gather(i int, start uint32) (evs []rec, strict bool) {
	evs = a.recs[start : start+a.deals[i].n]
	for k := 1; k < len(evs); k++ {
		if p, q := evs[k-1], evs[k]; p.t > q.t || (p.t == q.t && p.stage() >= q.stage()) {
			a.sortRecs(evs)
			return evs, false
		}
	}
	return evs, true
}

// sortRecs sorts a deal's events into canonical order. Most deals have a
// handful, which insertion sort orders with less overhead than
// slices.SortStableFunc: sorting every deal with the latter costs the first
// report of events in arbitrary order 5.4% more instructions (Ir,
// bench_test.go).
func (a *Analyzer) sortRecs(evs []rec) {
	if len(evs) > 24 {
		slices.SortStableFunc(evs, a.cmpRec)
		return
	}
	for k := 1; k < len(evs); k++ {
		x, j := evs[k], k
		for j > 0 && a.cmpRec(evs[j-1], x) > 0 {
			evs[j] = evs[j-1]
			j--
		}
		evs[j] = x
	}
}

// dedupe returns events in canonical order without those with the same time
// and stage as the one before, calling drop for each of those. It copies into
// buf only when there is something to drop.
func dedupe(evs []rec, buf *[]rec, drop func(rec)) []rec {
	k := 1
	for k < len(evs) && (evs[k].t != evs[k-1].t || evs[k].stage() != evs[k-1].stage()) {
		k++
	}
	if k >= len(evs) {
		return evs
	}
	out := append((*buf)[:0], evs[:k]...)
	for _, r := range evs[k:] {
		if last := out[len(out)-1]; r.t == last.t && r.stage() == last.stage() {
			drop(r)
			continue
		}
		out = append(out, r)
	}
	*buf = out
	return out
}
