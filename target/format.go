package target

import (
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// formatAmount writes d with thousands separators, as reasons quote it:
// 18000000 → "18,000,000", -1234.5 → "-1,234.5".
func formatAmount(d decimal.Decimal) string {
	s := d.String()
	sign, s := "", s
	if len(s) > 0 && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(sign) + len(s) + len(intPart)/3 + 1)
	b.WriteString(sign)
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatPercent writes the fraction f as a percentage with at most two
// decimals: 0.8 → "80%", 0.12345 → "12.35%".
func formatPercent(f decimal.Decimal) string {
	return f.Shift(2).Round(2).String() + "%"
}

// adder sums decimals exactly. While every value has the same exponent and
// the running sum fits in an int64 it adds coefficients without allocating;
// anything else goes through decimal arithmetic.
type adder struct {
	c    int64
	exp  int32
	fast bool // c and exp hold a partial sum
	slow decimal.Decimal
}

func (a *adder) add(d decimal.Decimal) {
	if d.NumDigits() <= 18 && (!a.fast || d.Exponent() == a.exp) {
		c := d.CoefficientInt64()
		if s := a.c + c; (c >= 0 && s >= a.c) || (c < 0 && s < a.c) {
			a.c, a.exp, a.fast = s, d.Exponent(), true
			return
		}
	}
	a.slow = a.slow.Add(d)
}

func (a *adder) sum() decimal.Decimal {
	if !a.fast {
		return a.slow
	}
	if a.slow.IsZero() {
		return decimal.New(a.c, a.exp)
	}
	return a.slow.Add(decimal.New(a.c, a.exp))
}

// ratio returns the float64 nearest to a ÷ b, b ≠ 0. When both
// coefficients, on a common exponent, are below 2^53, they are exact as
// floats and one division rounds once, to the nearest; otherwise exact
// rationals do.
func ratio(a, b decimal.Decimal) float64 {
	if x, y, ok := floatPair(a, b); ok {
		return x / y
	}
	f, _ := new(big.Rat).Quo(a.Rat(), b.Rat()).Float64()
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
