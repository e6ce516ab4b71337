package target

import (
	"strings"

	"github.com/shopspring/decimal"
)

// formatAmount writes d with thousands separators, as reasons quote it:
// 18000000 → "18,000,000", -1234.5 → "-1,234.5".
func formatAmount(d decimal.Decimal) string {
	s := d.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
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
