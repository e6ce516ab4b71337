package target

import (
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// allocateBig is the arbitrary-precision Hamilton method, for totals and
// weights that do not fit in 64 bits. It returns the parts' magnitudes in
// units of 10^-places. Ranking its remainders sorts rather than selects:
// the path is rare and its splits short.
func allocateBig(total decimal.Decimal, weights []decimal.Decimal, places int32, names weightNames) ([]*big.Int, error) {
	if err := checkDecimals(weights, names); err != nil {
		return nil, err
	}
	// Total in units of 10^-places.
	t := total.Abs().Shift(places).BigInt()
	minExp := int32(1 << 30)
	for _, w := range weights {
		if w.Sign() > 0 {
			minExp = min(minExp, w.Exponent())
		}
	}
	n := len(weights)
	rems := make([]*big.Int, n)
	sum := new(big.Int)
	for i, w := range weights {
		if w.Sign() == 0 {
			rems[i] = new(big.Int)
			continue
		}
		rems[i] = w.Shift(-minExp).BigInt()
		sum.Add(sum, rems[i])
	}
	floors := make([]*big.Int, n)
	given := new(big.Int)
	for i, w := range rems {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(t, w), sum, new(big.Int))
		floors[i], rems[i] = q, r
		given.Add(given, q)
	}
	if k := int(new(big.Int).Sub(t, given).Int64()); k > 0 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		// Largest remainder first, the earlier part first among equals.
		slices.SortFunc(idx, func(a, b int) int {
			if c := rems[b].Cmp(rems[a]); c != 0 {
				return c
			}
			return a - b
		})
		one := big.NewInt(1)
		for _, i := range idx[:k] {
			floors[i].Add(floors[i], one)
		}
	}
	return floors, nil
}
