package target_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func TestAllocateWorkedExamples(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []decimal.Decimal
		places  int32
		want    []decimal.Decimal
	}{
		// The seed: 10,000,000 over four even quarters is 2,500,000 each.
		{"year to quarters", "10000000", ones(4), 2, ds("2500000", "2500000", "2500000", "2500000")},
		// 2,500,000 / 3 = 833,333.33⅓: floors 833,333.33 ×3 = 2,499,999.99,
		// one cent left, remainders tie, the earliest month takes it.
		{"quarter to months", "2500000", ones(3), 2, ds("833333.34", "833333.33", "833333.33")},
		// Quota relief splits like a target, with the sign of the total.
		{"negative total", "-2500000", ones(3), 2, ds("-833333.34", "-833333.33", "-833333.33")},
		// 100 by 1:2:3 at places 0: exact 16.67, 33.33, 50 → floors 16, 33, 50
		// (99); one unit left; largest remainder is .67, so 17, 33, 50.
		{"unequal weights", "100", ds("1", "2", "3"), 0, ds("17", "33", "50")},
		// A zero weight gets exactly zero, even when units are left over.
		{"zero weight", "10", ds("0", "1", "1", "1"), 0, ds("0", "4", "3", "3")},
		// Decimal weights: 0.5 and 0.25 are 2:1. 1 / 3 = 0.333…: floors 0.66, 0.33;
		// remainders .0067 and .0033: the first takes the cent.
		{"decimal weights", "1", ds("0.5", "0.25"), 2, ds("0.67", "0.33")},
		// Negative places round to tens of thousands (万): 1,000,000 over 3
		// → 333,333.3 → floors 330,000 ×3 = 990,000; 10,000 left: 340,000 first.
		{"places -4", "1000000", ones(3), -4, ds("340000", "330000", "330000")},
		// Larger than 64 bits takes the arbitrary-precision path:
		// 100000000000000000000000 / 3 = 33333333333333333333333.33⅓.
		{"beyond 64 bits", "100000000000000000000000", ones(3), 2,
			ds("33333333333333333333333.34", "33333333333333333333333.33", "33333333333333333333333.33")},
		// A single part takes everything.
		{"one part", "123.45", ds("7"), 2, ds("123.45")},
		// A total with trailing zeros below the unit is fine: 5.00 at places 0.
		{"trailing zeros", "5.00", ones(2), 0, ds("3", "2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := target.Allocate(d(tt.total), tt.weights, tt.places)
			if err != nil {
				t.Fatalf("Allocate(%s) error: %v", tt.total, err)
			}
			equalDecimals(t, "Allocate("+tt.total+")", got, tt.want)
		})
	}
}

func TestAllocateSeedCascade(t *testing.T) {
	// 10,000,000 → quarters → months: twelve months adding up to the cent.
	quarters, err := target.Allocate(d("10000000"), ones(4), 2)
	if err != nil {
		t.Fatal(err)
	}
	var months []decimal.Decimal
	for _, q := range quarters {
		m, err := target.Allocate(q, ones(3), 2)
		if err != nil {
			t.Fatal(err)
		}
		months = append(months, m...)
	}
	if got := sum(months); !got.Equal(d("10000000")) {
		t.Errorf("sum of months = %s, want 10000000", got)
	}
	if !months[0].Equal(d("833333.34")) || !months[1].Equal(d("833333.33")) || !months[11].Equal(d("833333.33")) {
		t.Errorf("months = %v", months)
	}
}

func TestAllocateErrors(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []decimal.Decimal
		places  int32
		want    error
		field   string
	}{
		{"no parts", "1", nil, 2, target.ErrNoParts, "weights"},
		{"negative weight", "1", ds("1", "-2"), 2, target.ErrNegativeWeight, "weights[1]"},
		{"all zero", "1", ds("0", "0"), 2, target.ErrZeroWeights, "weights"},
		{"places too large", "1", ones(2), 19, target.ErrPlaces, "places"},
		{"places too small", "1", ones(2), -19, target.ErrPlaces, "places"},
		{"more places than allowed", "1.005", ones(2), 2, target.ErrPrecision, "total"},
		{"huge negative weight", "1", ds("1", "-100000000000000000000000"), 2, target.ErrNegativeWeight, "weights[1]"},
		{"huge total all zero", "100000000000000000000000", ds("0"), 2, target.ErrZeroWeights, "weights"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := target.Allocate(d(tt.total), tt.weights, tt.places)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Allocate error = %v, want %v", err, tt.want)
			}
			var fe *target.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Allocate error = %#v, want a *FieldError on %q", err, tt.field)
			}
		})
	}
}

