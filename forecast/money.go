package forecast

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// maxPlaces is the most decimal places money may be held to.
const maxPlaces = 9

// pow10 holds 10^0 … 10^18.
var pow10 = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// checkPlaces returns a *FieldError naming name unless places is in
// [0, maxPlaces].
func checkPlaces(name string, places int32) error {
	if places < 0 || places > maxPlaces {
		return fieldErr(name, formatInt(int64(places)), ErrPlaces)
	}
	return nil
}

// toUnits returns d as a whole number of units of 10^-places. It reports
// false when d has more decimal places than places (after dropping trailing
// zeros: 10.500 is 1050 units at two places) or does not fit an int64.
func toUnits(d decimal.Decimal, places int32) (int64, bool) {
	if d.NumDigits() > 18 {
		s := d.Shift(places)
		if !s.IsInteger() {
			return 0, false
		}
		b := s.BigInt()
		if !b.IsInt64() {
			return 0, false
		}
		return b.Int64(), true
	}
	c := d.CoefficientInt64()
	shift := int64(d.Exponent()) + int64(places)
	switch {
	case c == 0:
		return 0, true
	case shift >= 0:
		if shift > 18 {
			return 0, false
		}
		hi, lo := bits.Mul64(uabs(c), uint64(pow10[shift]))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		if c < 0 {
			return -int64(lo), true
		}
		return int64(lo), true
	default:
		if -shift > 18 {
			return 0, false
		}
		p := pow10[-shift]
		if c%p != 0 {
			return 0, false
		}
		return c / p, true
	}
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// probScale is the resolution at which probabilities weight money: one part
// in a billion.
const probScale = 1_000_000_000

// probUnits returns p·10⁹ rounded half to even, computed exactly from p's
// binary value, for p in [0, 1]. So 0.1 (whose double is a little above one
// tenth) gives 100,000,000 and 1/3 gives 333,333,333.
func probUnits(p float64) uint64 {
	if !(p > 0) {
		return 0
	}
	if p >= 1 {
		return probScale
	}
	b := math.Float64bits(p)
	mant, exp := b&(1<<52-1), int(b>>52&0x7ff)
	e := -1074
	if exp != 0 {
		mant |= 1 << 52
		e = exp - 1075
	}
	hi, lo := bits.Mul64(mant, probScale)
	return shiftRound(hi, lo, uint(-e))
}

// shiftRound returns the 128-bit value hi:lo divided by 2^s, rounded half to
// even. The quotient must fit 64 bits.
func shiftRound(hi, lo uint64, s uint) uint64 {
	if s == 0 {
		return lo
	}
	if s >= 128 {
		return 0 // hi:lo < 2^127 here, below one half
	}
	var q, remHi, remLo, halfHi, halfLo uint64
	if s >= 64 {
		t := s - 64
		q = hi >> t
		if t > 0 {
			remHi, remLo = hi&(1<<t-1), lo
			halfHi = 1 << (t - 1)
		} else {
			remLo, halfLo = lo, 1<<63
		}
	} else {
		q = lo>>s | hi<<(64-s)
		remLo, halfLo = lo&(1<<s-1), 1<<(s-1)
	}
	switch {
	case remHi > halfHi || (remHi == halfHi && remLo > halfLo):
		q++
	case remHi == halfHi && remLo == halfLo && q&1 == 1:
		q++
	}
	return q
}

// weightUnits returns units × pu / 10⁹ rounded half to even: the weighted
// amount of a non-negative amount of units at a probability of pu parts in a
// billion. Splitting units as a·10⁹ + b keeps every step in 64 bits with
// constant divisors, which the compiler turns into multiplications: 3 ns
// against 12 ns for a 128-bit bits.Div64.
func weightUnits(units int64, pu uint64) int64 {
	a, b := uint64(units)/probScale, uint64(units)%probScale
	x := b * pu // < 10^18
	q, r := a*pu+x/probScale, x%probScale
	if r > probScale/2 || (r == probScale/2 && q&1 == 1) {
		q++
	}
	return int64(q)
}

// sum128 is a signed 128-bit sum of units, so that totals of any number of
// int64 amounts stay exact. It does not check for overflow: a pipeline holds
// fewer than 2^62 deals (maxDeals), each below 2^63 units, so no sum of them
// reaches 2^125. (Leaving the check out saves 30 of Add's 720 instructions a
// deal on BenchmarkPipeline1M, callgrind.)
type sum128 struct {
	hi int64
	lo uint64
}

// add adds v.
func (s *sum128) add(v int64) { s.addSum(sum128{hi: v >> 63, lo: uint64(v)}) }

// addSum adds t.
func (s *sum128) addSum(t sum128) {
	lo, carry := bits.Add64(s.lo, t.lo, 0)
	s.hi += t.hi + int64(carry)
	s.lo = lo
}

// decimal returns s units of 10^-places as a decimal.
func (s sum128) decimal(places int32) decimal.Decimal {
	if (s.hi == 0 && s.lo <= math.MaxInt64) || (s.hi == -1 && s.lo > math.MaxInt64) {
		return decimal.New(int64(s.lo), -places)
	}
	b := new(big.Int).SetInt64(s.hi)
	b.Lsh(b, 64)
	// Or works on two's complement, which is what hi:lo is: the low 64
	// bits of hi·2^64 are zero, and lo fills them.
	b.Or(b, new(big.Int).SetUint64(s.lo))
	return decimal.NewFromBigInt(b, -places)
}

func formatInt(v int64) string { return strconv.FormatInt(v, 10) }
