package incentive

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The int64 helpers must give exactly what shopspring's methods give
// (and ratio what exact rational arithmetic gives), on both sides of the
// 18-digit line.
func checkMoney(t *testing.T, a, b decimal.Decimal, at int32) {
	t.Helper()
	eq := func(op string, got, want decimal.Decimal) {
		t.Helper()
		if !got.Equal(want) {
			t.Fatalf("%s(%s, %s) = %s, want %s", op, a, b, got, want)
		}
	}
	if _, frac, _ := strings.Cut(strings.TrimRight(a.StringFixed(40), "0"), "."); places(a) != int32(len(frac)) {
		t.Fatalf("places(%s) = %d, want %d", a, places(a), len(frac))
	}
	eq("add", add(a, b), a.Add(b))
	eq("sub", sub(a, b), a.Sub(b))
	eq("mul", mul(a, b), a.Mul(b))
	if got, want := cmpDec(a, b), a.Cmp(b); got != want {
		t.Fatalf("cmpDec(%s, %s) = %d, want %d", a, b, got, want)
	}
	var ta, tb total
	ta.add(a)
	tb.add(b)
	if got, want := ta.cmp(&tb), a.Cmp(b); got != want {
		t.Fatalf("total.cmp(%s, %s) = %d, want %d", a, b, got, want)
	}
	ta.add(b)
	eq("total", ta.value(), a.Add(b))
	for _, mode := range []RoundingMode{HalfUp, HalfEven, Down} {
		var want decimal.Decimal
		p := a.Mul(b)
		switch mode {
		case HalfUp:
			want = p.Round(at)
		case HalfEven:
			want = p.RoundBank(at)
		default:
			want = p.RoundDown(at)
		}
		eq("mulRound/"+mode.String(), mulRound(a, b, at, mode), want)
		eq("round/"+mode.String(), round(p, at, mode), want)
		if !b.IsZero() {
			eq("ratio/"+mode.String(), ratio(a, b, at, mode), ratRound(a, b, at, mode))
		}
	}
}

// ratRound is a / b rounded with big.Rat, the slow and obvious way.
func ratRound(a, b decimal.Decimal, places int32, mode RoundingMode) decimal.Decimal {
	q := new(big.Rat).Quo(a.Rat(), b.Rat())
	q.Mul(q, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	whole := new(big.Int).Quo(q.Num(), q.Denom())
	rest := new(big.Rat).Sub(q, new(big.Rat).SetInt(whole))
	twice := new(big.Rat).Mul(new(big.Rat).Abs(rest), big.NewRat(2, 1))
	c := twice.Cmp(big.NewRat(1, 1))
	if mode != Down && rest.Sign() != 0 && (c > 0 || (c == 0 && (mode == HalfUp || whole.Bit(0) == 1))) {
		whole.Add(whole, big.NewInt(int64(q.Sign())))
	}
	return decimal.NewFromBigInt(whole, -places)
}

func TestMoneyHelpersMatchDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	gen := func() decimal.Decimal {
		digits := 1 + rng.IntN(22) // some beyond 18 digits
		c := new(big.Int)
		for range digits {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		if rng.IntN(3) == 0 {
			c.Neg(c)
		}
		return decimal.NewFromBigInt(c, -int32(rng.IntN(12)))
	}
	for range 20000 {
		checkMoney(t, gen(), gen(), int32(rng.IntN(5)))
	}
	// Halves, to exercise every rounding mode's tie.
	for _, s := range [][2]string{{"558.125", "1"}, {"-558.125", "1"}, {"558.135", "1"}, {"4465", "0.125"}, {"1", "3"}, {"-2", "3"}, {"5", "2"}} {
		checkMoney(t, decimal.RequireFromString(s[0]), decimal.RequireFromString(s[1]), 2)
	}
}

func FuzzMoneyHelpers(f *testing.F) {
	f.Add(int64(558125), int32(-3), int64(1), int32(0), uint8(2))
	f.Add(int64(-9223372036854775807), int32(-5), int64(99999), int32(-2), uint8(4))
	f.Fuzz(func(t *testing.T, x int64, ex int32, y int64, ey int32, places uint8) {
		if ex < -30 || ex > 10 || ey < -30 || ey > 10 {
			return
		}
		checkMoney(t, decimal.New(x, ex), decimal.New(y, ey), int32(places%8))
	})
}
