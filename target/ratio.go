package target

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// ratio returns the float64 nearest to a ÷ b, b ≠ 0, saturating at
// ±math.MaxFloat64 so that it is always finite. When both coefficients, on
// a common exponent, are below 2^53, they are exact as floats and one
// division rounds once, to the nearest; otherwise exact rationals do. The
// float path is a speed trick: BenchmarkTrack runs in 4.7–5.4 µs with 62
// allocations with it, 7.7–9.6 µs with 100 on rationals alone.
func ratio(a, b decimal.Decimal) float64 {
	if x, y, ok := floatPair(a, b); ok {
		return x / y
	}
	f, _ := new(big.Rat).Quo(a.Rat(), b.Rat()).Float64()
	if math.IsInf(f, 0) {
		return math.Copysign(math.MaxFloat64, f)
	}
	return f
}

// floatPair returns the coefficients of a and b on their smaller exponent
// as floats, when both are below 2^53 there and so exact.
func floatPair(a, b decimal.Decimal) (x, y float64, ok bool) {
	const exact = 1 << 53
	if a.NumDigits() > 16 || b.NumDigits() > 16 {
		return 0, 0, false
	}
	ca, cb := a.CoefficientInt64(), b.CoefficientInt64()
	scale := func(c int64, by int32) (int64, bool) { // c·10^by, below 2^53
		if by > 15 || c >= exact/int64(pow10[by]) || c <= -exact/int64(pow10[by]) {
			return 0, false
		}
		return c * int64(pow10[by]), true
	}
	ok = true
	if d := a.Exponent() - b.Exponent(); d > 0 {
		ca, ok = scale(ca, d)
	} else {
		cb, ok = scale(cb, -d)
	}
	return float64(ca), float64(cb), ok
}
