package target

import "github.com/shopspring/decimal"

// adder is the package's one exact sum of decimals. While every value has
// the same exponent and the running sum fits in an int64 it adds
// coefficients without allocating; anything else goes through decimal
// arithmetic. The fast path is a speed trick: BenchmarkTrack (a 12-month
// plan) runs in 4.7–5.4 µs with 62 allocations with it, 11–12 µs with 94
// adding decimals one by one (2 shared cores, min of 5 runs).
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
