package funnel

import "math"

// dealState is what an analyzer keeps per deal, 24 bytes and no pointer:
// where its id is in the analyzer's idStore, how many events it has, and
// the first owner and the first source its events named, in the order they
// came. While recs are grouped, each deal's come after those of the deals
// before it, so a deal's first rec is the sum of the counts of the deals
// before it.
type dealState struct {
	idChunk uint32 // the id's chunk, offset and length in the idStore
	idOff   uint32
	idLen   uint32
	n       uint32 // number of recs
	owner   uint32 // 1 + index into names; 0 if none yet
	source  uint32 // 1 + index into names; 0 if none yet
}

// rec is one accepted event, 16 bytes: its time, and a word holding its
// stage, whether it named its deal's owner and its deal's source, and its
// amount coef·10^exp. An event whose coefficient does not fit in
// recCoefBits bits, or that names an owner or a source other than its
// deal's, holds instead the index of an extRec, which has room for both.
//
// The amount is an amount word: bits 6–11 hold exp+maxAmountExp, and bits
// 15–63 the coefficient, or with bit 12 set the index of the amount in
// bigs. A rec's own word never has bit 12 set; an extRec's may.
type rec struct {
	t int64  // nanoseconds since 1970
	w uint64 // bits 0–5 stage, 6–11 exp, 12 ext, 13 owner, 14 source, 15–63 coefficient or ext index
}

// extRec is the part of an event that does not fit in its rec.
type extRec struct {
	amt    uint64 // an amount word
	owner  uint32 // 1 + index into names of the owner the event named; 0 for none
	source uint32 // likewise its source
}

const (
	recStageBits = 6 // holds an index below MaxStages
	recExpShift  = recStageBits
	recExpMask   = (1<<6 - 1) << recExpShift
	recExt       = 1 << 12 // in a rec: the rest is in exts
	amtBig       = 1 << 12 // in an amount word: the coefficient is in bigs
	recOwner     = 1 << 13
	recSource    = 1 << 14
	recCoefShift = 15
	recCoefBits  = 64 - recCoefShift
	maxRecCoef   = 1<<recCoefBits - 1
)

// amountWord returns the amount word of coef·10^exp, 0 ≤ coef ≤ maxRecCoef
// and |exp| ≤ maxAmountExp.
func amountWord(coef int64, exp int32) uint64 {
	return uint64(exp+maxAmountExp)<<recExpShift | uint64(coef)<<recCoefShift
}

// bigWord returns the amount word of bigs[i].
func bigWord(i int) uint64 { return amtBig | uint64(i)<<recCoefShift }

func (r rec) stage() uint8 { return uint8(r.w & (1<<recStageBits - 1)) }
func (r rec) ext() bool    { return r.w&recExt != 0 }

// extIndex returns the index of r's extRec.
func (r rec) extIndex() uint64 { return r.w >> recCoefShift }

// wordBig reports whether amount word w is an index into bigs.
func wordBig(w uint64) bool { return w&amtBig != 0 }

// wordCoef returns the coefficient of amount word w, or its index into bigs.
func wordCoef(w uint64) int64 { return int64(w >> recCoefShift) }

// wordExp returns the exponent of amount word w.
func wordExp(w uint64) int32 { return int32(w&recExpMask>>recExpShift) - maxAmountExp }

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
