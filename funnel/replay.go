package funnel

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
