package funnel

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// pow10 holds 10^0 through 10^18, every power of ten an int64 can hold.
var pow10 = [...]int64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
}

// maxAmountExp bounds the exponent of an amount (see [ErrAmount]); it keeps
// rescaling between amounts cheap and exact.
const maxAmountExp = 18

// splitAmount returns d as coef·10^exp when the coefficient has at most 18
// digits, without allocating. A zero amount is (0, 0). ok is false when the
// coefficient is too long for an int64.
func splitAmount(d decimal.Decimal) (coef int64, exp int32, ok bool) {
	if d.NumDigits() > 18 {
		return 0, 0, false
	}
	if c := d.CoefficientInt64(); c != 0 {
		return c, d.Exponent(), true
	}
	return 0, 0, true
}

// mulPow10 returns c·10^n and whether it fits in an int64.
func mulPow10(c int64, n int32) (int64, bool) {
	if n == 0 || c == 0 {
		return c, true
	}
	if n > 18 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(abs64(c)), uint64(pow10[n]))
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(c int64) int64 {
	if c < 0 {
		return -c
	}
	return c
}

// addTo adds the amount of r to m.
func (a *Analyzer) addTo(m *money, r rec) {
	if r.big() {
		m.addDec(a.bigs[r.coef()])
		return
	}
	m.add(r.coef(), r.exp())
}

// subFrom subtracts the amount of r from m.
func (a *Analyzer) subFrom(m *money, r rec) {
	if r.big() {
		m.addDec(a.bigs[r.coef()].Neg())
		return
	}
	m.add(-r.coef(), r.exp())
}

// decimalOf returns the amount of r as a decimal.
func (a *Analyzer) decimalOf(r rec) decimal.Decimal {
	if r.big() {
		return a.bigs[r.coef()]
	}
	return decimal.New(r.coef(), r.exp())
}

// cmpAmount compares the amounts of x and y.
func (a *Analyzer) cmpAmount(x, y rec) int {
	if !x.big() && !y.big() {
		xc, yc := x.coef(), y.coef()
		switch xe, ye := x.exp(), y.exp(); {
		case xe > ye:
			c, ok := mulPow10(xc, xe-ye)
			if !ok {
				return 1 // amounts are non-negative: the scaled one is larger
			}
			xc = c
		case xe < ye:
			c, ok := mulPow10(yc, ye-xe)
			if !ok {
				return -1
			}
			yc = c
		}
		switch {
		case xc < yc:
			return -1
		case xc > yc:
			return 1
		}
		return 0
	}
	return a.decimalOf(x).Cmp(a.decimalOf(y))
}
