package funnel

import "math/bits"

// fates of a deal at its furthest counted stage.
const (
	fateAdvanced = iota // went beyond it by skipping (Strict only)
	fateLost
	fateOpen
	fateWon // the furthest counted stage is the won stage
	nFates
)

// drop is one event left out of a deal's replay.
type drop struct {
	cause Cause
	stage uint8
}

// tally accumulates the replays of a set of deals: the whole report's, or
// one segment's.
type tally struct {
	deals, events int
	bucket        [][nFates]int // [furthest counted path position][fate]
	bucketAmt     [][nFates]money
	skipped       []int
	reentered     []int
	regressed     []int
	latestSum     []u128
	cumSum        []u128
	outcome       [3]int
	outcomeAmt    [3]money
	lostBy        []int
	lostByAmt     []money
	cycleSum      u128
	reopened      int
	regressedN    int
	backs         int
	ignored       [][]int // [cause][stage list index]

	// The durations, per open path position: each measured latest stay, and
	// for the deals that stayed more than once their cumulative stay as a
	// patch over their latest one. The summaries are filled in before build.
	latest  []durList
	patches [][]patch
	cycles  durList
	latestD []Durations
	cumD    []Durations
	cycleD  Durations
}

// patch says that a deal's cumulative stay, v, differs from its latest, at
// position pos of a latest list.
type patch struct {
	pos int
	v   int64
}

func newTally(l *layout, nStages int) *tally {
	n := len(l.path)
	t := &tally{
		bucket:    make([][nFates]int, n),
		bucketAmt: make([][nFates]money, n),
		skipped:   make([]int, n),
		reentered: make([]int, n),
		regressed: make([]int, n),
		latestSum: make([]u128, l.won),
		cumSum:    make([]u128, l.won),
		lostBy:    make([]int, len(l.lost)),
		lostByAmt: make([]money, len(l.lost)),
		ignored:   make([][]int, len(causeNames)),
		latest:    make([]durList, l.won),
		patches:   make([][]patch, l.won),
		latestD:   make([]Durations, l.won),
		cumD:      make([]Durations, l.won),
	}
	for i := range t.ignored {
		t.ignored[i] = make([]int, nStages)
	}
	return t
}

// add counts one deal's journey j, replayed from n events, keeping its
// durations in blocks from pool.
func (t *tally) add(a *Analyzer, j *journey, n int, mode Mode, pool *durPool) {
	t.deals++
	t.events += n
	k := j.max
	if mode == Strict {
		k = j.chain
	}
	outcome := a.stages[j.final].Outcome
	if k >= 0 {
		var f int
		switch {
		case k == a.lay.won:
			f = fateWon
		case j.max > k:
			f = fateAdvanced
		case outcome == Lost:
			f = fateLost
		default:
			f = fateOpen
		}
		t.bucket[k][f]++
		a.addTo(&t.bucketAmt[k][f], j.last)
	}
	for m := j.skipped; m != 0; m &= m - 1 {
		t.skipped[bits.TrailingZeros64(m)]++
	}
	for m := j.reentered; m != 0; m &= m - 1 {
		t.reentered[bits.TrailingZeros64(m)]++
	}
	for m := j.regressed; m != 0; m &= m - 1 {
		t.regressed[bits.TrailingZeros64(m)]++
	}
	for m := j.stayed; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		l := &t.latest[p]
		t.latestSum[p].add(j.latest[p])
		t.cumSum[p].add(j.cum[p])
		if j.restayed&bit(p) != 0 {
			t.patches[p] = append(t.patches[p], patch{l.n, j.cum[p]})
		}
		l.add(pool, j.latest[p])
	}
	t.outcome[outcome]++
	a.addTo(&t.outcomeAmt[outcome], j.last)
	switch outcome {
	case Lost:
		i := a.lay.lostN[j.final]
		t.lostBy[i]++
		a.addTo(&t.lostByAmt[i], j.last)
	case Won:
		d := j.enteredAt - j.created
		t.cycleSum.add(d)
		t.cycles.add(pool, d)
	}
	if j.reopened {
		t.reopened++
	}
	if j.regressed != 0 {
		t.regressedN++
	}
	t.backs += j.backs
}

// merge adds the counts and sums of o, but not its durations.
func (t *tally) merge(o *tally) {
	t.deals += o.deals
	t.events += o.events
	for k := range t.bucket {
		for f := range nFates {
			t.bucket[k][f] += o.bucket[k][f]
			t.bucketAmt[k][f].merge(o.bucketAmt[k][f])
		}
		t.skipped[k] += o.skipped[k]
		t.reentered[k] += o.reentered[k]
		t.regressed[k] += o.regressed[k]
	}
	for k := range t.latestSum {
		t.latestSum[k].addU(o.latestSum[k])
		t.cumSum[k].addU(o.cumSum[k])
	}
	for i := range t.outcome {
		t.outcome[i] += o.outcome[i]
		t.outcomeAmt[i].merge(o.outcomeAmt[i])
	}
	for i := range t.lostBy {
		t.lostBy[i] += o.lostBy[i]
		t.lostByAmt[i].merge(o.lostByAmt[i])
	}
	t.cycleSum.addU(o.cycleSum)
	t.reopened += o.reopened
	t.regressedN += o.regressedN
	t.backs += o.backs
	for r := range t.ignored {
		for s, c := range o.ignored[r] {
			t.ignored[r][s] += c
		}
	}
}

func (t *tally) ignore(drops []drop) {
	for _, d := range drops {
		t.ignored[d.cause][d.stage]++
	}
}

// summarise fills in the duration summaries of the tallies, one per
// segment, and of total, the union of them all (which is tallies[0] when
// there is only one). It applies the patches to the latest lists.
func summariseTallies(sel *selector, total *tally, tallies []*tally, won int) {
	union := len(tallies) > 1 || tallies[0] != total
	lists := make([]*durList, len(tallies))
	sums := make([]u128, len(tallies))
	out := make([]Durations, len(tallies))
	for k := range won {
		for i, t := range tallies {
			lists[i], sums[i] = &t.latest[k], t.latestSum[k]
		}
		u := sel.summarise(lists, sums, out, union, total.latestSum[k])
		patched := false
		for i, t := range tallies {
			t.latestD[k], t.cumD[k] = out[i], out[i]
			for _, pt := range t.patches[k] {
				t.latest[k].set(pt.pos, pt.v)
				patched = true
			}
		}
		if union {
			total.latestD[k], total.cumD[k] = u, u
		}
		if !patched {
			continue // every cumulative stay is the latest
		}
		for i, t := range tallies {
			sums[i] = t.cumSum[k]
		}
		u = sel.summarise(lists, sums, out, union, total.cumSum[k])
		for i, t := range tallies {
			t.cumD[k] = out[i]
		}
		if union {
			total.cumD[k] = u
		}
	}
	for i, t := range tallies {
		lists[i], sums[i] = &t.cycles, t.cycleSum
	}
	u := sel.summarise(lists, sums, out, union, total.cycleSum)
	for i, t := range tallies {
		t.cycleD = out[i]
	}
	if union {
		total.cycleD = u
	}
}
