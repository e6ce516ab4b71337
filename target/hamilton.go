package target

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// scaleUint returns c·10^shift when it fits in a uint64.
func scaleUint(c uint64, shift int32) (uint64, bool) {
	if shift < 0 || shift > 19 {
		return 0, c == 0 && shift >= 0
	}
	hi, lo := bits.Mul64(c, pow10[shift])
	return lo, hi == 0
}

// coeffInt64 returns the coefficient of d when it fits in an int64.
func coeffInt64(d decimal.Decimal) (int64, bool) {
	switch n := d.NumDigits(); {
	case n <= 18:
		return d.CoefficientInt64(), true
	case n == 19: // 19 digits may or may not fit; ask the big.Int (rare)
		b := d.Coefficient()
		return b.Int64(), b.IsInt64()
	}
	return 0, false
}

// absCoeff returns |coefficient| of d when it fits in an int64.
func absCoeff(d decimal.Decimal) (uint64, bool) {
	c, ok := coeffInt64(d)
	if c < 0 {
		return uint64(-c), ok // MinInt64 becomes 2^63, its magnitude
	}
	return uint64(c), ok
}

// totalUnits returns |total| in units of 10^-places when it fits in an
// int64, as every part then does too. total must already fit places.
func totalUnits(total decimal.Decimal, places int32) (uint64, bool) {
	tc, fits := absCoeff(total)
	if !fits {
		return 0, false
	}
	if shift := total.Exponent() + places; shift >= 0 {
		t, fits := scaleUint(tc, shift)
		return t, fits && t <= 1<<63-1
	}
	// total has trailing zeros below the unit (Round passed): drop them.
	if shift := -places - total.Exponent(); shift <= 18 {
		return tc / pow10[shift], true
	}
	// A coefficient below 2^63 that is a multiple of 10^19 or more is zero.
	return 0, true
}

// allocateFast runs the Hamilton method in 64-bit integers with 128-bit
// products: it splits t units (see totalUnits) by weights and returns the
// parts' magnitudes, in buf when it is large enough. ok is false when a
// weight or their sum does not fit; allocateBig then runs.
func allocateFast(t uint64, weights []decimal.Decimal, buf []uint64, names weightNames) (mags []uint64, ok bool, err error) {
	ws, sum, fits, err := scaleWeights(weights, buf, names)
	if !fits || err != nil {
		return nil, false, err
	}
	hamilton(t, ws, sum)
	return ws, true, nil
}

// scaleWeights converts weights to integers on a common scale: w_i ·
// 10^-e, where e is the smallest exponent among them. fits is false when a
// weight or the sum does not fit in 64 bits; err reports negative or
// all-zero weights (checkWeights).
//
// ws reuses buf when it is large enough.
func scaleWeights(weights []decimal.Decimal, buf []uint64, names weightNames) (ws []uint64, sum uint64, fits bool, err error) {
	if cap(buf) >= len(weights) {
		ws = buf[:len(weights)]
	} else {
		ws = make([]uint64, len(weights))
	}
	minExp, maxExp := int32(1<<30), int32(-1<<30)
	for i, w := range weights {
		e := w.Exponent()
		c, ok := coeffInt64(w)
		switch {
		case c < 0 || e > MaxExponent || e < -MaxExponent:
			return nil, 0, false, checkDecimals(weights, names)
		case !ok: // allocateBig checks its sign
			return nil, 0, false, nil
		case c == 0:
			ws[i] = 0
			continue
		}
		ws[i] = uint64(c)
		minExp, maxExp = min(minExp, e), max(maxExp, e)
	}
	if maxExp > minExp { // rescale to the smallest exponent
		for i, w := range weights {
			if ws[i] == 0 {
				continue
			}
			var ok bool
			if ws[i], ok = scaleUint(ws[i], w.Exponent()-minExp); !ok {
				return nil, 0, false, nil
			}
		}
	}
	for _, v := range ws {
		var carry uint64
		if sum, carry = bits.Add64(sum, v, 0); carry != 0 {
			return nil, 0, false, nil
		}
	}
	if sum == 0 {
		return nil, 0, false, checkDecimals(weights, names)
	}
	return ws, sum, true, nil
}

// hamilton runs the largest-remainder method in machine words: it splits t
// units by the weights ws, whose sum is sum > 0, and leaves the parts in ws.
// Every product t·w fits in 128 bits and every quotient in 64, since w ≤ sum.
func hamilton(t uint64, ws []uint64, sum uint64) {
	var small [16]uint64
	var rem []uint64
	if len(ws) <= len(small) {
		rem = small[:len(ws)]
	} else {
		rem = make([]uint64, len(ws), 2*len(ws)) // the second half is kthLargest's scratch
	}
	var given uint64
	for i, w := range ws {
		hi, lo := bits.Mul64(t, w)
		var q, r uint64
		if hi == 0 {
			q, r = lo/sum, lo%sum
		} else {
			q, r = bits.Div64(hi, lo, sum)
		}
		ws[i] = q
		rem[i] = r
		given += q
	}
	k := int(t - given)
	if k == 0 {
		return
	}
	// Find the k-th largest remainder, then give a unit to every part above
	// it and to the earliest parts equal to it until the k units are gone.
	// k is below the number of positive remainders (they add up to k·sum,
	// each below sum), so the threshold is positive and zero-weight parts
	// get nothing.
	var scratch []uint64
	if len(ws) <= len(small) {
		var buf [16]uint64
		scratch = append(buf[:0], rem...)
	} else {
		scratch = append(rem[len(rem):], rem...)
	}
	thr := kthLargest(scratch, k)
	above := 0
	for _, r := range rem {
		if r > thr {
			above++
		}
	}
	ties := k - above
	for i, r := range rem {
		switch {
		case r > thr:
			ws[i]++
		case r == thr && ties > 0:
			ws[i]++
			ties--
		}
	}
}