// exactShare returns total·w/W as a rational, in units of 10^-places.
func exactShare(total decimal.Decimal, w, sumW decimal.Decimal, places int32) *big.Rat {
	r := new(big.Rat).Mul(total.Shift(places).Rat(), w.Rat())
	return r.Quo(r, sumW.Rat())
}

// checkHamilton asserts the properties every allocation must have.
func checkHamilton(t *testing.T, total decimal.Decimal, weights, parts []decimal.Decimal, places int32) {
	t.Helper()
	if len(parts) != len(weights) {
		t.Fatalf("%d parts for %d weights", len(parts), len(weights))
	}
	// Parts add up to the total exactly.
	if s := sum(parts); !s.Equal(total) {
		t.Fatalf("parts add up to %s, want %s", s, total)
	}
	sumW := sum(weights)
	one := big.NewRat(1, 1)
	for i, p := range parts {
		// Every part is a whole number of units of the last place…
		if !p.Round(places).Equal(p) {
			t.Fatalf("part %d = %s has more than %d places", i, p, places)
		}
		// …within one unit of its exact share…
		exact := exactShare(total, weights[i], sumW, places)
		diff := new(big.Rat).Sub(new(big.Rat).SetInt(p.Shift(places).BigInt()), exact)
		if diff.Abs(diff).Cmp(one) >= 0 {
			t.Fatalf("part %d = %s is a unit or more from its exact share %s", i, p, exact.FloatString(4))
		}
		// …and a zero weight gets zero.
		if weights[i].IsZero() && !p.IsZero() {
			t.Fatalf("zero-weight part %d = %s", i, p)
		}
	}
	// More weight never gives a smaller part (in magnitude).
	for i := range parts {
		for j := range parts {
			if weights[i].GreaterThan(weights[j]) && parts[i].Abs().LessThan(parts[j].Abs()) {
				t.Fatalf("weight %s > %s but part %s < %s", weights[i], weights[j], parts[i], parts[j])
			}
		}
	}
}

func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := 1 + rng.IntN(12)
		places := int32(rng.IntN(5)) - 1
		weights := make([]decimal.Decimal, n)
		for i := range weights {
			switch rng.IntN(4) {
			case 0:
				weights[i] = decimal.Zero
			case 1:
				weights[i] = decimal.New(rng.Int64N(1_000_000_000), -int32(rng.IntN(6)))
			case 2: // equal weights force ties
				weights[i] = decimal.NewFromInt(3)
			default:
				weights[i] = decimal.NewFromInt(rng.Int64N(100))
			}
		}
		if sum(weights).IsZero() {
			weights[0] = decimal.NewFromInt(1)
		}
		total := decimal.New(rng.Int64N(1_000_000_000_000)-500_000_000_000, -places)
		if trial%10 == 0 { // beyond 64 bits
			total = total.Mul(decimal.RequireFromString("1e12"))
		}
		parts, err := target.Allocate(total, weights, places)
		if err != nil {
			t.Fatalf("Allocate(%s, %v, %d): %v", total, weights, places, err)
		}
		checkHamilton(t, total, weights, parts, places)
	}
}

func TestAllocateFastAndBigPathsAgree(t *testing.T) {
	// The same split with and without an extra 10^20 factor on every weight
	// (which forces the arbitrary-precision path) must give the same parts.
	rng := rand.New(rand.NewPCG(3, 4))
	scale := decimal.RequireFromString("1e20")
	for range 500 {
		n := 1 + rng.IntN(10)
		w := make([]decimal.Decimal, n)
		wBig := make([]decimal.Decimal, n)
		for i := range w {
			w[i] = decimal.NewFromInt(rng.Int64N(50))
			wBig[i] = w[i].Mul(scale).Add(decimal.Zero)
		}
		w[0] = w[0].Add(decimal.NewFromInt(1))
		wBig[0] = w[0].Mul(scale)
		total := decimal.New(rng.Int64N(10_000_000), -2)
		a, err := target.Allocate(total, w, 2)
		if err != nil {
			t.Fatal(err)
		}
		b, err := target.Allocate(total, wBig, 2)
		if err != nil {
			t.Fatal(err)
		}
		equalDecimals(t, "big-path parts", b, a)
	}
}

