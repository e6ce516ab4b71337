package target

import (
	"fmt"
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
// Ties between equal remainders go to the earlier part. For periods that
// puts the spare cent in the earliest period, where it is known first and
// tracked longest; a caller who prefers the latest period reverses the
// weights and the result. So 2,500,000 over three equal months at places 2
// is 833,333.34 + 833,333.33 + 833,333.33.
//
// What holds for every split:
//   - the parts add up to total exactly, and each is within one unit of its
//     exact share (less than 10^-places away from T·w_i / W);
//   - a zero weight gets exactly zero, and a larger weight never gets a
//     smaller part; equal weights get parts at most one unit apart, the
//     earlier ones the larger;
//   - the split depends only on the values: the same total and weights
//     give the same parts, whatever their exponents (2500000 and
//     2500000.00 are the same total), and multiplying every weight by the
//     same positive factor changes nothing.
//
// What does not hold, as for every largest-remainder method: adding a part
// may move a unit between the earlier parts, and a larger total may give a
// part less (the Alabama paradox; [Replan] reports it). 0.02 split 1:4 at
// places 2 is [0 0.02]; appending a part of weight 1 gives [0.01 0.01 0].
//
// A negative total (quota relief, a clawback) is split as its magnitude, and
// every part takes the sign of the total. Weights are any non-negative
// decimals: shares, headcounts, last year's actuals.
//
// Allocate returns a *FieldError wrapping ErrNoParts for no weights,
// ErrPlaces for places outside [MinPlaces, MaxPlaces], ErrPrecision when
// total is finer than 10^-places, ErrNegativeWeight naming every negative
// weight (joined with errors.Join), ErrZeroWeights when all weights are
// zero (an all-zero split would lose the total), and ErrInvalid for a
// decimal whose exponent is beyond ±MaxExponent.
func Allocate(total decimal.Decimal, weights []decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	return allocate(total, weights, places, plainWeights())
}

// allocate is Allocate with the caller's names for the weights, so an error
// names what the caller passed: "plan[2].weight", "units[4].weight".
func allocate(total decimal.Decimal, weights []decimal.Decimal, places int32, names weightNames) ([]decimal.Decimal, error) {
	if err := checkAllocation(total, weights, places, names); err != nil {
		return nil, err
	}
	neg := total.Sign() < 0
	// Totals and weights that fit in 64 bits take the machine-word path:
	// BenchmarkAllocate12 runs in about 700 ns and 11 allocations there,
	// 5,700 ns and 118 in big.Int arithmetic. buf keeps a short split's
	// parts off the heap (one allocation and about 130 ns of the 700).
	if t, fits := totalUnits(total, places); fits {
		var buf [16]uint64
		if mags, ok, err := allocateFast(t, weights, buf[:0], names); ok || err != nil {
			if err != nil {
				return nil, err
			}
			return decimalsOf(mags, neg, places), nil
		}
	}
	mags, err := allocateBig(total, weights, places, names)
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
func checkAllocation(total decimal.Decimal, weights []decimal.Decimal, places int32, names weightNames) error {
	if len(weights) == 0 {
		return fieldErr(names.list, "", ErrNoParts)
	}
	if err := checkPlaces(places); err != nil {
		return err
	}
	if err := checkExp("total", total); err != nil {
		return err
	}
	return checkFits("total", total, places)
}

// checkPlaces reports places outside [MinPlaces, MaxPlaces].
func checkPlaces(places int32) error {
	if places < MinPlaces || places > MaxPlaces {
		return fieldErr("places", strconv.Itoa(int(places)),
			fmt.Errorf("%w: places must lie in [%d, %d]", ErrPlaces, MinPlaces, MaxPlaces))
	}
	return nil
}

// checkFits reports an amount that is not a whole number of units of
// 10^-places, saying what the unit is.
func checkFits(field string, d decimal.Decimal, places int32) error {
	if fitsPlaces(d, places) {
		return nil
	}
	return fieldErr(field, d.String(), fmt.Errorf("%w: places %d rounds to whole multiples of %s",
		ErrPrecision, places, formatAmount(decimal.New(1, -places))))
}

// fitsPlaces reports whether d is a whole number of units of 10^-places,
// without allocating in the common cases.
func fitsPlaces(d decimal.Decimal, places int32) bool {
	if d.Exponent() >= -places {
		return true
	}
	return d.Shift(places).IsInteger()
}

// decimalsOf turns part magnitudes in units of 10^-places into decimals
// with the given sign. Decimals are immutable, so equal parts share one
// value: in a short split any earlier equal part, in a long one an equal
// neighbour. Each new value costs two allocations inside shopspring/decimal
// (a big.Int and its one-word array), which is most of what a large split
// costs; see AllocateParts. Sharing is a speed trick: BenchmarkAllocate12
// (seasonal shares, many equal parts) takes about 700 ns and 11 allocations
// with it, 1,040 ns and 25 without.
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
