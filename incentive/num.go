package incentive

import (
	"cmp"

	"github.com/shopspring/decimal"
)

// Inside Compute, the amounts the hot loops work on (credits, tier
// positions, slices of a credit, line amounts) are nums: a coefficient
// and an exponent in plain integers, c × 10^e, and a decimal.Decimal only
// for a value whose coefficient has more than 18 digits. A num's
// operations give exactly the value, and the coefficient and exponent,
// that the decimal helpers of money.go give on the same decimals (add
// keeps the smaller exponent, round the currency's, a zero operand leaves
// the other as it is), so a statement is the same to the last digit
// either way; a decimal is made only for what a statement keeps.
// Measured back to back on a shared 2-core machine with the decimal
// helpers (go test -cpu 1, CPU time): see bench_test.go.

// fixed is a num without its decimal: c × 10^e with |c| < 10^18, or, when
// wide, a value that does not fit, which the reader takes from the
// decimal it came from. It holds no pointer, so arrays of them cost the
// garbage collector nothing.
type fixed struct {
	c    int64
	e    int32
	wide bool
}

// fixedOf returns d as a fixed.
func fixedOf(d decimal.Decimal) fixed {
	if c, e, ok := small(d); ok {
		return fixed{c: c, e: e}
	}
	return fixed{wide: true}
}

// num is a decimal value: c × 10^e when !wide, otherwise d.
type num struct {
	fixed
	d decimal.Decimal
}

// numOf returns d as a num.
func numOf(d decimal.Decimal) num {
	if c, e, ok := small(d); ok {
		return num{fixed: fixed{c: c, e: e}}
	}
	return num{fixed: fixed{wide: true}, d: d}
}

// numFrom returns f as a num; src is the decimal f was taken from, read
// only when f is wide.
func numFrom(f fixed, src decimal.Decimal) num {
	if f.wide {
		return num{fixed: f, d: src}
	}
	return num{fixed: f}
}

// smallNum returns c × 10^e as a num, wide when c has 19 digits.
func smallNum(c int64, e int32) num {
	if c < pow10[18] && c > -pow10[18] {
		return num{fixed: fixed{c: c, e: e}}
	}
	return wideNum(decimal.New(c, e))
}

// wideNum returns d, which does not fit a fixed, as a num.
func wideNum(d decimal.Decimal) num { return num{fixed: fixed{wide: true}, d: d} }

// dec returns n as a decimal. A zero with exponent 0 is the zero Decimal,
// which allocates nothing.
func (n num) dec() decimal.Decimal {
	switch {
	case n.wide:
		return n.d
	case n.c == 0 && n.e == 0:
		return zero
	}
	return decimal.New(n.c, n.e)
}

// isZero reports whether n is zero; a wide num never is.
func (n num) isZero() bool { return !n.wide && n.c == 0 }

func (n num) sign() int {
	switch {
	case n.wide:
		return n.d.Sign()
	case n.c > 0:
		return 1
	case n.c < 0:
		return -1
	}
	return 0
}

// neg returns −n, as Decimal.Neg does.
func (n num) neg() num {
	if n.wide {
		return numOf(n.d.Neg())
	}
	n.c = -n.c
	return n
}

// alignFixed returns the coefficients of a and b at the smaller of their
// exponents (not equal), when both fit, as align does for decimals.
func alignFixed(a, b fixed) (x, y int64, e int32, ok bool) {
	if a.e > b.e {
		x, ok = scale(a.c, int64(a.e)-int64(b.e))
		return x, b.c, b.e, ok
	}
	y, ok = scale(b.c, int64(b.e)-int64(a.e))
	return a.c, y, a.e, ok
}

// The operations below take the path of plain integers first; the others
// (a wide operand, exponents far apart) are the decimal helpers' own.

// addNum returns a + b as add does.
func addNum(a, b num) num {
	switch {
	case a.wide || b.wide:
	case b.c == 0:
		return a
	case a.c == 0:
		return b
	case a.e == b.e:
		return smallNum(a.c+b.c, a.e) // |a.c|, |b.c| < 10^18, so the sum fits
	default:
		if x, y, e, ok := alignFixed(a.fixed, b.fixed); ok {
			return smallNum(x+y, e)
		}
	}
	return numOf(add(a.dec(), b.dec()))
}

// subNum returns a − b as sub does.
func subNum(a, b num) num {
	switch {
	case a.wide || b.wide:
	case b.c == 0:
		return a
	case a.e == b.e:
		return smallNum(a.c-b.c, a.e)
	default:
		if x, y, e, ok := alignFixed(a.fixed, b.fixed); ok {
			return smallNum(x-y, e)
		}
	}
	return numOf(sub(a.dec(), b.dec()))
}

// cmpNum compares a and b by value.
func cmpNum(a, b num) int {
	switch {
	case a.wide || b.wide:
	case a.e == b.e:
		return cmp.Compare(a.c, b.c)
	default:
		if x, y, _, ok := alignFixed(a.fixed, b.fixed); ok {
			return cmp.Compare(x, y)
		}
	}
	return cmpDec(a.dec(), b.dec())
}

// mulNum returns a × b exactly, as mul does.
func mulNum(a, b num) num {
	switch {
	case a.wide || b.wide:
	case a.c == 0 || b.c == 0:
		return num{}
	default:
		if p, e, ok := mulCoefficients(a.c, a.e, b.c, b.e); ok {
			return num{fixed: fixed{c: p, e: e}}
		}
	}
	return numOf(mul(a.dec(), b.dec()))
}

// roundNum returns n rounded to places by mode, as round does.
func roundNum(n num, places int32, mode RoundingMode) num {
	switch {
	case n.wide:
	case n.e >= -places:
		return n
	default:
		if q, ok := roundSmall(n.c, n.e, places, mode); ok {
			return num{fixed: fixed{c: q, e: -places}}
		}
	}
	return numOf(round(n.dec(), places, mode))
}

// mulRoundNum returns a × b rounded to places by mode, as mulRound does.
func mulRoundNum(a, b num, places int32, mode RoundingMode) num {
	switch {
	case a.wide || b.wide:
	case a.c == 0 || b.c == 0:
		return num{}
	default:
		if p, e, ok := mulCoefficients(a.c, a.e, b.c, b.e); ok {
			if e >= -places {
				return num{fixed: fixed{c: p, e: e}}
			}
			if q, ok := roundSmall(p, e, places, mode); ok {
				return num{fixed: fixed{c: q, e: -places}}
			}
		}
	}
	return numOf(mulRound(a.dec(), b.dec(), places, mode))
}

// timesNum is rounder.times on nums.
func (r rounder) timesNum(basis, rate num) num {
	if r.perLine {
		return mulRoundNum(basis, rate, r.places, r.mode)
	}
	return mulNum(basis, rate)
}
