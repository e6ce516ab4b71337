package funnel

import "math"

// dealState is what an analyzer keeps per deal, 48 bytes: its id, how many
// events it has, and its owner and source with the time and stage of the
// event that set each. While recs are grouped, each deal's come after those
// of the deals before it, so a deal's first rec is the sum of the counts of
// the deals before it.
type dealState struct {
	id          string
	ownerT      int64
	sourceT     int64
	n           uint32 // number of recs
	owner       uint32 // 1 + index into names; 0 if none
	source      uint32 // 1 + index into names; 0 if none
	ownerStage  uint8
	sourceStage uint8
}

// rec is one accepted event, 16 bytes: its time, and a word holding its
// stage and its amount, coef·10^exp, or the index of the amount in bigs
// when the coefficient does not fit in recCoefBits bits.
type rec struct {
	t int64  // nanoseconds since 1970
	w uint64 // bits 0–5 stage, 6–11 exp+maxAmountExp, 12 big, 13–63 coefficient or index
}

const (
	recStageBits = 6 // holds an index below MaxStages
	recExpShift  = recStageBits
	recBig       = 1 << 12
	recCoefShift = 13
	recCoefBits  = 64 - recCoefShift
	maxRecCoef   = 1<<recCoefBits - 1
)

// smallRec returns the rec of an event in stage at time t with amount
// coef·10^exp, 0 ≤ coef ≤ maxRecCoef and |exp| ≤ maxAmountExp.
func smallRec(t int64, stage int, coef int64, exp int32) rec {
	return rec{t, uint64(stage) | uint64(exp+maxAmountExp)<<recExpShift | uint64(coef)<<recCoefShift}
}

// bigRec returns the rec of an event whose amount is bigs[i].
func bigRec(t int64, stage int, i int) rec {
	return rec{t, uint64(stage) | recBig | uint64(i)<<recCoefShift}
}

func (r rec) stage() uint8 { return uint8(r.w & (1<<recStageBits - 1)) }
func (r rec) big() bool    { return r.w&recBig != 0 }

// coef returns the amount's coefficient, or for a big amount its index.
func (r rec) coef() int64 { return int64(r.w >> recCoefShift) }
func (r rec) exp() int32  { return int32(r.w>>recExpShift&(1<<6-1)) - maxAmountExp }

// maxIndex bounds deal and event indices, which are stored as uint32. It is
// an int64 so that comparisons with lengths compile on 32-bit platforms too.
const maxIndex int64 = math.MaxUint32 - 1

// cmpTS orders (time, stage) pairs.
func cmpTS(t1 int64, s1 uint8, t2 int64, s2 uint8) int {
	switch {
	case t1 < t2:
		return -1
	case t1 > t2:
		return 1
	case s1 < s2:
		return -1
	case s1 > s2:
		return 1
	}
	return 0
}

func cmpTimeStage(x, y rec) int { return cmpTS(x.t, x.stage(), y.t, y.stage()) }