func TestAllocateUnits(t *testing.T) {
	got, err := target.AllocateUnits(250000000, []int64{1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	// 250,000,000 cents / 3 = 83,333,333.3: the first takes the spare cent.
	if want := []int64{83333334, 83333333, 83333333}; got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("AllocateUnits = %v, want %v", got, want)
	}
	// Weights summing past 64 bits still split exactly.
	got, err = target.AllocateUnits(-10, []int64{1 << 62, 1 << 62, 1 << 62, 1 << 62, 1 << 62})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{-2, -2, -2, -2, -2}; got[0] != want[0] || got[4] != want[4] {
		t.Errorf("AllocateUnits overflowing weights = %v, want %v", got, want)
	}
	if _, err := target.AllocateUnits(1, []int64{0, 0}); !errors.Is(err, target.ErrZeroWeights) {
		t.Errorf("all-zero weights: err = %v, want ErrZeroWeights", err)
	}
	if _, err := target.AllocateUnits(1, []int64{1, -1}); !errors.Is(err, target.ErrNegativeWeight) {
		t.Errorf("negative weight: err = %v, want ErrNegativeWeight", err)
	}
	if _, err := target.AllocateUnits(1, nil); !errors.Is(err, target.ErrNoParts) {
		t.Errorf("no weights: err = %v, want ErrNoParts", err)
	}
	// It agrees with Allocate on random input.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		n := 1 + rng.IntN(8)
		wi := make([]int64, n)
		wd := make([]decimal.Decimal, n)
		for i := range wi {
			wi[i] = rng.Int64N(1000)
			wd[i] = decimal.NewFromInt(wi[i])
		}
		wi[0]++
		wd[0] = decimal.NewFromInt(wi[0])
		total := rng.Int64N(1_000_000) - 500_000
		a, err := target.AllocateUnits(total, wi)
		if err != nil {
			t.Fatal(err)
		}
		b, err := target.Allocate(decimal.NewFromInt(total), wd, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a {
			if b[i].IntPart() != a[i] {
				t.Fatalf("AllocateUnits(%d, %v) = %v, Allocate gives %v", total, wi, a, b)
			}
		}
	}
}

func TestHugeExponentsAreErrors(t *testing.T) {
	// Arithmetic can make decimals that text never decodes to; rescaling
	// them would take unbounded memory, so they are rejected up front.
	huge, tiny := decimal.New(1, 2_000_000_000), decimal.New(1, -2_000_000_000)
	for name, err := range map[string]error{
		"Allocate total":   second(target.Allocate(huge, ones(2), 2)),
		"Allocate weight":  second(target.Allocate(d("1"), []decimal.Decimal{huge, tiny}, 2)),
		"SplitTree total":  second(target.SplitTree(tiny, []target.Unit{{ID: "a"}}, 2)),
		"SplitGrid margin": second(target.SplitGrid(margins(nil, []decimal.Decimal{huge}), margins(nil, []decimal.Decimal{huge}), 0)),
		"SplitTime weight": second(target.SplitTime(d("1"), day("2025-01-01"), day("2025-03-01"), target.Month, 2,
			&target.SplitOptions{Weighting: target.Explicit, Weights: []decimal.Decimal{huge, tiny}})),
		"Track actual":     second(target.Track(monthlyPlan(t), huge, at("2025-06-01"), 2, nil)),
		"PipelineCoverage": second(target.PipelineCoverage(huge, tiny, d("3"))),
		"MarketShare":      second(target.MarketShare(tiny, huge)),
	} {
		if !errors.Is(err, target.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	g := revenueGoal()
	g.Baseline = tiny
	if r := target.Check(g, nil, nil); r.Verdict(target.Measurable).OK || r.Verdict(target.Achievable).OK {
		t.Errorf("Check accepted an out-of-range baseline: %v", r.Failures("en"))
	}
}
