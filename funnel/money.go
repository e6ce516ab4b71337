package funnel

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// money is an exact running sum of amounts. The common case keeps the sum as
// an int64 coefficient at the smallest exponent seen; whatever would overflow
// it moves into the decimal part. The zero value is a sum of zero. Summing
// every amount as a decimal instead takes a report of grouped events three
// times the instructions (Ir, bench_test.go), most of them allocating.
type money struct {
	units int64
	exp   int32
	over  bool
	big   decimal.Decimal
}

// add adds coef·10^exp.
func (m *money) add(coef int64, exp int32) {
	if coef == 0 {
		return
	}
	if m.units == 0 && !m.over {
		m.units, m.exp = coef, exp
		return
	}
	if exp < m.exp {
		u, ok := mulPow10(m.units, m.exp-exp)
		if !ok {
			m.spill(decimal.New(coef, exp))
			return
		}
		m.units, m.exp = u, exp
	} else if exp > m.exp {
		c, ok := mulPow10(coef, exp-m.exp)
		if !ok {
			m.spill(decimal.New(coef, exp))
			return
		}
		coef = c
	}
	s := m.units + coef
	if (s > m.units) != (coef > 0) {
		m.spill(decimal.New(coef, m.exp))
		return
	}
	m.units = s
}

// spill adds d to the decimal part.
func (m *money) spill(d decimal.Decimal) {
	if !m.over {
		m.big = d
		m.over = true
		return
	}
	m.big = m.big.Add(d)
}

// addDec adds an amount held as a decimal.
func (m *money) addDec(d decimal.Decimal) {
	if c, e, ok := splitAmount(d); ok && e >= -maxAmountExp && e <= maxAmountExp {
		m.add(c, e)
		return
	}
	m.spill(d)
}

// merge adds the sum o.
func (m *money) merge(o money) {
	m.add(o.units, o.exp)
	if o.over {
		m.spill(o.big)
	}
}

// value returns the sum as a decimal.
func (m money) value() decimal.Decimal {
	d := decimal.New(m.units, m.exp)
	if m.over {
		d = d.Add(m.big)
	}
	return d
}

// u128 is an unsigned 128-bit sum of durations.
type u128 struct{ hi, lo uint64 }

func (u *u128) add(v int64) {
	var c uint64
	u.lo, c = bits.Add64(u.lo, uint64(v), 0)
	u.hi += c
}

func (u *u128) addU(v u128) {
	var c uint64
	u.lo, c = bits.Add64(u.lo, v.lo, 0)
	u.hi += v.hi + c
}

// div returns u / n rounded down; the caller guarantees the quotient fits in
// an int64 (it is a mean of int64 values).
func (u u128) div(n int) int64 {
	if n <= 0 {
		return 0
	}
	q, _ := bits.Div64(u.hi%uint64(n), u.lo, uint64(n))
	return int64(q)
}

func (u u128) decimal() decimal.Decimal {
	hi := decimal.NewFromUint64(u.hi).Mul(decimal.NewFromUint64(1 << 32)).Mul(decimal.NewFromUint64(1 << 32))
	return hi.Add(decimal.NewFromUint64(u.lo))
}
