package target

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func TestRatioIsNearestFloat(t *testing.T) {
	// ratio must give exactly the float64 nearest to a ÷ b on both its
	// paths: the float division of coefficients below 2^53, and exact
	// rationals for the rest.
	rng := rand.New(rand.NewPCG(31, 32))
	for range 20_000 {
		var a, b decimal.Decimal
		switch rng.IntN(3) {
		case 0: // amounts in cents and whole units: the float path
			a = decimal.New(rng.Int64N(1e12)-5e11, -int32(rng.IntN(3)))
			b = decimal.New(1+rng.Int64N(1e12), -int32(rng.IntN(3)))
		case 1: // coefficients past 2^53
			a = decimal.New(rng.Int64N(1<<62), int32(rng.IntN(5))-2)
			b = decimal.New(1+rng.Int64N(1<<62), int32(rng.IntN(5))-2)
		default: // exponents far apart
			a = decimal.New(1+rng.Int64N(1000), int32(rng.IntN(60))-30)
			b = decimal.New(1+rng.Int64N(1000), int32(rng.IntN(60))-30)
		}
		want, _ := new(big.Rat).Quo(a.Rat(), b.Rat()).Float64()
		if got := ratio(a, b); got != want {
			t.Fatalf("ratio(%s, %s) = %v, want %v", a, b, got, want)
		}
	}
	// Worked values: 6,300,000 of 10,000,000.00 is 0.63; 1 of 3 is the
	// float nearest a third.
	if got := ratio(decimal.NewFromInt(6_300_000), decimal.RequireFromString("10000000.00")); got != 0.63 {
		t.Errorf("ratio(6300000, 10000000.00) = %v, want 0.63", got)
	}
	if got := ratio(decimal.NewFromInt(1), decimal.NewFromInt(3)); got != 1.0/3 {
		t.Errorf("ratio(1, 3) = %v, want %v", got, 1.0/3)
	}
}
