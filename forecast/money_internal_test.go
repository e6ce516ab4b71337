package forecast

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// exactProbUnits computes round-half-even(p·10⁹) with big rationals: the
// definition probUnits implements with 128-bit integers.
func exactProbUnits(p float64) uint64 {
	r := new(big.Rat).SetFloat64(p)
	r.Mul(r, big.NewRat(probScale, 1))
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	twice := new(big.Int).Mul(m, big.NewInt(2))
	switch twice.Cmp(r.Denom()) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Uint64()
}

// TestProbUnits checks probUnits against exact rational arithmetic on
// random probabilities, ties and the edges.
func TestProbUnits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	cases := []float64{0, 1, 0.1, 0.25, 1.0 / 3, 0.5e-9, 1.5e-9, 2.5e-9, math.SmallestNonzeroFloat64, math.Nextafter(1, 0), 0.9999999995}
	for range 20000 {
		cases = append(cases, r.Float64(), float64(r.IntN(1_000_000_001))/probScale, math.Ldexp(r.Float64(), -r.IntN(60)))
	}
	for _, p := range cases {
		if got, want := probUnits(p), exactProbUnits(p); got != want {
			t.Fatalf("probUnits(%v) = %d, want %d", p, got, want)
		}
	}
	if probUnits(0.1) != 100_000_000 {
		t.Errorf("probUnits(0.1) = %d, want 100000000", probUnits(0.1))
	}
}

// TestWeightUnits checks weightUnits against big-integer arithmetic.
func TestWeightUnits(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	for range 20000 {
		units := r.Int64N(math.MaxInt64)
		if r.IntN(2) == 0 {
			units = r.Int64N(1e12)
		}
		pu := r.Uint64N(probScale + 1)
		x := new(big.Int).Mul(big.NewInt(units), new(big.Int).SetUint64(pu))
		q, m := new(big.Int).QuoRem(x, big.NewInt(probScale), new(big.Int))
		if c := m.Cmp(big.NewInt(probScale / 2)); c > 0 || (c == 0 && q.Bit(0) == 1) {
			q.Add(q, big.NewInt(1))
		}
		if got := weightUnits(units, pu); got != q.Int64() {
			t.Fatalf("weightUnits(%d, %d) = %d, want %s", units, pu, got, q)
		}
	}
}

// TestToUnits checks the conversion of decimals to units and the sums'
// conversion back, beyond int64.
func TestToUnits(t *testing.T) {
	cases := []struct {
		d      string
		places int32
		want   int64
		ok     bool
	}{
		{"10.5", 2, 1050, true}, {"10.500", 2, 1050, true}, {"10.505", 2, 0, false}, {"1e3", 0, 1000, true},
		{"92233720368547758.07", 2, math.MaxInt64, true}, {"92233720368547758.08", 2, 0, false},
		{"123456789012345678901234567890", 0, 0, false}, {"0.000", 0, 0, true}, {"-7.25", 2, -725, true},
		{"1e-30", 9, 0, false}, {"12345678901234567890e-10", 2, 123456789012, false},
	}
	for _, c := range cases {
		got, ok := toUnits(decimal.RequireFromString(c.d), c.places)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("toUnits(%s, %d) = %d, %v; want %d, %v", c.d, c.places, got, ok, c.want, c.ok)
		}
	}
	var s sum128
	for range 4 {
		s.add(math.MaxInt64)
	}
	want := new(big.Int).Mul(big.NewInt(math.MaxInt64), big.NewInt(4))
	if got := s.decimal(2); !got.Equal(decimal.NewFromBigInt(want, -2)) {
		t.Errorf("4 × MaxInt64 units = %s, want %s", got, decimal.NewFromBigInt(want, -2))
	}
}
