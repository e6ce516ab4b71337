package target_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// randomWeights draws n weights from a few shapes; small sets of values
// make many equal remainders, so the tie-break is exercised.
func randomWeights(rng *rand.Rand, n int) []decimal.Decimal {
	w := make([]decimal.Decimal, n)
	shape := rng.IntN(4)
	for i := range w {
		switch shape {
		case 0: // few distinct values, zeros among them
			w[i] = decimal.NewFromInt(int64(rng.IntN(4)))
		case 1: // mixed exponents
			w[i] = decimal.New(rng.Int64N(100_000), -int32(rng.IntN(4)))
		case 2: // last year's sales
			w[i] = decimal.New(rng.Int64N(1_000_000_000), -2)
		default: // all equal
			w[i] = decimal.NewFromInt(7)
		}
	}
	w[rng.IntN(n)] = decimal.NewFromInt(1 + rng.Int64N(9))
	return w
}

func TestAllocateMatchesNaive(t *testing.T) {
	// Short splits take the scanning selection, long ones (over 32 parts
	// with over 4 units left) the threshold selection; both must give
	// exactly the naive method's parts, tie-break included.
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := range 600 {
		n := 1 + rng.IntN(40)
		if trial%3 == 0 {
			n = 33 + rng.IntN(3000)
		}
		weights := randomWeights(rng, n)
		places := int32(rng.IntN(6)) - 2
		total := decimal.New(rng.Int64N(2_000_000_000_000)-1_000_000_000_000, -places)
		want := naiveHamilton(total, weights, places)

		got, err := target.Allocate(total, weights, places)
		if err != nil {
			t.Fatalf("Allocate(%s, %d weights, %d): %v", total, n, places, err)
		}
		equalDecimals(t, "Allocate", got, want)

		parts, err := target.AllocateParts(total, weights, places)
		if err != nil {
			t.Fatalf("AllocateParts(%s, %d weights, %d): %v", total, n, places, err)
		}
		equalDecimals(t, "AllocateParts", parts.Decimals(), want)
		for i := range want {
			if u := want[i].Shift(places).IntPart(); parts.Units(i) != u || !parts.At(i).Equal(want[i]) {
				t.Fatalf("part %d: Units = %d, At = %s, want %s", i, parts.Units(i), parts.At(i), want[i])
			}
		}

		if places == 0 && weights[0].Exponent() == 0 { // integer weights: AllocateUnits too
			wi := make([]int64, n)
			for i, w := range weights {
				wi[i] = w.IntPart()
			}
			if slices.ContainsFunc(weights, func(w decimal.Decimal) bool { return !w.IsInteger() }) {
				continue
			}
			units, err := target.AllocateUnits(total.IntPart(), wi)
			if err != nil {
				t.Fatal(err)
			}
			for i := range units {
				if units[i] != want[i].IntPart() {
					t.Fatalf("AllocateUnits part %d = %d, want %s", i, units[i], want[i])
				}
			}
		}
	}
}

func TestAllocatePartsWorkedExample(t *testing.T) {
	// 2,500,000 over three equal months at places 2: 250,000,000 cents ÷ 3
	// = 83,333,333 r 1, and the spare cent goes to the first month.
	p, err := target.AllocateParts(d("2500000"), ones(3), 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Len() != 3 || p.Places() != 2 {
		t.Fatalf("Len, Places = %d, %d, want 3, 2", p.Len(), p.Places())
	}
	if got := []int64{p.Units(0), p.Units(1), p.Units(2)}; !slices.Equal(got, []int64{83333334, 83333333, 83333333}) {
		t.Errorf("Units = %v, want [83333334 83333333 83333333]", got)
	}
	if got, want := p.String(), "[833333.34 833333.33 833333.33]"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	// All stops when the caller does.
	var seen []string
	for i, v := range p.All() {
		seen = append(seen, v.StringFixed(2))
		if i == 1 {
			break
		}
	}
	if !slices.Equal(seen, []string{"833333.34", "833333.33"}) {
		t.Errorf("All, stopped after two = %v", seen)
	}
	// A negative total: quota relief of −0.05 over 1:1:1 is −0.02, −0.02, −0.01.
	p, err = target.AllocateParts(d("-0.05"), ones(3), 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.String(); got != "[-0.02 -0.02 -0.01]" {
		t.Errorf("negative split = %s, want [-0.02 -0.02 -0.01]", got)
	}
	if (target.Parts{}).Len() != 0 || (target.Parts{}).String() != "[]" {
		t.Error("the zero Parts is not empty")
	}
}

func TestAllocatePartsRange(t *testing.T) {
	// 10^17 at places 2 is 10^19 cents, past int64 (about 9.2·10^18):
	// AllocateParts refuses it, Allocate splits it.
	total := d("100000000000000000")
	if _, err := target.AllocateParts(total, ones(3), 2); !errors.Is(err, target.ErrRange) {
		t.Errorf("AllocateParts(10^17, places 2) error = %v, want ErrRange", err)
	}
	if _, err := target.Allocate(total, ones(3), 2); err != nil {
		t.Errorf("Allocate(10^17, places 2) error = %v", err)
	}
	// The largest total that fits, split by weights beyond 64 bits (the
	// arbitrary-precision path), still adds up.
	max := decimal.New(1<<63-1, -2)
	huge := decimal.RequireFromString("1e30")
	p, err := target.AllocateParts(max, []decimal.Decimal{huge, huge, d("1")}, 2)
	if err != nil {
		t.Fatal(err)
	}
	equalDecimals(t, "AllocateParts(max, big weights)", p.Decimals(), naiveHamilton(max, []decimal.Decimal{huge, huge, d("1")}, 2))
	// Allocate's other errors come through unchanged.
	for _, tt := range []struct {
		weights []decimal.Decimal
		places  int32
		want    error
	}{
		{nil, 2, target.ErrNoParts},
		{ones(2), 19, target.ErrPlaces},
		{[]decimal.Decimal{d("1"), d("-1")}, 2, target.ErrNegativeWeight},
		{[]decimal.Decimal{d("0"), d("0")}, 2, target.ErrZeroWeights},
	} {
		if _, err := target.AllocateParts(d("1"), tt.weights, tt.places); !errors.Is(err, tt.want) {
			t.Errorf("AllocateParts(1, %v, %d) error = %v, want %v", tt.weights, tt.places, err, tt.want)
		}
	}
	if _, err := target.AllocateParts(d("0.001"), ones(2), 2); !errors.Is(err, target.ErrPrecision) {
		t.Errorf("AllocateParts(0.001, places 2) error = %v, want ErrPrecision", err)
	}
}
