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
	if err := checkAllocation(total, weights, places); err != nil {
		return nil, err
	}
	neg := total.Sign() < 0
	if t, fits := totalUnits(total, places); fits {
		var buf [16]uint64
		if mags, ok, err := allocateFast(t, weights, buf[:0]); ok || err != nil {
			if err != nil {
				return nil, err
			}
			return decimalsOf(mags, neg, places), nil
		}
	}
	mags, err := allocateBig(total, weights, places)
	if err != nil {
		return nil, err
	}
	parts := make([]decimal.Decimal, len(mags))
	for i, q := range mags {
		if neg {
			q.Neg(q)
		}
		parts[i] = decimal.NewFromBigInt(q, -places)
	}
	return parts, nil
}

// checkAllocation checks what Allocate and AllocateParts take, weights
// aside: those are checked as they are read.
func checkAllocation(total decimal.Decimal, weights []decimal.Decimal, places int32) error {
	if len(weights) == 0 {
		return fieldErr("weights", "", ErrNoParts)
	}
	if places < MinPlaces || places > MaxPlaces {
		return fieldErr("places", strconv.Itoa(int(places)), ErrPlaces)
	}
	if err := checkExp("total", total); err != nil {
		return err
	}
	if !fitsPlaces(total, places) {
		return fieldErr("total", total.String(), ErrPrecision)
	}
	return nil
}

// decimalsOf turns part magnitudes in units of 10^-places into decimals
// with the given sign. Decimals are immutable, so equal parts share one
// value: in a short split any earlier equal part, in a long one an equal
// neighbour. Each new value costs two allocations inside shopspring/decimal
// (a big.Int and its one-word array), which is most of what a large split
// costs; see AllocateParts.
func decimalsOf(mags []uint64, neg bool, places int32) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(mags))
	short := len(mags) <= 32
parts:
	for i, q := range mags {
		if i > 0 && q == mags[i-1] {
			parts[i] = parts[i-1]
			continue
		}
		if short {
			for j := range i {
				if mags[j] == q {
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
	return parts
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
func allocateFast(t uint64, weights []decimal.Decimal, buf []uint64) (mags []uint64, ok bool, err error) {
	ws, sum, fits, err := scaleWeights(weights, buf)
	if !fits || err != nil {
		return nil, false, err
	}
	hamilton(t, ws, sum)
	return ws, true, nil
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
		e := w.Exponent()
		c, ok := coeffInt64(w)
		switch {
		case c < 0 || e > MaxExponent || e < -MaxExponent:
			return nil, 0, false, checkWeights(weights)
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
	if k <= 4 {
		// Few units left: pick them by repeated scans. Strict > keeps the
		// earliest of equal remainders.
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
	// Many units left over: find the k-th largest remainder, then give a
	// unit to every part above it and to the earliest parts equal to it
	// until the k units are gone. k is below the number of positive
	// remainders (they add up to k·sum, each below sum), so the threshold
	// is positive and zero-weight parts get nothing.
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

// kthLargest returns the k-th largest value in xs, 1 ≤ k ≤ len(xs),
// reordering xs. It is a quickselect with a three-way partition, so runs of
// equal values cost nothing extra, and falls back to sorting what is left
// when the partitions stop shrinking fast enough: O(n) expected, O(n log n)
// at worst.
func kthLargest(xs []uint64, k int) uint64 {
	return selectLargest(xs, k, 2*bits.Len(uint(len(xs))))
}

// selectLargest is kthLargest with the number of partitions it may make
// before it sorts.
func selectLargest(xs []uint64, k, budget int) uint64 {
	want := k - 1 // the position the value would take in descending order
	lo, hi := 0, len(xs)
	// Invariant: every value in xs[:lo] is above every value in xs[lo:hi],
	// and every value in xs[hi:] below, so position want lies in [lo, hi).
	for ; hi-lo > 1; budget-- {
		if budget == 0 {
			rest := xs[lo:hi]
			slices.Sort(rest)
			return rest[len(rest)-1-(want-lo)]
		}
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
		if a > b {
			a, b = b, a
		}
		pivot := max(a, min(b, c)) // median of three
		// xs[lo:gt] > pivot, xs[gt:i] == pivot, xs[lt:hi] < pivot.
		gt, i, lt := lo, lo, hi
		for i < lt {
			switch v := xs[i]; {
			case v > pivot:
				xs[gt], xs[i] = v, xs[gt]
				gt++
				i++
			case v < pivot:
				lt--
				xs[lt], xs[i] = v, xs[lt]
			default:
				i++
			}
		}
		switch {
		case want < gt:
			hi = gt
		case want >= lt:
			lo = lt
		default:
			return pivot
		}
	}
	return xs[lo]
}

// allocateBig is the arbitrary-precision Hamilton method, for totals and
// weights that do not fit in 64 bits. It returns the parts' magnitudes in
// units of 10^-places. Ranking its remainders sorts rather than selects:
// the path is rare and its splits short.
func allocateBig(total decimal.Decimal, weights []decimal.Decimal, places int32) ([]*big.Int, error) {
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
	rems := make([]*big.Int, n)
	sum := new(big.Int)
	for i, w := range weights {
		if w.Sign() == 0 {
			rems[i] = new(big.Int)
			continue
		}
		rems[i] = w.Shift(-minExp).BigInt()
		sum.Add(sum, rems[i])
	}
	floors := make([]*big.Int, n)
	given := new(big.Int)
	for i, w := range rems {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(t, w), sum, new(big.Int))
		floors[i], rems[i] = q, r
		given.Add(given, q)
	}
	if k := int(new(big.Int).Sub(t, given).Int64()); k > 0 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		// Largest remainder first, the earlier part first among equals.
		slices.SortFunc(idx, func(a, b int) int {
			if c := rems[b].Cmp(rems[a]); c != 0 {
				return c
			}
			return a - b
		})
		one := big.NewInt(1)
		for _, i := range idx[:k] {
			floors[i].Add(floors[i], one)
		}
	}
	return floors, nil
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
		mags, err := allocateBig(decimal.NewFromInt(total), dw, 0)
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
