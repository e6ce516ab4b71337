package compare

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	money "github.com/Rhymond/go-money"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// The split every library makes: a yearly target of 10,000,000.00 into 12
// months by seasonal weights, and 123,456,789,012.34 into 1,000,000 accounts
// by last year's sales in yuan. The contenders:
//
//   - target.Allocate: largest remainder (Hamilton) in exact arithmetic,
//     ties to the earlier part; decimals in, decimals out.
//     target.AllocateParts: the same split, parts held as int64 cents.
//   - byHand: what a developer writes with shopspring/decimal: divide,
//     round each part to cents, put the rounding difference on the last
//     part. The sum is right by construction; the parts are not always.
//   - go-money's Allocate: int64 minor units and int ratios; every part
//     gets ⌊amount·ratio/sum⌋ and the leftover cents go one each to the
//     first parts, whatever their remainders. amount·ratio is an int64
//     product, so it overflows once it passes 2^63.

// byHand splits total by weights the way a developer writes it in
// shopspring/decimal: each part is total·w/W rounded half away from zero to
// places (decimal's Round), except the last, which takes what is left so
// the sum is right. Div works to decimal.DivisionPrecision (16) digits.
func byHand(total decimal.Decimal, weights []decimal.Decimal, places int32) []decimal.Decimal {
	sum := decimal.Zero
	for _, w := range weights {
		sum = sum.Add(w)
	}
	parts := make([]decimal.Decimal, len(weights))
	given := decimal.Zero
	for i, w := range weights[:len(weights)-1] {
		parts[i] = total.Mul(w).Div(sum).Round(places)
		given = given.Add(parts[i])
	}
	parts[len(parts)-1] = total.Sub(given)
	return parts
}

// roundEach is byHand without the fix-up: every part rounded on its own,
// the first thing a developer writes before finding the sum is off.
func roundEach(total decimal.Decimal, weights []decimal.Decimal, places int32) []decimal.Decimal {
	sum := decimal.Zero
	for _, w := range weights {
		sum = sum.Add(w)
	}
	parts := make([]decimal.Decimal, len(weights))
	for i, w := range weights {
		parts[i] = total.Mul(w).Div(sum).Round(places)
	}
	return parts
}

// goMoney splits cents by int ratios with go-money's Allocate and returns
// the parts in cents. It returns the panic go-money raises, if any, as an
// error.
func goMoney(cents int64, ratios []int) (parts []int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("go-money panicked: %v", r)
		}
	}()
	ms, err := money.New(cents, "CNY").Allocate(ratios...)
	if err != nil {
		return nil, err
	}
	parts = make([]int64, len(ms))
	for i, m := range ms {
		parts[i] = m.Amount()
	}
	return parts, nil
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decs(vs ...int) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vs))
	for i, v := range vs {
		out[i] = decimal.NewFromInt(int64(v))
	}
	return out
}

// cents returns d in units of 0.01; d must have at most two places.
func cents(d decimal.Decimal) int64 { return d.Shift(2).IntPart() }

func sumOf(ps []decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, p := range ps {
		s = s.Add(p)
	}
	return s
}

// The 12-month scenario: 10,000,000.00 by seasonal weights.
var (
	yearTotal   = dec("10000000")
	seasonal    = []int{6, 6, 8, 8, 8, 9, 8, 8, 9, 9, 10, 11}
	seasonalDec = decs(seasonal...)
)

// The 1,000,000-part scenario: last year's sales per account in yuan.
var bulkTotal = dec("123456789012.34")

func millionRatios() []int {
	w := make([]int, 1_000_000)
	for i := range w {
		w[i] = (i*7919)%100_000 + 1
	}
	return w
}

func millionDecimals(rs []int) []decimal.Decimal { return decs(rs...) }

