package target

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// AllocateUnits is Allocate for amounts already held as integers in minor
// units (cents, fen): it splits total by weights with the same
// largest-remainder rule and the same tie-break, and returns int64 parts that
// add up to total exactly. It is the bulk path for very large splits, where
// building one decimal.Decimal per part would cost more than the split.
//
// AllocateUnits returns a *FieldError wrapping ErrNoParts, ErrNegativeWeight
// (every negative weight, joined) or ErrZeroWeights as Allocate does. It never overflows: weights whose sum
// exceeds 64 bits are split in arbitrary precision.
func AllocateUnits(total int64, weights []int64) ([]int64, error) {
	if len(weights) == 0 {
		return nil, fieldErr("weights", "", ErrNoParts)
	}
	ws := make([]uint64, len(weights))
	var sum uint64
	overflow, negative := false, false
	for i, w := range weights {
		negative = negative || w < 0
		var carry uint64
		sum, carry = bits.Add64(sum, uint64(w), 0)
		overflow = overflow || carry != 0
		ws[i] = uint64(w)
	}
	if negative || (sum == 0 && !overflow) {
		return nil, checkWeights(len(weights), func(i int) decimal.Decimal { return decimal.NewFromInt(weights[i]) }, plainWeights())
	}
	t := uint64(total)
	if total < 0 {
		t = -t
	}
	out := make([]int64, len(weights))
	if overflow {
		dw := make([]decimal.Decimal, len(weights))
		for i, w := range weights {
			dw[i] = decimal.NewFromInt(w)
		}
		mags, err := allocateBig(decimal.NewFromInt(total), dw, 0, plainWeights())
		if err != nil {
			return nil, err
		}
		for i, q := range mags {
			if total < 0 {
				out[i] = -q.Int64()
			} else {
				out[i] = q.Int64()
			}
		}
		return out, nil
	}
	hamilton(t, ws, sum)
	for i, q := range ws {
		if total < 0 {
			out[i] = -int64(q)
		} else {
			out[i] = int64(q)
		}
	}
	return out, nil
}
