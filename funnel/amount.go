package funnel

import (
	"cmp"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// pow10 holds 10^0 through 10^18, every power of ten an int64 can hold.
var pow10 = [...]int64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
}

// An amount has at most maxAmountExp digits after the decimal point and
// fewer than maxAmountDigits before it, trailing zeros aside (see
// [ErrAmount]). The bounds are on the value, whatever its decimal's
// exponent: 1e19 and 10000000000000000000 are the same amount. They keep
// exponents within reach of an int64's powers of ten, so that sums rescale
// cheaply and exactly, and a decimal with an exponent of a billion from
// being rescaled to a billion digits.
const (
	maxAmountExp    = 18
	maxAmountDigits = 36
)

// normalAmount returns amount d as coef·10^exp with |exp| ≤ maxAmountExp
// when its coefficient fits in an int64 (small), and otherwise says only
// that it is an amount. why says what is wrong with d when it is not one.
func normalAmount(d decimal.Decimal) (coef int64, exp int32, small bool, why string) {
	const (
		negative = "the amount is negative"
		places   = "the amount has more than 18 decimal places"
		digits   = "the amount has more than 36 digits before the decimal point"
	)
	coef, exp, small = splitAmount(d)
	if small {
		switch {
		case coef < 0:
			return 0, 0, false, negative
		case coef == 0:
			return 0, 0, true, ""
		}
		for exp < -maxAmountExp && coef%10 == 0 {
			coef /= 10
			exp++
		}
		if exp < -maxAmountExp {
			return 0, 0, false, places
		}
		if exp > maxAmountExp {
			if int64(intDigits(coef))+int64(exp) > maxAmountDigits {
				return 0, 0, false, digits
			}
			coef *= pow10[exp-maxAmountExp] // fits: the value has at most 36 digits
			exp = maxAmountExp
		}
		return coef, exp, true, ""
	}
	if d.Sign() < 0 {
		return 0, 0, false, negative
	}
	n, e := int64(d.NumDigits()), int64(d.Exponent())
	if n+e > maxAmountDigits {
		return 0, 0, false, digits
	}
	if z := -maxAmountExp - e; z > 0 {
		// The last z digits of the coefficient must be zeros.
		if z >= n {
			return 0, 0, false, places
		}
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(z), nil)
		if new(big.Int).Rem(d.Coefficient(), p).Sign() != 0 {
			return 0, 0, false, places
		}
	}
	return 0, 0, false, ""
}

// amountText returns d as an error message shows it: as decimal digits, or
// in scientific notation when those would be more than a line.
func amountText(d decimal.Decimal) string {
	if e := d.Exponent(); e < -40 || e > 40 {
		return d.Coefficient().String() + "e" + strconv.Itoa(int(e))
	}
	return d.String()
}

// intDigits returns the number of decimal digits of c > 0.
func intDigits(c int64) int {
	n := 1
	for n < len(pow10) && c >= pow10[n] {
		n++
	}
	return n
}

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
	w := a.amountOf(r)
	if wordBig(w) {
		m.addDec(a.bigs[wordCoef(w)])
		return
	}
	m.add(wordCoef(w), wordExp(w))
}

// subFrom subtracts the amount of r from m.
func (a *Analyzer) subFrom(m *money, r rec) {
	w := a.amountOf(r)
	if wordBig(w) {
		m.addDec(a.bigs[wordCoef(w)].Neg())
		return
	}
	m.add(-wordCoef(w), wordExp(w))
}

// decimalOf returns the amount word w as a decimal.
func (a *Analyzer) decimalOf(w uint64) decimal.Decimal {
	if wordBig(w) {
		return a.bigs[wordCoef(w)]
	}
	return decimal.New(wordCoef(w), wordExp(w))
}

// cmpAmount compares the amounts of x and y.
func (a *Analyzer) cmpAmount(x, y rec) int {
	xw, yw := a.amountOf(x), a.amountOf(y)
	if wordBig(xw) || wordBig(yw) {
		return a.decimalOf(xw).Cmp(a.decimalOf(yw))
	}
	xc, yc := wordCoef(xw), wordCoef(yw)
	switch xe, ye := wordExp(xw), wordExp(yw); {
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
	return cmp.Compare(xc, yc)
}