// hamiltonViolations checks parts (in units) against the exact shares
// T·w_i/W and returns what breaks the largest-remainder property: a sum
// other than T, a part a unit or more away from its share, or a part that
// got a leftover unit while a part with a larger remainder did not.
func hamiltonViolations(t int64, ws []int, parts []int64) []string {
	var bad []string
	var wsum, psum big.Int
	for _, w := range ws {
		wsum.Add(&wsum, big.NewInt(int64(w)))
	}
	for _, p := range parts {
		psum.Add(&psum, big.NewInt(p))
	}
	if psum.Cmp(big.NewInt(t)) != 0 {
		bad = append(bad, fmt.Sprintf("sum %v, want %d", &psum, t))
	}
	// Remainder of the leftover winners and losers, as T·w mod W.
	minWon, maxLost := (*big.Int)(nil), (*big.Int)(nil)
	for i, w := range ws {
		var num, q, r big.Int
		num.Mul(big.NewInt(t), big.NewInt(int64(w)))
		q.QuoRem(&num, &wsum, &r)
		switch d := parts[i] - q.Int64(); {
		case d == 0 && r.Sign() > 0:
			if maxLost == nil || r.Cmp(maxLost) > 0 {
				maxLost = new(big.Int).Set(&r)
			}
		case d == 1 && r.Sign() > 0:
			if minWon == nil || r.Cmp(minWon) < 0 {
				minWon = new(big.Int).Set(&r)
			}
		case d != 0:
			bad = append(bad, fmt.Sprintf("part %d = %d, exact share %v %v/%v: a unit or more away", i, parts[i], &q, &r, &wsum))
		}
	}
	if minWon != nil && maxLost != nil && maxLost.Cmp(minWon) > 0 {
		bad = append(bad, fmt.Sprintf("a part with remainder %v/%v got the spare unit while one with %v/%v did not", minWon, &wsum, maxLost, &wsum))
	}
	return bad
}

func centsOf(ps []decimal.Decimal) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = cents(p)
	}
	return out
}

// TestSplitsAgree12 checks the benchmarked 12-month split: all three add up
// to 10,000,000.00, keep the largest-remainder property, and on this input
// give the same parts, so BenchmarkSplit12 times equal work.
func TestSplitsAgree12(t *testing.T) {
	want, err := target.Allocate(yearTotal, seasonalDec, 2)
	if err != nil {
		t.Fatal(err)
	}
	gm, err := goMoney(cents(yearTotal), seasonal)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]int64{
		"target.Allocate": centsOf(want),
		"byHand":          centsOf(byHand(yearTotal, seasonalDec, 2)),
		"go-money":        gm,
	} {
		if bad := hamiltonViolations(cents(yearTotal), seasonal, got); len(bad) > 0 {
			t.Errorf("%s: %v", name, bad)
		}
		if !slices.Equal(got, centsOf(want)) {
			t.Errorf("%s = %v, want %v", name, got, centsOf(want))
		}
	}
}

// TestSplitsAgree1M checks the benchmarked million-part split: all four add
// up to the total. target.Allocate and AllocateParts give the same parts;
// byHand and go-money give other parts (counted here), so the benchmark
// compares the same split done right and done their way.
func TestSplitsAgree1M(t *testing.T) {
	if testing.Short() {
		t.Skip("a million-part split by hand takes about a second")
	}
	rs := millionRatios()
	ws := millionDecimals(rs)
	total := cents(bulkTotal)
	parts, err := target.AllocateParts(bulkTotal, ws, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int64, parts.Len())
	for i := range want {
		want[i] = parts.Units(i)
	}
	if bad := hamiltonViolations(total, rs, want); len(bad) > 0 {
		t.Errorf("target.AllocateParts: %v", bad[:min(3, len(bad))])
	}
	all, err := target.Allocate(bulkTotal, ws, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := centsOf(all); !slices.Equal(got, want) {
		t.Error("target.Allocate and target.AllocateParts differ")
	}
	gm, err := goMoney(total, rs)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]int64{"byHand": centsOf(byHand(bulkTotal, ws, 2)), "go-money": gm} {
		var s int64
		differ := 0
		for i, p := range got {
			s += p
			if p != want[i] {
				differ++
			}
		}
		if s != total {
			t.Errorf("%s sums to %d cents, want %d", name, s, total)
		}
		t.Logf("%s: %d of 1,000,000 parts differ from the largest-remainder split", name, differ)
	}
}

