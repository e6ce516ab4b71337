package funnel

import "slices"

// layout is the shape of a stage list that replays need: where each stage
// sits on the path and which stages are lost.
type layout struct {
	pos   []int // path position of each stage in list order; -1 for lost
	path  []int // stage list index of each path position
	won   int   // path position of the won stage (= number of open stages)
	lost  []int // stage list indices of the lost stages
	lostN []int // ordinal among lost stages of each stage; -1 for others
}

func newLayout(s Stages) *layout {
	l := &layout{pos: make([]int, len(s)), lostN: make([]int, len(s))}
	for i, st := range s {
		l.pos[i], l.lostN[i] = -1, -1
		if st.Outcome == Open {
			l.pos[i] = len(l.path)
			l.path = append(l.path, i)
		}
	}
	for i, st := range s {
		switch st.Outcome {
		case Won:
			l.won = len(l.path)
			l.pos[i] = l.won
			l.path = append(l.path, i)
		case Lost:
			l.lostN[i] = len(l.lost)
			l.lost = append(l.lost, i)
		}
	}
	return l
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

// journey is what one replay of one deal's events found.
type journey struct {
	final     int   // stage list index of the deal's stage after its last event
	last      rec   // the deal's last event, whose amount is the deal's amount
	created   int64 // time of the first event
	enteredAt int64 // time the deal entered its final stage
	max       int   // furthest path position reached; -1 if none
	chain     int   // furthest path position reached without a skip; -1 if none
	visited   uint64
	skipped   uint64
	reentered uint64
	regressed uint64
	stayed    uint64  // open path positions with a measured stay
	restayed  uint64  // open path positions with more than one
	latest    []int64 // latest stay per open path position
	cum       []int64 // total stay per open path position
	backs     int     // number of backward moves between open stages
	reopened  bool    // the deal left a terminal stage
}

func bit(p int) uint64 { return 1 << uint(p) }

// rangeMask returns the bits lo through hi.
func rangeMask(lo, hi int) uint64 {
	return (bit(hi+1) - 1) &^ (bit(lo) - 1)
}

// replay walks events, non-empty and in canonical order without duplicates,
// and fills j. An open stay still running at the end is measured up to end
// when end ≥ its start and end is not zero-valued (hasEnd).
func (l *layout) replay(j *journey, evs []rec, end int64, hasEnd bool) {
	won := l.won
	j.max, j.chain = -1, -1
	j.visited, j.skipped, j.reentered, j.regressed, j.stayed, j.restayed = 0, 0, 0, 0, 0, 0
	j.backs, j.reopened = 0, false
	j.created = evs[0].t
	j.last = evs[len(evs)-1]
	cur, curPos := -1, -1
	var enteredAt int64
	broken := false
	for _, r := range evs {
		s := int(r.stage())
		if s == cur {
			continue
		}
		p := l.pos[s]
		if cur >= 0 {
			switch {
			case curPos >= 0 && curPos < won:
				j.stay(curPos, r.t-enteredAt)
				if p >= 0 && p < curPos {
					j.backs++
					j.regressed |= bit(curPos)
				}
			default: // leaving won or lost
				j.reopened = true
			}
		}
		if p >= 0 {
			b := bit(p)
			if j.visited&b != 0 {
				j.reentered |= b
			}
			j.visited |= b
			if p > j.max {
				if p > j.max+1 {
					j.skipped |= rangeMask(j.max+1, p-1)
					broken = true
				} else if !broken {
					j.chain = p
				}
				j.max = p
			}
		}
		cur, curPos, enteredAt = s, p, r.t
	}
	if hasEnd && curPos >= 0 && curPos < won && end >= enteredAt {
		j.stay(curPos, end-enteredAt)
	}
	j.final, j.enteredAt = cur, enteredAt
}

// stay records a stay of d in the open path position p: it is the latest
// stay there, and adds to the cumulative time.
func (j *journey) stay(p int, d int64) {
	b := bit(p)
	j.latest[p] = d
	if j.stayed&b == 0 {
		j.cum[p] = d
	} else {
		j.cum[p] += d
		j.restayed |= b
	}
	j.stayed |= b
}
