package target

import (
	"math/big"
	"math/bits"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// MinPlaces and MaxPlaces bound the number of decimal places an allocation
// may round to. Negative places round to tens, hundreds, thousands: places -4
// splits a target into whole multiples of 10,000 (万).
const (
	MinPlaces = -18
	MaxPlaces = 18
)

// Allocate splits total into len(weights) parts proportional to weights, each
// rounded to places decimal places, so that the parts add up to total exactly.
//
// It uses the largest-remainder (Hamilton) method. Measured in units of the
// last place u = 10^-places, part i's exact share is q_i = T·w_i / W, where T
// is the total in units and W the sum of the weights. Every part first gets
// ⌊q_i⌋ units; the k = T − Σ⌊q_i⌋ units left over (k < number of parts) go
// one each to the k parts with the largest fractional remainders q_i − ⌊q_i⌋.
// So every part is within one unit of its exact share, parts with zero weight
// get exactly zero, and a larger weight never gets a smaller part.
//
// Ties between equal remainders go to the earlier part. The rule is
// deterministic and stable: the same input always yields the same split,
// and appending parts never moves a contested unit between earlier parts.
// For periods it puts the spare cent in the earliest period, where it is
// known first and tracked longest; a caller who prefers the latest period
// reverses the weights and the result. So 2,500,000 over three equal months
// at places 2 is 833,333.34 + 833,333.33 + 833,333.33.
//
// A negative total (quota relief, a clawback) is split as its magnitude, and
// every part takes the sign of the total. Weights are any non-negative
// decimals: shares, headcounts, last year's actuals.
//
// Allocate returns a *FieldError wrapping ErrNoParts for no weights,
// ErrPlaces for places outside [MinPlaces, MaxPlaces], ErrPrecision when total
// has more decimal places than places, ErrNegativeWeight naming the first
// negative weight, and ErrZeroWeights when all weights are zero (an all-zero
// split would lose the total).
func Allocate(total decimal.Decimal, weights []decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	if len(weights) == 0 {
		return nil, fieldErr("weights", "", ErrNoParts)
	}
	if places < MinPlaces || places > MaxPlaces {
		return nil, fieldErr("places", strconv.Itoa(int(places)), ErrPlaces)
	}
	if err := checkExp("total", total); err != nil {
		return nil, err
	}
	if !fitsPlaces(total, places) {
		return nil, fieldErr("total", total.String(), ErrPrecision)
	}
	if parts, ok, err := allocateFast(total, weights, places); ok || err != nil {
		return parts, err
	}
	return allocateBig(total, weights, places)
}

// fitsPlaces reports whether d is a whole number of units of 10^-places,
// without allocating in the common cases.
func fitsPlaces(d decimal.Decimal, places int32) bool {
	if d.Exponent() >= -places {
		return true
	}
	return d.Shift(places).IsInteger()
}

// checkWeights reports the first negative weight, or that all are zero.
func checkWeights(weights []decimal.Decimal) error {
	nonzero := false
	for i, w := range weights {
		if err := checkExp("weights["+strconv.Itoa(i)+"]", w); err != nil {
			return err
		}
		switch w.Sign() {
		case -1:
			return fieldErr("weights["+strconv.Itoa(i)+"]", w.String(), ErrNegativeWeight)
		case 1:
			nonzero = true
		}
	}
	if !nonzero {
		return fieldErr("weights", "", ErrZeroWeights)
	}
	return nil
}

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

// absCoeff returns |coefficient| of d when it fits in 18 digits.
func absCoeff(d decimal.Decimal) (uint64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	if c < 0 {
		return uint64(-c), true
	}
	return uint64(c), true
}

// allocateFast runs the Hamilton method in 64-bit integers with 128-bit
// products. ok is false when an input does not fit; allocateBig then runs.
func allocateFast(total decimal.Decimal, weights []decimal.Decimal, places int32) (parts []decimal.Decimal, ok bool, err error) {
	tc, fits := absCoeff(total)
	if !fits {
		return nil, false, nil
	}
	var t uint64
	if total.Exponent() >= -places {
		if t, fits = scaleUint(tc, total.Exponent()+places); !fits || t > 1<<63-1 {
			return nil, false, nil
		}
	} else {
		// total has trailing zeros below the unit (Round passed): drop them.
		t = tc / pow10[min(-places-total.Exponent(), 19)]
		if -places-total.Exponent() > 18 {
			t = 0
		}
	}

	var buf [16]uint64
	ws, sum, fits, err := scaleWeights(weights, buf[:0])
	if !fits || err != nil {
		return nil, false, err
	}

	hamilton(t, ws, sum)
	neg := total.Sign() < 0
	parts = make([]decimal.Decimal, len(ws))
	// Decimals are immutable, so equal parts share one value: in a short
	// split any earlier equal part, in a long one an equal neighbour.
	short := len(ws) <= 32
parts:
	for i, q := range ws {
		if i > 0 && q == ws[i-1] {
			parts[i] = parts[i-1]
			continue
		}
		if short {
			for j := range i {
				if ws[j] == q {
					parts[i] = parts[j]
					continue parts
				}
			}
		}
		v := int64(q)
		if neg {
			v = -v
		}
		parts[i] = decimal.New(v, -places)
	}
	return parts, true, nil
}

// scaleWeights converts weights to integers on a common scale: w_i ·
// 10^-e, where e is the smallest exponent among them. fits is false when a
// weight or the sum does not fit in 64 bits; err reports negative or
// all-zero weights.
//
// ws reuses buf when it is large enough.
func scaleWeights(weights []decimal.Decimal, buf []uint64) (ws []uint64, sum uint64, fits bool, err error) {
	if cap(buf) >= len(weights) {
		ws = buf[:len(weights)]
	} else {
		ws = make([]uint64, len(weights))
	}
	minExp, maxExp := int32(1<<30), int32(-1<<30)
	for i, w := range weights {
		c, ok := absCoeff(w)
		switch {
		case w.Sign() < 0 || w.Exponent() > MaxExponent || w.Exponent() < -MaxExponent:
			return nil, 0, false, checkWeights(weights)
		case !ok:
			return nil, 0, false, nil
		case c == 0:
			continue
		}
		ws[i] = c
		e := w.Exponent()
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
		return nil, 0, false, checkWeights(weights)
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
		rem = make([]uint64, len(ws))
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
	if k <= 4 || len(ws) <= 32 {
		// Few units left or few parts (the usual case for period and team
		// splits): pick them by repeated scans, no allocation. Strict >
		// keeps the earliest of equal remainders.
		for range k {
			best := -1
			for i, r := range rem {
				if r > 0 && (best < 0 || r > rem[best]) {
					best = i
				}
			}
			ws[best]++
			rem[best] = 0
		}
		return
	}
	for _, i := range topRemainders(len(ws), k, func(a, b int32) int {
		if rem[a] != rem[b] {
			if rem[a] > rem[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	}) {
		ws[i]++
	}
}

// allocateBig is the arbitrary-precision Hamilton method, for totals and
// weights that do not fit in 64 bits.
func allocateBig(total decimal.Decimal, weights []decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	if err := checkWeights(weights); err != nil {
		return nil, err
	}
	// Total in units of 10^-places.
	t := total.Abs().Shift(places).BigInt()
	minExp := int32(1 << 30)
	for _, w := range weights {
		if w.Sign() > 0 {
			minExp = min(minExp, w.Exponent())
		}
	}
	n := len(weights)
	ws := make([]*big.Int, n)
	sum := new(big.Int)
	for i, w := range weights {
		if w.Sign() == 0 {
			ws[i] = new(big.Int)
			continue
		}
		ws[i] = w.Shift(-minExp).BigInt()
		sum.Add(sum, ws[i])
	}
	floors := make([]*big.Int, n)
	given := new(big.Int)
	for i, w := range ws {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(t, w), sum, new(big.Int))
		floors[i], ws[i] = q, r
		given.Add(given, q)
	}
	left := new(big.Int).Sub(t, given)
	if k := int(left.Int64()); k > 0 {
		for _, i := range topRemainders(n, k, func(a, b int32) int {
			if c := ws[b].Cmp(ws[a]); c != 0 {
				return c
			}
			return int(a - b)
		}) {
			floors[i].Add(floors[i], big.NewInt(1))
		}
	}
	neg := total.Sign() < 0
	parts := make([]decimal.Decimal, n)
	for i, q := range floors {
		if neg {
			q.Neg(q)
		}
		parts[i] = decimal.NewFromBigInt(q, -places)
	}
	return parts, nil
}

// topRemainders returns the k indices in [0, n) that come first under cmp, a
// strict total order. It selects rather than sorts: expected O(n), with a
// sort as the fallback when partitioning degenerates.
func topRemainders(n, k int, cmp func(a, b int32) int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	if k >= n {
		return idx
	}
	less := func(a, b int32) bool { return cmp(a, b) < 0 }
	lo, hi := 0, n-1
	budget := 2 * bits.Len(uint(n))
	for lo < hi {
		if budget == 0 {
			slices.SortFunc(idx[lo:hi+1], cmp)
			break
		}
		budget--
		// Median of three as pivot, moved to hi.
		mid := lo + (hi-lo)/2
		if less(idx[mid], idx[lo]) {
			idx[mid], idx[lo] = idx[lo], idx[mid]
		}
		if less(idx[hi], idx[lo]) {
			idx[hi], idx[lo] = idx[lo], idx[hi]
		}
		if less(idx[mid], idx[hi]) {
			idx[mid], idx[hi] = idx[hi], idx[mid]
		}
		pivot := idx[hi]
		store := lo
		for i := lo; i < hi; i++ {
			if less(idx[i], pivot) {
				idx[i], idx[store] = idx[store], idx[i]
				store++
			}
		}
		idx[store], idx[hi] = idx[hi], idx[store]
		switch {
		case store == k:
			return idx[:k]
		case store < k:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
	return idx[:k]
}

// AllocateUnits is Allocate for amounts already held as integers in minor
// units (cents, fen): it splits total by weights with the same
// largest-remainder rule and the same tie-break, and returns int64 parts that
// add up to total exactly. It is the bulk path for very large splits, where
// building one decimal.Decimal per part would cost more than the split.
//
// AllocateUnits returns a *FieldError wrapping ErrNoParts, ErrNegativeWeight
// or ErrZeroWeights as Allocate does. It never overflows: weights whose sum
// exceeds 64 bits are split in arbitrary precision.
func AllocateUnits(total int64, weights []int64) ([]int64, error) {
	if len(weights) == 0 {
		return nil, fieldErr("weights", "", ErrNoParts)
	}
	ws := make([]uint64, len(weights))
	var sum uint64
	overflow := false
	for i, w := range weights {
		if w < 0 {
			return nil, fieldErr("weights["+strconv.Itoa(i)+"]", strconv.FormatInt(w, 10), ErrNegativeWeight)
		}
		var carry uint64
		sum, carry = bits.Add64(sum, uint64(w), 0)
		overflow = overflow || carry != 0
		ws[i] = uint64(w)
	}
	if sum == 0 && !overflow {
		return nil, fieldErr("weights", "", ErrZeroWeights)
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
		parts, err := allocateBig(decimal.NewFromInt(total), dw, 0)
		if err != nil {
			return nil, err
		}
		for i, p := range parts {
			out[i] = p.IntPart()
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