// TestNaiveSplitsBreak shows inputs on which the other ways go wrong while
// target.Allocate keeps every property: the sum, each part within a cent of
// its exact share, and the spare cents on the largest remainders.
func TestNaiveSplitsBreak(t *testing.T) {
	t.Run("round each part: the sum is off", func(t *testing.T) {
		// 100.00 in 3 equal parts: 33.33 three times is 99.99.
		got := sumOf(roundEach(dec("100"), decs(1, 1, 1), 2))
		if got.Equal(dec("100")) {
			t.Errorf("roundEach(100, 1:1:1) sums to %v, want a sum that is off", got)
		}
		parts, err := target.Allocate(dec("100"), decs(1, 1, 1), 2)
		if err != nil || !sumOf(parts).Equal(dec("100")) {
			t.Errorf("target.Allocate(100, 1:1:1) = %v, %v; want parts that sum to 100", parts, err)
		}
	})
	t.Run("difference on the last part: a negative part", func(t *testing.T) {
		// 1.00 over 200 equal accounts: each exact share is 0.005, which
		// rounds half away from zero to 0.01, so 199 parts take 1.99 and
		// the last is 1.00 − 1.99 = −0.99. Largest remainder gives 0.01 to
		// the first 100 and 0 to the rest.
		ws := make([]decimal.Decimal, 200)
		rs := make([]int, 200)
		for i := range ws {
			ws[i], rs[i] = decimal.NewFromInt(1), 1
		}
		naive := byHand(dec("1"), ws, 2)
		if last := naive[199]; !last.Equal(dec("-0.99")) {
			t.Errorf("byHand(1.00, 200 equal)[199] = %v, want -0.99", last)
		}
		if bad := hamiltonViolations(100, rs, centsOf(naive)); len(bad) == 0 {
			t.Error("byHand(1.00, 200 equal) keeps the largest-remainder property, want a violation")
		}
		parts, err := target.Allocate(dec("1"), ws, 2)
		if err != nil {
			t.Fatal(err)
		}
		if bad := hamiltonViolations(100, rs, centsOf(parts)); len(bad) > 0 {
			t.Errorf("target.Allocate(1.00, 200 equal): %v", bad)
		}
	})
	t.Run("go-money: spare cent to the first part, not the largest remainder", func(t *testing.T) {
		// 0.01 by 10:11: exact shares 0.00476 and 0.00524. go-money gives
		// the cent to the first, smaller weight; largest remainder to the
		// second.
		gm, err := goMoney(1, []int{10, 11})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(gm, []int64{1, 0}) {
			t.Errorf("go-money Allocate(0.01, 10:11) = %v, want [1 0]", gm)
		}
		parts, err := target.Allocate(dec("0.01"), decs(10, 11), 2)
		if err != nil {
			t.Fatal(err)
		}
		if got := centsOf(parts); !slices.Equal(got, []int64{0, 1}) {
			t.Errorf("target.Allocate(0.01, 10:11) = %v cents, want [0 1]", got)
		}
	})
	t.Run("go-money: int64 overflow on large ratios", func(t *testing.T) {
		// 100,000,000.00 split by last year's sales in cents, 20,000,000.00
		// and 10,000,000.00: amount·ratio = 10^10 · 2·10^9 passes 2^63,
		// the parts come out wrong, and v1.0.15's leftover loop then runs
		// past the last part and panics (index out of range).
		gm, err := goMoney(10_000_000_000, []int{2_000_000_000, 1_000_000_000})
		if err == nil {
			t.Errorf("go-money Allocate(100,000,000.00, 2e9:1e9) = %v, want a panic from the overflow", gm)
		}
		parts, err := target.Allocate(dec("100000000"), decs(2_000_000_000, 1_000_000_000), 2)
		if err != nil {
			t.Fatal(err)
		}
		if got := centsOf(parts); !slices.Equal(got, []int64{6_666_666_667, 3_333_333_333}) {
			t.Errorf("target.Allocate = %v cents, want [6666666667 3333333333]", got)
		}
	})
}

// TestSplitProperties runs random splits, 2 to 300 parts with weights up
// to 1,000 and totals up to 10,000.00, through target.Allocate and byHand.
// Invariant: target.Allocate keeps the largest-remainder property on every
// one; byHand, whose sum is right by construction, breaks it on some.
func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	naiveBroken := 0
	const runs = 500
	for range runs {
		n := 2 + rng.IntN(299)
		rs := make([]int, n)
		for i := range rs {
			rs[i] = 1 + rng.IntN(1000)
		}
		ws := decs(rs...)
		t64 := 1 + rng.Int64N(1_000_000)
		total := decimal.New(t64, -2)
		parts, err := target.Allocate(total, ws, 2)
		if err != nil {
			t.Fatal(err)
		}
		if bad := hamiltonViolations(t64, rs, centsOf(parts)); len(bad) > 0 {
			t.Fatalf("target.Allocate(%v, %v): %v", total, rs, bad)
		}
		naive := byHand(total, ws, 2)
		if !sumOf(naive).Equal(total) {
			t.Fatalf("byHand(%v, %v) sums to %v", total, rs, sumOf(naive))
		}
		if len(hamiltonViolations(t64, rs, centsOf(naive))) > 0 {
			naiveBroken++
		}
	}
	if naiveBroken == 0 {
		t.Errorf("byHand kept the largest-remainder property on all %d random splits, want some broken", runs)
	}
	t.Logf("byHand broke the largest-remainder property on %d of %d random splits", naiveBroken, runs)
}
