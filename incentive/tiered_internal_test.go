package incentive

import (
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSlicesMatchSliced checks the one-tier path of tieredRule.slices
// against sliced, the general loop, line for line and digit for digit
// (exponents included): random rate tables of one to four tiers, marginal,
// retroactive and hybrid, bounds and rates with many places and beyond 18
// digits, scaled by a quota or not, rounded per line or not, and moves up
// and down (credit notes), from anywhere, many starting or ending on a
// bound.
func TestSlicesMatchSliced(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	gen := func(maxDigits int, signed bool) decimal.Decimal {
		c := new(big.Int)
		for range 1 + rng.IntN(maxDigits) {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		if signed && rng.IntN(3) == 0 {
			c.Neg(c)
		}
		return decimal.NewFromBigInt(c, -int32(rng.IntN(9)))
	}
	same := func(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() }
	for iter := range 4000 {
		n := 1 + rng.IntN(4)
		cuts := make([]decimal.Decimal, 0, n)
		for len(cuts) < n-1 {
			if c := gen(22, false); c.Sign() > 0 {
				cuts = append(cuts, c)
			}
		}
		sort.Slice(cuts, func(i, j int) bool { return cuts[i].Cmp(cuts[j]) < 0 })
		k := Component{ID: "c", Type: TypeTiered, Method: Method(rng.IntN(2)), Boundary: Boundary(rng.IntN(2))}
		from := decimal.Zero
		for j := range n {
			tier := Tier{From: from, Rate: gen(8, false), Retroactive: rng.IntN(3) == 0}
			if j < n-1 {
				to := cuts[j]
				tier.To, from = &to, to
			}
			k.Tiers = append(k.Tiers, tier)
		}
		rounding := Rounding{Places: int32(rng.IntN(4)), Mode: RoundingMode(rng.IntN(3)), Stage: RoundingStage(rng.IntN(2))}
		r := newTiered(&k, rounding)
		bs := r.bounds
		if rng.IntN(2) == 0 {
			bs = nil
			q := numOf(gen(20, false).Add(decimal.New(1, -2)))
			for i, tier := range r.tiers {
				bs = append(bs, r.boundOf(i, tier.To == nil, q))
			}
		}
		// A position: a bound, or a random amount.
		pos := func() total {
			var p total
			if rng.IntN(3) == 0 {
				b := bs[rng.IntN(len(bs))]
				if !b.open && rng.IntN(2) == 0 {
					return b.to
				}
				return b.from
			}
			p.add(gen(21, true))
			return p
		}
		for range 8 {
			a, b := pos(), pos()
			if a.cmp(&b) > 0 {
				a, b = b, a
			}
			whole := numOf(sub(b.value(), a.value()))
			neg := rng.IntN(2) == 0
			if neg {
				whole = whole.neg()
			}
			final := rng.IntN(len(bs))
			c := &Credit{Deal: "D1", Date: MustDate("2025-01-02")}
			var sumFast, sumLoop total
			fast := r.slices(nil, bs, c, &a, &b, whole, whole.dec(), neg, final, &sumFast)
			loop := []Line(nil)
			if !whole.isZero() {
				loop = r.sliced(nil, bs, c, &a, &b, whole, whole.dec(), neg, final, &sumLoop)
			}
			if len(fast) != len(loop) || !same(sumFast.value(), sumLoop.value()) {
				t.Fatalf("case %d: %d lines summing to %s, sliced %d summing to %s", iter, len(fast), sumFast.value(), len(loop), sumLoop.value())
			}
			for i := range fast {
				f, l := fast[i], loop[i]
				if !f.Equal(l) || !same(f.Amount, l.Amount) || !same(f.Basis, l.Basis) {
					t.Fatalf("case %d, line %d: %+v, sliced %+v", iter, i, f, l)
				}
			}
		}
	}
}
